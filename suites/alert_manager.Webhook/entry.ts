/**
 * alert_manager.Webhook: only its proto contract is known, so its event rules mirror
 * monitoring.Webhook's, from which it takes the Event.parse input too.
 */
import { coreSource } from '../../src/spec.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { eventInput } from '../monitoring.Webhook/entry.js';

const PACKAGE = 'spaceone.api.alert_manager.plugin';
const PROTOS = 'proto/spaceone/api/alert_manager/plugin';

export const alertManagerWebhook: ServiceTypeEntry = {
  name: 'alert_manager.Webhook',
  aliases: [],
  description: 'Webhook of the newer alert-manager service (proto contract only; rules mirror monitoring.Webhook)',
  // Only this type's files: protocol.proto declares InitRequest/PluginInfo/VerifyRequest too.
  protoFiles: ['spaceone/api/alert_manager/plugin/webhook.proto', 'spaceone/api/alert_manager/plugin/event.proto'],
  services: {
    Webhook: { fullName: `${PACKAGE}.Webhook`, required: true },
    Event: { fullName: `${PACKAGE}.Event`, required: true },
  },
  init: { rpc: 'Webhook.init', sends: ['options', 'domain_id'] },
  verify: { rpc: 'Webhook.verify', sends: ['options', 'domain_id'] },
  metadataSchema: 'alert_manager.Webhook.metadata.json',
  sources: {
    services: [coreSource('docs/core/alert-manager.md#services', 'api', `${PROTOS}/webhook.proto`)],
    init: [coreSource('docs/core/alert-manager.md#rpcs', 'api', `${PROTOS}/webhook.proto`)],
    metadata: [coreSource('docs/core/alert-manager.md#webhook-metadata', 'api', `${PROTOS}/webhook.proto`)],
    verify: [coreSource('docs/core/alert-manager.md#rpcs', 'api', `${PROTOS}/webhook.proto`)],
  },
  optIn: [eventInput(['options', 'data', 'domain_id'], [coreSource('docs/core/alert-manager.md#events', 'api', `${PROTOS}/event.proto`)])],
};
