/**
 * cost_analysis.DataSource reference plugins: one that conforms, one defective variant per rule
 * the harness checks (each breaking exactly that rule), and variants the core tolerates.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { requireKeys, StatusError, type StreamHandler, type UnaryHandler, type Variant } from './server.js';

/** Metadata shaped like a 2.x SDK data source: unused actions and defaults sent as null. */
export function conformingMetadata(): JsonObject {
  return {
    data_source_rules: [
      {
        name: 'match_service_account',
        conditions: [],
        conditions_policy: 'ALWAYS',
        actions: {
          match_workspace: null,
          match_service_account: { source: 'additional_info.Account Id', target: 'data.account_id' },
          match_project: null,
          change_project: null,
          add_additional_info: null,
        },
        options: { stop_processing: true },
        tags: {},
      },
      {
        name: 'production-tag',
        conditions: [
          { key: 'tags.env', value: 'prod', operator: 'eq' },
          { key: 'provider', value: 'aws', operator: 'eq' },
        ],
        conditions_policy: 'ALL',
        actions: { match_project: { source: 'tags.project', target: 'name' } },
        options: { stop_processing: false },
        tags: {},
      },
    ],
    supported_secret_types: ['MANUAL'],
    currency: 'USD',
    alias: {},
    use_account_routing: false,
    account_match_key: null,
    account_connect_polices: [],
    additional_info: null,
  };
}

const init: UnaryHandler = (request) => {
  // The SDK's init model requires domain_id.
  requireKeys(request, ['options', 'domain_id']);
  return { metadata: conformingMetadata() };
};

const getData: StreamHandler = (request) => {
  requireKeys(request, ['options', 'secret_data', 'task_options', 'domain_id']);
  return [
    { results: [{ cost: 12.5, usage_quantity: 24, usage_unit: 'Hrs', provider: 'aws', region_code: 'us-east-1', product: 'AmazonEC2', usage_type: 'BoxUsage:t3.micro', billed_date: '2024-01-01', additional_info: { 'Account Id': '123456789012' }, tags: { env: 'prod' }, data: {} }] },
    { results: [{ cost: 0.4, provider: 'aws', product: 'AmazonS3', billed_date: '2024-01-02', additional_info: { 'Account Id': '123456789012' } }] },
  ];
};

const conforming: Variant = {
  description: 'conforms to every cost_analysis.DataSource rule',
  handlers: {
    'DataSource.init': init,
    'DataSource.verify': (request) => {
      requireKeys(request, ['options', 'secret_data', 'domain_id']);
      return {};
    },
    'Job.get_tasks': (request) => {
      requireKeys(request, ['options', 'secret_data', 'domain_id']);
      return { tasks: [{ task_options: { start: '2024-01', account_id: '123456789012' } }], changed: [{ start: '2024-01' }], synced_accounts: [] };
    },
    'Cost.get_data': getData,
  },
};

function withMetadata(description: string, change: (metadata: JsonObject) => void, extra: Variant['handlers'] = {}): Variant {
  return {
    description,
    handlers: {
      ...conforming.handlers,
      ...extra,
      'DataSource.init': (request) => {
        requireKeys(request, ['options', 'domain_id']);
        const metadata = conformingMetadata();
        change(metadata);
        return { metadata };
      },
    },
  };
}

/** Changes the second rule, the one with conditions. */
function withRule(description: string, change: (rule: JsonObject) => void): Variant {
  return withMetadata(description, (metadata) => change((metadata['data_source_rules'] as JsonObject[])[1] as JsonObject));
}

function firstCondition(rule: JsonObject): JsonObject {
  return (rule['conditions'] as JsonObject[])[0] as JsonObject;
}

function routing(metadata: JsonObject): void {
  metadata['use_account_routing'] = true;
  metadata['account_match_key'] = 'additional_info.Account Id';
}

const linkedAccounts: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'secret_data', 'domain_id']);
  return { results: [{ account_id: '123456789012', name: 'production' }] };
};

let initCalls = 0;

