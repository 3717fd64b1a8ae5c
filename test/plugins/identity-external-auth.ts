/**
 * identity.ExternalAuth reference plugins: one that conforms (shaped like an identity-SDK plugin:
 * domain_id required, metadata echoing the operator's options), and one defective variant per rule.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { requireKeys, StatusError, type UnaryHandler, type Variant } from './server.js';

/** What an operator sets: the core demands protocol and identity_provider. */
export const EXTERNAL_AUTH_OPTIONS = { protocol: 'oidc', identity_provider: 'example-idp', client_id: 'console' };
export const EXTERNAL_AUTH_ARGS = ['--options', JSON.stringify(EXTERNAL_AUTH_OPTIONS)];
export const AUTHORIZE_INPUT = JSON.stringify({ credentials: { access_token: 'opaque-access-token' } });

function metadataFor(options: JsonObject): JsonObject {
  return {
    protocol: options['protocol'] ?? 'oidc',
    identity_provider: options['identity_provider'] ?? 'example-idp',
    authorization_endpoint: 'https://idp.example.com/authorize',
    client_id: options['client_id'] ?? null,
  };
}

export const externalAuthInit: UnaryHandler = (request) => {
  // The identity SDK's request model requires a non-empty domain_id.
  requireKeys(request, ['options', 'domain_id']);
  return { metadata: metadataFor(request['options'] as JsonObject) };
};

export const authorize: UnaryHandler = (request) => {
  requireKeys(request, ['options', 'credentials', 'domain_id', 'metadata']);
  // The core sends back the metadata it stored at init; a plugin may rely on it.
  if (!(request['metadata'] as JsonObject)['authorization_endpoint']) throw new StatusError(grpc.status.INVALID_ARGUMENT, 'ERROR_INVALID_ARGUMENT: metadata from init was not sent');
  return { user_id: 'alice@example.com', name: 'Alice', email: 'alice@example.com', state: 'ENABLED' };
};

export const externalAuthHandlers = { 'ExternalAuth.init': externalAuthInit, 'ExternalAuth.authorize': authorize };

const conforming: Variant = {
  description: 'conforms to every identity.ExternalAuth rule',
  handlers: externalAuthHandlers,
  cliArgs: EXTERNAL_AUTH_ARGS,
};

function withInit(description: string, answer: (request: JsonObject) => JsonObject): Variant {
  const init: UnaryHandler = (request) => {
    requireKeys(request, ['options', 'domain_id']);
    return answer(request);
  };
  return { description, handlers: { ...externalAuthHandlers, 'ExternalAuth.init': init } };
}

function withUser(description: string, user: JsonObject): Variant {
  return { description, handlers: { ...externalAuthHandlers, 'ExternalAuth.authorize': () => user } };
}

let initCalls = 0;

/** ExternalAuth defects; identity.Domain reuses them for its 2.x surface. */
export const externalAuthDefects: Record<string, Variant> = {
  'no-metadata': withInit('init answers without metadata', () => ({})),
  'init-error': withInit('init rejects the options', () => {
    throw new StatusError(grpc.status.INVALID_ARGUMENT, 'ERROR_INVALID_PLUGIN_OPTIONS: openid-configuration is required');
  }),
  nondeterministic: withInit('init metadata changes on every call', (request) => ({ metadata: { ...metadataFor(request['options'] as JsonObject), state: `nonce-${++initCalls}` } })),
  'no-identity-provider': withInit('metadata without identity_provider (the core tolerates it)', () => ({ metadata: { protocol: 'oidc' } })),
  'no-user-id': withUser('authorize returns a user without user_id', { name: 'Alice', email: 'alice@example.com', state: 'ENABLED' }),
  'unknown-state': withUser('authorize returns a state outside UserInfo.State (tolerated with a warning)', { user_id: 'alice@example.com', state: 7 }),
  'authorize-error': {
    description: 'authorize rejects the credentials',
    handlers: {
      ...externalAuthHandlers,
      'ExternalAuth.authorize': () => {
        throw new StatusError(grpc.status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE: token expired');
      },
    },
  },
  'not-served': { description: 'serves no ExternalAuth service at all', handlers: {}, omitServices: ['ExternalAuth'] },
};

export const identityExternalAuthVariants: Record<string, Variant> = { conforming, ...externalAuthDefects };
