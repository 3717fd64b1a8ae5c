/**
 * inventory.Collector reference plugins: one that conforms, one defective variant per rule the
 * harness checks (each breaking exactly that rule), and variants the core tolerates.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { hang, requireKeys, StatusError, type StreamHandler, type UnaryHandler, type Variant } from './server.js';

/** Metadata shaped like a 1.x collector that ships a managed collector rule. */
export function conformingMetadata(): JsonObject {
  return {
    supported_resource_type: ['inventory.CloudService', 'inventory.CloudServiceType', 'inventory.Region'],
    supported_schedules: ['hours'],
    supported_features: ['garbage_collection'],
    filter_format: [],
    options_schema: {
      type: 'object',
      properties: { regions: { type: 'array', title: 'Regions', items: { type: 'string' } } },
    },
    collector_rules: [
      {
        name: 'match-service-account',
        order: 1,
        conditions: [{ key: 'data.account_id', value: '123456789012', operator: 'eq' }],
        conditions_policy: 'ALL',
        actions: { match_service_account: { source: 'account', target: 'data.account_id' } },
        options: { stop_processing: true },
        tags: {},
      },
    ],
  };
}

function region(code: string): JsonObject {
  return {
    state: 'SUCCESS',
    resource_type: 'inventory.Region',
    match_rules: { '1': ['provider', 'region_code'] },
    resource: { name: code, region_code: code, provider: 'aws', tags: {} },
  };
}

function conformingStream(taskOptions: JsonObject | undefined): JsonObject[] {
  const code = typeof taskOptions?.['region'] === 'string' ? taskOptions['region'] : 'global';
  return [
    {
      state: 'SUCCESS',
      resource_type: 'inventory.CloudServiceType',
      match_rules: { '1': ['name', 'group', 'provider'] },
      resource: { name: 'Instance', group: 'EC2', provider: 'aws' },
    },
    region(code),
    {
      state: 'SUCCESS',
      resource_type: 'inventory.CloudService',
      match_rules: { '1': ['reference.resource_id', 'provider', 'cloud_service_type', 'cloud_service_group'] },
      resource: { name: 'web-1', provider: 'aws', cloud_service_group: 'EC2', cloud_service_type: 'Instance', region_code: code, reference: { resource_id: 'i-0abc' }, data: { cpu: 2 } },
    },
  ];
}

const init: UnaryHandler = (request) => {
  requireKeys(request, ['options']);
  return { metadata: conformingMetadata() };
};

const collect: StreamHandler = (request) => {
  // 1.x collectors check filter too; the core always sends {}.
  requireKeys(request, ['options', 'secret_data', 'filter']);
  return conformingStream(request['task_options'] as JsonObject | undefined);
};

const conforming: Variant = {
  description: 'conforms to every inventory.Collector rule',
  handlers: {
    'Collector.init': init,
    'Collector.verify': (request) => {
      requireKeys(request, ['options', 'secret_data']);
      return {};
    },
    'Collector.collect': collect,
    'Job.get_tasks': (request) => {
      requireKeys(request, ['options', 'secret_data']);
      return { tasks: [{ task_options: { region: 'ap-northeast-2' } }, { task_options: { region: 'global' } }] };
    },
  },
};

function withMetadata(description: string, change: (metadata: JsonObject) => void): Variant {
  return {
    description,
    handlers: {
      ...conforming.handlers,
      'Collector.init': (request) => {
        requireKeys(request, ['options']);
        const metadata = conformingMetadata();
        change(metadata);
        return { metadata };
      },
    },
  };
}

function withRule(description: string, change: (rule: JsonObject) => void): Variant {
  return withMetadata(description, (metadata) => change((metadata['collector_rules'] as JsonObject[])[0] as JsonObject));
}

function withStream(description: string, change: (items: JsonObject[]) => void): Variant {
  return {
    description,
    handlers: {
      ...conforming.handlers,
      'Collector.collect': (request, metadata) => {
        const items = collect(request, metadata) as JsonObject[];
        change(items);
        return items;
      },
    },
  };
}

let initCalls = 0;

