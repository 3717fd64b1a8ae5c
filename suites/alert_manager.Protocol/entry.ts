/**
 * alert_manager plugins (capabilities.md §3.8, interfaces.md §2.6). Only the proto contract is
 * known: no alert-manager core source could be read. Requests carry what the protos declare
 * (options, domain_id, ...); the rules mirror monitoring.Webhook and notification.Protocol.
 */
import type { ServiceTypeEntry } from '../../src/model/service-type.js';

const PACKAGE = 'spaceone.api.alert_manager.plugin';

export const alertManagerProtocol: ServiceTypeEntry = {
  name: 'alert_manager.Protocol',
  aliases: [],
  description: 'Notification channel of the newer alert-manager service (proto contract only; rules mirror notification.Protocol)',
  protoFiles: ['spaceone/api/alert_manager/plugin/protocol.proto', 'spaceone/api/alert_manager/plugin/notification.proto'],
  services: {
    Protocol: { fullName: `${PACKAGE}.Protocol`, required: true },
    Notification: { fullName: `${PACKAGE}.Notification`, required: true },
  },
  init: { rpc: 'Protocol.init', sends: ['options', 'domain_id'] },
  verify: { rpc: 'Protocol.verify', sends: ['options', 'secret_data', 'domain_id'] },
  metadataSchema: 'alert_manager.Protocol.metadata.json',
  optIn: [
    {
      name: 'dispatch',
      rpc: { rpc: 'Notification.dispatch', sends: ['options', 'secret_data', 'channel_data', 'message', 'notification_type', 'domain_id'] },
      reaches: 'sends a REAL notification through the plugin',
      help: 'JSON|@file with channel_data, message and notification_type (INFO|ERROR|SUCCESS|WARNING)',
      requiredKeys: ['message'],
    },
  ],
};