export const costAnalysisDataSourceVariants: Record<string, Variant> = {
  conforming,
  routing: withMetadata('conforms with use_account_routing on and Cost.get_linked_accounts served', routing, { 'Cost.get_linked_accounts': linkedAccounts }),
  // Defective: one rule each.
  'no-metadata': { description: 'init answers without metadata', handlers: { ...conforming.handlers, 'DataSource.init': () => ({}) } },
  'missing-currency': withMetadata('no currency', (metadata) => {
    delete metadata['currency'];
  }),
  'currency-not-string': withMetadata('currency is a number', (metadata) => {
    metadata['currency'] = 840;
  }),
  'rules-not-list': withMetadata('data_source_rules is null', (metadata) => {
    metadata['data_source_rules'] = null;
  }),
  'rule-without-policy': withRule('a rule has no conditions_policy', (rule) => {
    delete rule['conditions_policy'];
  }),
  'rule-bad-policy': withRule('a rule conditions_policy is not ALL, ANY or ALWAYS', (rule) => {
    rule['conditions_policy'] = 'SOMETIMES';
  }),
  'rule-without-actions': withRule('a rule has no actions', (rule) => {
    delete rule['actions'];
  }),
  'rule-without-conditions': withRule('an ANY rule has no conditions', (rule) => {
    rule['conditions_policy'] = 'ANY';
    rule['conditions'] = [];
  }),
  'rule-bad-condition-key': withRule('a condition key the core does not support', (rule) => {
    firstCondition(rule)['key'] = 'service_code';
  }),
  'rule-bad-operator': withRule('a condition operator is not eq, contain, not or not_contain', (rule) => {
    firstCondition(rule)['operator'] = 'regex';
  }),
  'rule-empty-condition-value': withRule('a condition value is empty', (rule) => {
    firstCondition(rule)['value'] = '';
  }),
  'rule-match-without-source': withRule('a match_project action without source', (rule) => {
    rule['actions'] = { match_project: { target: 'name' } };
  }),
  'routing-without-match-key': withMetadata(
    'use_account_routing on without account_match_key',
    (metadata) => {
      routing(metadata);
      delete metadata['account_match_key'];
    },
    { 'Cost.get_linked_accounts': linkedAccounts },
  ),
  'routing-without-linked-accounts': withMetadata('use_account_routing on, Cost.get_linked_accounts not served', routing),
  nondeterministic: withMetadata('metadata changes from one init to the next', (metadata) => {
    metadata['generated_at'] = `call-${++initCalls}`;
  }),
  'verify-error': {
    description: 'verify rejects the credentials',
    handlers: {
      ...conforming.handlers,
      'DataSource.verify': () => {
        throw new StatusError(grpc.status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE: billing account access denied');
      },
    },
  },
  'tasks-error': {
    description: 'Job.get_tasks fails',
    handlers: {
      ...conforming.handlers,
      'Job.get_tasks': () => {
        throw new StatusError(grpc.status.INTERNAL, 'ERROR_UNKNOWN: billing export not found');
      },
    },
  },
  'task-without-options': {
    description: 'Job.get_tasks answers a task without task_options',
    handlers: { ...conforming.handlers, 'Job.get_tasks': (): JsonObject => ({ tasks: [{ task_options: { start: '2024-01' } }, { task_changed: { start: '2024-01' } }] }) },
  },
  'cost-without-billed-date': {
    description: 'a cost without billed_date',
    handlers: {
      ...conforming.handlers,
      'Cost.get_data': (request, metadata) => {
        const messages = getData(request, metadata) as JsonObject[];
        delete ((messages[1] as JsonObject)['results'] as JsonObject[])[0]?.['billed_date'];
        return messages;
      },
    },
  },
  'cost-stream-error': {
    description: 'the Cost.get_data stream ends with an error',
    handlers: {
      ...conforming.handlers,
      'Cost.get_data': async function* (request, metadata) {
        yield (getData(request, metadata) as JsonObject[])[0] as JsonObject;
        throw new StatusError(grpc.status.PERMISSION_DENIED, 'ERROR_PERMISSION_DENIED: billing export bucket');
      },
    },
  },
  // Tolerated by the core, or judged by what it is given.
  'routing-linked-accounts-error': withMetadata('use_account_routing on, Cost.get_linked_accounts rejects the secret', routing, {
    'Cost.get_linked_accounts': () => {
      throw new StatusError(grpc.status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE: organization access denied');
    },
  }),
  'change-project': withRule('a rule moves costs to a fixed project, which must exist in the domain', (rule) => {
    rule['actions'] = { change_project: 'project-0123456789ab' };
  }),
};
