import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { coreSource } from '../../src/spec.js';

const PACKAGE = 'spaceone.api.notification.plugin';
const CORE = 'src/spaceone/notification';

/** notification.Protocol: docs/core/notification.md. */
export const notificationProtocol: ServiceTypeEntry = {
  name: 'notification.Protocol',
  aliases: [],
  description: 'Notification channel (Slack, e-mail, Telegram, ...) the notification service dispatches through',
  protoFiles: ['spaceone/api/notification/plugin/protocol.proto', 'spaceone/api/notification/plugin/notification.proto'],
  services: {
    Protocol: { fullName: `${PACKAGE}.Protocol`, required: true },
    Notification: { fullName: `${PACKAGE}.Notification`, required: true },
  },
  init: { rpc: 'Protocol.init', sends: ['options'] },
  verify: { rpc: 'Protocol.verify', sends: ['options', 'secret_data'] },
  metadataSchema: 'notification.Protocol.metadata.json',
  sources: {
    services: [coreSource('docs/core/notification.md#rpcs', 'notification', `${CORE}/connector/notification_plugin_connector.py`)],
    init: [coreSource('docs/core/notification.md#rpcs', 'notification', `${CORE}/service/notification_service.py`)],
    metadata: [coreSource('docs/core/notification.md#metadata', 'cloudforet-io/notification@46aaf30', `${CORE}/service/project_channel_service.py`)],
    verify: [coreSource('docs/core/notification.md#verify', 'notification', `${CORE}/connector/notification_plugin_connector.py`)],
    capability: [coreSource('docs/core/notification.md#manifest-capability', 'notification', `${CORE}/service/protocol_service.py`)],
  },
  optIn: [
    {
      name: 'dispatch',
      rpc: { rpc: 'Notification.dispatch', sends: ['options', 'secret_data', 'channel_data', 'message', 'notification_type'] },
      reaches: 'sends a REAL notification through the plugin',
      help: 'JSON|@file with channel_data, message and notification_type (INFO|ERROR|SUCCESS|WARNING; default INFO)',
      requiredKeys: ['message'],
      sources: [coreSource('docs/core/notification.md#rpcs', 'notification', `${CORE}/service/notification_service.py`)],
      // the Notification model defaults notification_type to INFO, so the core always sends one (docs/core/notification.md)
      defaults: { notification_type: 'INFO' },
    },
  ],
  manifest: {
    capabilitySchema: 'capability/notification.Protocol.json',
    shadowedByMetadata: [
      {
        key: 'data_type',
        coreEffect: 'the notification core never reads capability.data_type; it stores and reads channel data by metadata.data_type',
      },
    ],
  },
};
