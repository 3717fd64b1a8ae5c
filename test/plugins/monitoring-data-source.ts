/**
 * monitoring.DataSource reference plugins: a conforming METRIC and LOG source, a METRIC source
 * that also serves Log (as CloudWatch does), and one defective variant per rule.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { requireKeys, StatusError, type StreamHandler, type UnaryHandler, type Variant } from './server.js';

export function metricMetadata(): JsonObject {
  return { supported_stat: ['AVERAGE', 'MAX', 'MIN', 'SUM'], required_keys: ['data.cloudwatch'], supported_providers: ['aws'] };
}

export function logMetadata(): JsonObject {
  return {
    required_keys: ['data.cloudtrail'],
    view: { table: { layout: { name: 'trail', type: 'table', options: { fields: [{ type: 'text', name: 'Event', key: 'event_name' }] } } } },
    supported_providers: ['aws'],
  };
}

const initWith = (metadata: () => JsonObject): UnaryHandler => (request) => {
  requireKeys(request, ['options']);
  return { metadata: metadata() };
};

const verify: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'secret_data']);
  return {};
};

const metricList: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'secret_data', 'query']);
  return { metrics: [{ key: 'CPUUtilization', name: 'CPU utilization', group: 'EC2', unit: { x: 'Timestamp', y: 'Percent' }, metric_query: { InstanceId: 'i-0123' } }] };
};

const metricData: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'secret_data', 'metric_query', 'metric', 'start', 'end']);
  return { labels: ['2024-01-01T00:00:00.000Z', '2024-01-01T00:05:00.000Z'], values: { 'i-0123': [12.5, 14] } };
};

const logList: StreamHandler = (request) => {
  requireKeys(request, ['options', 'secret_data', 'query']);
  return [{ results: [{ event_name: 'ConsoleLogin', username: 'alice' }] }, { results: [{ event_name: 'StopInstances', username: 'bob' }] }];
};

const metricSource: Variant = {
  description: 'a conforming METRIC source: DataSource and Metric',
  handlers: { 'DataSource.init': initWith(metricMetadata), 'DataSource.verify': verify, 'Metric.list': metricList, 'Metric.get_data': metricData },
  omitServices: ['Log'],
};

const logSource: Variant = {
  description: 'a conforming LOG source: DataSource and Log',
  handlers: { 'DataSource.init': initWith(logMetadata), 'DataSource.verify': verify, 'Log.list': logList },
  omitServices: ['Metric'],
};

function metricWith(description: string, change: (metadata: JsonObject) => void): Variant {
  return { ...metricSource, description, handlers: { ...metricSource.handlers, 'DataSource.init': initWith(() => changed(metricMetadata(), change)) } };
}

function logWith(description: string, change: (metadata: JsonObject) => void): Variant {
  return { ...logSource, description, handlers: { ...logSource.handlers, 'DataSource.init': initWith(() => changed(logMetadata(), change)) } };
}

function changed(metadata: JsonObject, change: (metadata: JsonObject) => void): JsonObject {
  change(metadata);
  return metadata;
}

function failing(code: grpc.status, details: string): () => never {
  return () => {
    throw new StatusError(code, details);
  };
}

let initCalls = 0;

export const monitoringDataSourceVariants: Record<string, Variant> = {
  // The default a run starts (npm start, generic tests): a METRIC source.
  conforming: metricSource,
  'metric': metricSource,
  'log': logSource,
  'metric-also-serving-log': {
    description: 'a conforming METRIC source that also serves Log, as the CloudWatch plugin does',
    handlers: { ...metricSource.handlers, 'Log.list': logList },
  },
  'rogue-key': metricWith('METRIC metadata with a key the strict model does not declare', (metadata) => {
    metadata['supported_resource_type'] = ['inventory.Server'];
  }),
  'no-supported-stat': metricWith('METRIC metadata without the required supported_stat', (metadata) => {
    delete metadata['supported_stat'];
  }),
  'numeric-stats': metricWith('supported_stat holds numbers, which arrive as floats schematics will not cast', (metadata) => {
    metadata['supported_stat'] = [1, 5];
  }),
  'empty-required-keys': metricWith('METRIC metadata with required_keys []', (metadata) => {
    metadata['required_keys'] = [];
  }),
  'view-not-object': logWith('LOG metadata whose view is not a mapping', (metadata) => {
    metadata['view'] = 'table';
  }),
  'log-without-required-keys': logWith('LOG metadata without required_keys', (metadata) => {
    delete metadata['required_keys'];
  }),
  'no-query-service': { ...metricSource, description: 'METRIC metadata but neither Metric nor Log served', omitServices: ['Metric', 'Log'] },
  'ambiguous': {
    description: 'serves Metric and Log, metadata with neither supported_stat nor view',
    handlers: { ...metricSource.handlers, 'Log.list': logList, 'DataSource.init': initWith(() => ({ required_keys: ['data.x'] })) },
  },
  'nondeterministic': metricWith('metadata changes from one init to the next', (metadata) => {
    metadata['required_keys'] = [`data.key-${++initCalls}`];
  }),
  'verify-error': {
    ...metricSource,
    description: 'verify rejects the credentials',
    handlers: { ...metricSource.handlers, 'DataSource.verify': failing(grpc.status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE: AWS rejected the access key') },
  },
  'metric-without-key': {
    ...metricSource,
    description: 'Metric.list answers metrics without key or metric_query',
    handlers: { ...metricSource.handlers, 'Metric.list': () => ({ metrics: [{ name: 'CPU utilization' }] }) },
  },
  'metric-list-error': {
    ...metricSource,
    description: 'Metric.list fails',
    handlers: { ...metricSource.handlers, 'Metric.list': failing(grpc.status.INTERNAL, 'ERROR_UNKNOWN: CloudWatch throttled') },
  },
  'metric-data-error': {
    ...metricSource,
    description: 'Metric.get_data fails',
    handlers: { ...metricSource.handlers, 'Metric.get_data': failing(grpc.status.INTERNAL, 'ERROR_UNKNOWN: bad period') },
  },
  'log-list-error': {
    ...logSource,
    description: 'Log.list ends its stream with an error after one message',
    handlers: {
      ...logSource.handlers,
      'Log.list': async function* () {
        yield { results: [{ event_name: 'ConsoleLogin' }] };
        throw new StatusError(grpc.status.INTERNAL, 'ERROR_UNKNOWN: CloudTrail lookup failed');
      },
    },
  },
};
