/**
 * monitoring.Webhook reference plugins: one that conforms (shaped like an SDK webhook: init
 * metadata {}, events with nulls in resource) and one defective variant per rule. They parse a
 * small alerting payload: {alerts: [{id, status: firing|resolved, name, severity, at}]}.
 */
import * as grpc from '@grpc/grpc-js';
import type { Json, JsonObject } from '../../src/grpc/struct.js';
import { requireKeys, StatusError, type UnaryHandler, type Variant } from './server.js';

/** A payload the conforming plugins turn into one ALERT and one RECOVERY. */
export const SAMPLE_PAYLOAD: JsonObject = {
  alerts: [
    { id: 'a1', status: 'firing', name: 'HighCPU', severity: 'critical', at: '2024-05-01T10:00:00Z' },
    { id: 'a2', status: 'resolved', name: 'DiskFull', severity: 'warning', at: '2024-05-01T10:05:00+09:00' },
  ],
};

/** The events a plugin makes of the payload, before a variant breaks one rule. */
export function eventsOf(data: JsonObject | undefined): JsonObject[] {
  const alerts = Array.isArray(data?.['alerts']) ? (data['alerts'] as Json[]) : [];
  return alerts.map((alert) => {
    const item = (alert ?? {}) as JsonObject;
    return {
      event_key: `ref-${String(item['id'])}`,
      event_type: item['status'] === 'resolved' ? 'RECOVERY' : 'ALERT',
      title: String(item['name']),
      description: `${String(item['name'])} is ${String(item['status'])}`,
      severity: item['severity'] === 'critical' ? 'CRITICAL' : 'WARNING',
      rule: String(item['name']),
      occurred_at: String(item['at']),
      additional_info: { source: 'reference', id: item['id'] ?? null },
    };
  });
}

/** monitoring's EventInfo also carries a resource Struct; SDK plugins fill it with nulls. */
function monitoringEvents(data: JsonObject | undefined): JsonObject[] {
  return eventsOf(data).map((event) => ({ ...event, resource: { resource_id: null, name: null, resource_type: null } }));
}

const init: UnaryHandler = (request) => {
  requireKeys(request, ['options']);
  return { metadata: {} };
};

const verify: UnaryHandler = (request) => {
  requireKeys(request, ['options']);
  return {};
};

function parseWith(change?: (events: JsonObject[]) => void): UnaryHandler {
  return (request) => {
    requireKeys(request, ['options', 'data']);
    const events = monitoringEvents(request['data'] as JsonObject);
    change?.(events);
    return { results: events };
  };
}

const conforming: Variant = {
  description: 'conforms to every monitoring.Webhook rule',
  handlers: { 'Webhook.init': init, 'Webhook.verify': verify, 'Event.parse': parseWith() },
};

function eventsWith(description: string, change: (events: JsonObject[]) => void): Variant {
  return { description, handlers: { ...conforming.handlers, 'Event.parse': parseWith(change) } };
}

function first(events: JsonObject[]): JsonObject {
  return events[0] ?? {};
}

export const monitoringWebhookVariants: Record<string, Variant> = {
  conforming,
  'init-without-metadata': {
    description: 'init answers PluginInfo without metadata, which the core stores as empty (tolerated)',
    handlers: { ...conforming.handlers, 'Webhook.init': () => ({}) },
  },
  'init-error': {
    description: 'init fails',
    handlers: {
      ...conforming.handlers,
      'Webhook.init': () => {
        throw new StatusError(grpc.status.INVALID_ARGUMENT, 'ERROR_NOT_SUPPORTED_OPTION: unknown option');
      },
    },
  },
  'verify-error': {
    description: 'verify fails (a failure: verify answers OK whenever it runs; the real aws-sns webhook\'s verify answers {})',
    handlers: {
      ...conforming.handlers,
      'Webhook.verify': () => {
        throw new StatusError(grpc.status.INVALID_ARGUMENT, 'ERROR_REQUIRED_PARAMETER: Required parameter. (key = secret_data)');
      },
    },
  },
  'parse-error': {
    description: 'Event.parse fails on the payload',
    handlers: {
      ...conforming.handlers,
      'Event.parse': () => {
        throw new StatusError(grpc.status.INTERNAL, 'ERROR_UNKNOWN: KeyError alerts');
      },
    },
  },
  'no-event-key': eventsWith('an event without event_key', (events) => {
    delete first(events)['event_key'];
  }),
  'bad-event-type': eventsWith('an event whose event_type is neither ALERT nor RECOVERY', (events) => {
    first(events)['event_type'] = 'FIRING';
  }),
  'bad-occurred-at': eventsWith('an event whose occurred_at the core cannot parse', (events) => {
    first(events)['occurred_at'] = '2024-05-01 10:00 UTC';
  }),
  'unknown-severity': eventsWith('an event whose severity is outside the enum', (events) => {
    first(events)['severity'] = 9;
  }),
  'error-event': eventsWith('an event of type ERROR, which the monitoring Event model accepts (the alert opens in state ERROR)', (events) => {
    first(events)['event_type'] = 'ERROR';
  }),
  'no-title': eventsWith('an event without title (tolerated: a warning)', (events) => {
    delete first(events)['title'];
  }),
  'no-occurred-at': eventsWith('an event without occurred_at (tolerated: a warning)', (events) => {
    delete first(events)['occurred_at'];
  }),
};
