/**
 * identity.Provider reference plugins: an account collector shaped like the identity-SDK ones
 * (domain_id required, additional_options_schema for the console), one defective variant per rule.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { requireKeys, StatusError, type UnaryHandler, type Variant } from './server.js';

export const SYNC_INPUT = '{}';

function metadata(): JsonObject {
  return {
    additional_options_schema: {
      type: 'object',
      properties: {
        exclude_projects: { title: 'Exclude projects', type: 'array', items: { type: 'string' }, default: [] },
        start_depth: { title: 'Start depth', type: 'integer', minimum: 0, default: 0 },
      },
    },
  };
}

function accounts(): JsonObject[] {
  return [
    { name: 'dev', resource_id: '111111111111', data: {}, secret_schema_id: 'example-secret', secret_data: { account_id: '111111111111' }, location: [{ name: 'Workloads', resource_id: 'ou-1' }, { name: 'Dev', resource_id: 'ou-2' }] },
    { name: 'security', resource_id: '222222222222', location: [{ name: 'Security', resource_id: 'ou-3' }] },
  ];
}

const init: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'domain_id']);
  return { metadata: metadata() };
};

const sync: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'secret_data', 'domain_id']);
  return { results: accounts() };
};

const handlers = { 'AccountCollector.init': init, 'AccountCollector.sync': sync };

function withInit(description: string, answer: () => JsonObject): Variant {
  return { description, handlers: { ...handlers, 'AccountCollector.init': answer } };
}

function withAccounts(description: string, change: (results: JsonObject[]) => void): Variant {
  return {
    description,
    handlers: {
      ...handlers,
      'AccountCollector.sync': () => {
        const results = accounts();
        change(results);
        return { results };
      },
    },
  };
}

let initCalls = 0;

export const identityProviderVariants: Record<string, Variant> = {
  conforming: { description: 'conforms to every identity.Provider rule', handlers },
  'no-metadata': withInit('init answers without metadata (the core reads it with a default)', () => ({})),
  'invalid-options-schema': withInit('additional_options_schema is not a valid JSON Schema', () => ({
    metadata: { additional_options_schema: { type: 'object', properties: { start_depth: { type: 'whole-number' } } } },
  })),
  nondeterministic: withInit('init metadata changes on every call', () => ({ metadata: { ...metadata(), generated: ++initCalls } })),
  'sync-no-resource-id': withAccounts('a synced account lacks resource_id', (results) => {
    delete results[1]!['resource_id'];
  }),
  'sync-location-without-name': withAccounts('a location entry lacks name', (results) => {
    results[0]!['location'] = [{ resource_id: 'ou-1' }];
  }),
  'sync-empty-location': withAccounts('an account with an empty location (skipped for DOMAIN scope, a warning)', (results) => {
    results[1]!['location'] = [];
  }),
  'sync-error': {
    description: 'sync fails',
    handlers: {
      ...handlers,
      'AccountCollector.sync': () => {
        throw new StatusError(grpc.status.PERMISSION_DENIED, 'ERROR_PERMISSION_DENIED: organizations:ListAccounts');
      },
    },
  },
};
