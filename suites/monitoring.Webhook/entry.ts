import type { OptInInput, ServiceTypeEntry } from '../../src/model/service-type.js';

const PACKAGE = 'spaceone.api.monitoring.plugin';

/** The sample payload for Event.parse; alert_manager.Webhook takes the same flag. */
export const eventInput = (sends: readonly string[]): OptInInput => ({
  name: 'event',
  rpc: { rpc: 'Event.parse', sends },
  reaches: 'parses a sample webhook payload (a plugin may fetch URLs it names, e.g. an SNS SubscribeURL)',
  help: 'JSON|@file: the payload as the alerting tool POSTs it, sent as Event.parse data',
  requiredKeys: [],
  field: 'data',
});

/** monitoring.Webhook: capabilities.md §3.4, interfaces.md §2.4 and §5. */
export const monitoringWebhook: ServiceTypeEntry = {
  name: 'monitoring.Webhook',
  aliases: [],
  description: 'Webhook that turns alerts POSTed by a monitoring tool (Grafana, SNS, Azure Monitor, ...) into monitoring events',
  protoFiles: ['spaceone/api/monitoring/plugin/webhook.proto', 'spaceone/api/monitoring/plugin/event.proto'],
  services: {
    Webhook: { fullName: `${PACKAGE}.Webhook`, required: true },
    Event: { fullName: `${PACKAGE}.Event`, required: true },
  },
  init: { rpc: 'Webhook.init', sends: ['options'] },
  verify: { rpc: 'Webhook.verify', sends: ['options'] },
  metadataSchema: 'monitoring.Webhook.metadata.json',
  optIn: [eventInput(['options', 'data'])],
};
