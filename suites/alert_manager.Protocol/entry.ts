/**
 * alert_manager plugins (docs/core/alert-manager.md). Only the proto contract is
 * known: no alert-manager core source could be read. Requests carry what the protos declare
 * (options, domain_id, ...); the rules mirror monitoring.Webhook and notification.Protocol.
 */
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { coreSource } from '../../src/spec.js';

const PACKAGE = 'spaceone.api.alert_manager.plugin';
const PROTOS = 'proto/spaceone/api/alert_manager/plugin';

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
  sources: {
    services: [coreSource('docs/core/alert-manager.md#services', 'api', `${PROTOS}/protocol.proto`)],
    init: [coreSource('docs/core/alert-manager.md#rpcs', 'api', `${PROTOS}/protocol.proto`)],
    metadata: [coreSource('docs/core/alert-manager.md#protocol-metadata', 'api', `${PROTOS}/protocol.proto`)],
    verify: [coreSource('docs/core/alert-manager.md#rpcs', 'api', `${PROTOS}/protocol.proto`)],
  },
  optIn: [
    {
      name: 'dispatch',
      rpc: { rpc: 'Notification.dispatch', sends: ['options', 'secret_data', 'channel_data', 'message', 'notification_type', 'domain_id'] },
      reaches: 'sends a REAL notification through the plugin',
      help: 'JSON|@file with channel_data, message and notification_type (INFO|ERROR|SUCCESS|WARNING; default INFO)',
      requiredKeys: ['message'],
      sources: [coreSource('docs/core/alert-manager.md#dispatch', 'api', `${PROTOS}/notification.proto`)],
      // as notification.Protocol: the notification core always sends notification_type, INFO by default
      defaults: { notification_type: 'INFO' },
    },
  ],
};
