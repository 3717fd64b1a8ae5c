import type { OptInInput, ServiceTypeEntry } from '../../src/model/service-type.js';
import { coreSource, type CheckSource } from '../../src/spec.js';

const PACKAGE = 'spaceone.api.monitoring.plugin';
const CORE = 'src/spaceone/monitoring';

/** The sample payload for Event.parse; alert_manager.Webhook takes the same flag. */
export const eventInput = (sends: readonly string[], sources: readonly CheckSource[]): OptInInput => ({
  name: 'event',
  rpc: { rpc: 'Event.parse', sends },
  reaches: 'parses a sample webhook payload (a plugin may fetch URLs it names, e.g. an SNS SubscribeURL)',
  help: 'JSON|@file: the payload as the alerting tool POSTs it, sent as Event.parse data',
  requiredKeys: [],
  field: 'data',
  sources,
});

/** monitoring.Webhook: docs/core/monitoring.md. */
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
  sources: {
    services: [coreSource('docs/core/monitoring.md#webhook-services', 'monitoring', `${CORE}/manager/webhook_plugin_manager.py`)],
    init: [coreSource('docs/core/monitoring.md#webhook-rpcs', 'monitoring', `${CORE}/service/webhook_service.py`)],
    metadata: [coreSource('docs/core/monitoring.md#webhook-metadata', 'monitoring', `${CORE}/manager/webhook_plugin_manager.py`)],
    verify: [coreSource('docs/core/monitoring.md#webhook-verify', 'monitoring', `${CORE}/service/webhook_service.py`)],
  },
  optIn: [
    eventInput(
      ['options', 'data'],
      [
        coreSource('docs/core/monitoring.md#events', 'monitoring', `${CORE}/service/event_service.py`),
        coreSource('docs/core/monitoring.md#events', 'cloudforet-io/monitoring@3233ddc', `${CORE}/model/event_model.py`),
      ],
    ),
  ],
};