export const inventoryCollectorVariants: Record<string, Variant> = {
  conforming,
  // Defective: one rule each.
  'no-metadata': { description: 'init answers without metadata', handlers: { ...conforming.handlers, 'Collector.init': () => ({}) } },
  'rules-not-list': withMetadata('collector_rules is an object, not a list', (metadata) => {
    metadata['collector_rules'] = { order: 1 };
  }),
  'rule-without-order': withRule('a collector rule has no order', (rule) => {
    delete rule['order'];
  }),
  'rule-order-not-int': withRule('a collector rule order is no integer', (rule) => {
    rule['order'] = 'first';
  }),
  'rule-name-not-string': withRule('a collector rule name is a number', (rule) => {
    rule['name'] = 7;
  }),
  'rule-condition-without-value': withRule('a condition has no value', (rule) => {
    delete ((rule['conditions'] as JsonObject[])[0] as JsonObject)['value'];
  }),
  'rule-bad-operator': withRule('a condition operator is not eq, contain, not or not_contain', (rule) => {
    ((rule['conditions'] as JsonObject[])[0] as JsonObject)['operator'] = 'gt';
  }),
  'rule-bad-policy': withRule('conditions_policy is not ALL, ANY or ALWAYS', (rule) => {
    rule['conditions_policy'] = 'SOME';
  }),
  'rule-actions-not-object': withRule('actions is a string', (rule) => {
    rule['actions'] = 'match_service_account';
  }),
  'invalid-options-schema': withMetadata('options_schema is not a valid JSON Schema', (metadata) => {
    metadata['options_schema'] = { type: 'object', properties: { regions: { type: 'list' } } };
  }),
  nondeterministic: withMetadata('metadata changes from one init to the next', (metadata) => {
    metadata['generated_at'] = `call-${++initCalls}`;
  }),
  'verify-error': {
    description: 'verify rejects the credentials',
    handlers: {
      ...conforming.handlers,
      'Collector.verify': () => {
        throw new StatusError(grpc.status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE: access key rejected');
      },
    },
  },
  'task-without-options': {
    description: 'Job.get_tasks answers a task without task_options',
    handlers: { ...conforming.handlers, 'Job.get_tasks': (): JsonObject => ({ tasks: [{ task_options: { region: 'global' } }, {}] }) },
  },
  'collect-unknown-state': withStream('a resource carries a state number ResourceInfo.State does not name', (items) => {
    (items[1] as JsonObject)['state'] = 42;
  }),
  'collect-without-resource-type': withStream('a resource has no resource_type', (items) => {
    delete (items[2] as JsonObject)['resource_type'];
  }),
  'collect-unknown-resource-type': withStream('a resource_type the core has no manager for', (items) => {
    (items[2] as JsonObject)['resource_type'] = 'inventory.Instance';
  }),
  'collect-without-match-rules': withStream('a cloud service without match_rules', (items) => {
    delete (items[2] as JsonObject)['match_rules'];
  }),
  'collect-stream-error': {
    description: 'the collect stream ends with an error after one resource',
    handlers: {
      ...conforming.handlers,
      'Collector.collect': async function* (request) {
        yield conformingStream(request['task_options'] as JsonObject | undefined)[0] as JsonObject;
        throw new StatusError(grpc.status.INTERNAL, 'ERROR_UNKNOWN: region listing failed');
      },
    },
  },
  'collect-hangs': {
    description: 'the collect stream never ends',
    handlers: {
      ...conforming.handlers,
      'Collector.collect': async function* () {
        yield region('global');
        await hang();
      },
    },
  },
  'collect-slow': {
    description: 'a long collection: a resource every 300 ms for 2.4 s, every gap within a 1 s deadline, the whole longer',
    handlers: {
      ...conforming.handlers,
      'Collector.collect': async function* () {
        for (let index = 0; index < 8; index += 1) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          yield region(`region-${index}`);
        }
      },
    },
  },
  // Tolerated by the core: pass, with a warning where a person should know.
  'no-job': { ...conforming, description: 'serves no Job service (the core then collects once without task_options)', omitServices: ['Job'] },
  'job-fails': {
    description: 'Job.get_tasks fails (the core swallows it)',
    handlers: {
      ...conforming.handlers,
      'Job.get_tasks': () => {
        throw new StatusError(grpc.status.INTERNAL, 'ERROR_UNKNOWN: cannot list regions');
      },
    },
  },
  concurrency: withMetadata('declares concurrency, which the core never applies', (metadata) => {
    metadata['concurrency'] = 4;
  }),
  'collect-failure-item': withStream('reports one resource it failed to collect as FAILURE', (items) => {
    items.push({ state: 'FAILURE', resource_type: 'inventory.ErrorResource', message: 'AccessDenied on ec2:DescribeInstances', resource: {} });
  }),
};
