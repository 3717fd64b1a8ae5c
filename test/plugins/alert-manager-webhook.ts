/**
 * alert_manager.Webhook reference plugins: the monitoring.Webhook ones on the alert_manager
 * protos (enum event_type, alert_manager.v1 severities, domain_id required as its SDK-style
 * request models would), one defective variant per rule.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { eventsOf } from './monitoring-webhook.js';
import { requireKeys, StatusError, type UnaryHandler, type Variant } from './server.js';

const init: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'domain_id']);
  return { metadata: {} };
};

const verify: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'domain_id']);
  return {};
};

function parseWith(change?: (events: JsonObject[]) => void): UnaryHandler {
  return (request) => {
    requireKeys(request, ['options', 'data', 'domain_id']);
    const events = eventsOf(request['data'] as JsonObject).map((event) => ({ ...event, resources: ['vm-web-01'] }));
    change?.(events);
    return { results: events };
  };
}

const conforming: Variant = {
  description: 'conforms to every alert_manager.Webhook rule',
  handlers: { 'Webhook.init': init, 'Webhook.verify': verify, 'Event.parse': parseWith() },
};

function eventsWith(description: string, change: (events: JsonObject[]) => void): Variant {
  return { description, handlers: { ...conforming.handlers, 'Event.parse': parseWith(change) } };
}

function first(events: JsonObject[]): JsonObject {
  return events[0] ?? {};
}

export const alertManagerWebhookVariants: Record<string, Variant> = {
  conforming,
  'verify-error': {
    description: 'verify fails (a failure, as for every type)',
    handlers: {
      ...conforming.handlers,
      'Webhook.verify': () => {
        throw new StatusError(grpc.status.INTERNAL, 'ERROR_UNKNOWN: not supported');
      },
    },
  },
  'unset-event-type': eventsWith('an event whose event_type is EVENT_TYPE_NONE (unset)', (events) => {
    first(events)['event_type'] = 'EVENT_TYPE_NONE';
  }),
  'no-event-key': eventsWith('an event without event_key', (events) => {
    delete first(events)['event_key'];
  }),
  'bad-occurred-at': eventsWith('an event whose occurred_at the core cannot parse', (events) => {
    first(events)['occurred_at'] = 'yesterday';
  }),
  'unknown-severity': eventsWith('an event whose severity is NOT_AVAILABLE, which alert_manager.v1.EventSeverity lacks', (events) => {
    first(events)['severity'] = 7;
  }),
};
