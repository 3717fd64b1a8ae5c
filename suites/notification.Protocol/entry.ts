import type { ServiceTypeEntry } from '../../src/model/service-type.js';

const PACKAGE = 'spaceone.api.notification.plugin';

/** notification.Protocol: capabilities.md §3.1, interfaces.md §2.1 and §5. */
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
  optIn: [
    {
      name: 'dispatch',
      rpc: { rpc: 'Notification.dispatch', sends: ['options', 'secret_data', 'channel_data', 'message', 'notification_type'] },
      reaches: 'sends a REAL notification through the plugin',
      help: 'JSON|@file with channel_data, message and notification_type (INFO|ERROR|SUCCESS|WARNING)',
      requiredKeys: ['message'],
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
