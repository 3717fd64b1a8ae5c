/**
 * identity.Domain reference plugins. Conforming for the 2.x core: serves ExternalAuth only, as the
 * keycloak and googleoauth2 plugins registered under identity.Domain do today. Conforming for 1.x
 * cores: serves only the legacy Auth service (shape of a 1.x python-core plugin). One defective
 * variant per rule of the legacy surface; the 2.x surface reuses identity.ExternalAuth's defects.
 */
import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { requireKeys, StatusError, type UnaryHandler, type Variant } from './server.js';
import { EXTERNAL_AUTH_ARGS, externalAuthDefects, externalAuthHandlers } from './identity-external-auth.js';

export const LOGIN_INPUT = JSON.stringify({ user_credentials: { access_token: 'opaque-access-token' } });
export const FIND_INPUT = JSON.stringify({ user_id: 'alice' });

const legacyMetadata: JsonObject = {
  authorization_endpoint: 'https://sso.example.com/realms/demo/protocol/openid-connect/auth',
  token_endpoint: 'https://sso.example.com/realms/demo/protocol/openid-connect/token',
  userinfo_endpoint: 'https://sso.example.com/realms/demo/protocol/openid-connect/userinfo',
  realm: 'demo',
};

const authInit: UnaryHandler = (request) => {
  requireKeys(request, ['options']);
  if ('domain_id' in request) throw new StatusError(grpc.status.INTERNAL, 'ERROR_UNKNOWN: Auth.init has no domain_id');
  return { metadata: legacyMetadata };
};

const legacyHandlers: Record<string, UnaryHandler> = {
  'Auth.init': authInit,
  'Auth.verify': (request) => {
    requireKeys(request, ['options', 'secret_data']);
    return {};
  },
  'Auth.find': (request) => {
    requireKeys(request, ['options', 'secret_data']);
    if (!request['user_id'] && !request['keyword']) throw new StatusError(grpc.status.INVALID_ARGUMENT, 'ERROR_INVALID_FIND_REQUEST: user_id or keyword');
    return { results: [{ user_id: String(request['user_id'] ?? request['keyword']), state: 'UNIDENTIFIED' }], total_count: 1 };
  },
  'Auth.login': (request) => {
    requireKeys(request, ['options', 'secret_data', 'user_credentials']);
    return { user_id: 'alice', name: 'Alice', email: 'alice@example.com', state: 'ENABLED' };
  },
};

const conforming: Variant = {
  description: 'serves ExternalAuth (2.x core) conformingly, no legacy Auth',
  handlers: externalAuthHandlers,
  omitServices: ['Auth'],
  cliArgs: EXTERNAL_AUTH_ARGS,
};

const legacyAuth: Variant = {
  description: 'serves only the legacy Auth service, conformingly (1.x cores)',
  handlers: legacyHandlers,
  omitServices: ['ExternalAuth'],
};

function legacyWith(description: string, method: string, handler: UnaryHandler): Variant {
  return { ...legacyAuth, description, handlers: { ...legacyHandlers, [method]: handler } };
}

let initCalls = 0;

export const identityDomainVariants: Record<string, Variant> = {
  conforming,
  'legacy-auth': legacyAuth,
  neither: { description: 'serves neither ExternalAuth nor Auth', handlers: {}, omitServices: ['ExternalAuth', 'Auth'] },
  'no-metadata': { ...externalAuthDefects['no-metadata']!, omitServices: ['Auth'] },
  'legacy-no-metadata': legacyWith('Auth.init answers without metadata', 'Auth.init', () => ({})),
  'legacy-nondeterministic': legacyWith('Auth.init metadata changes on every call', 'Auth.init', () => ({ metadata: { ...legacyMetadata, nonce: ++initCalls } })),
  'legacy-verify-error': legacyWith('Auth.verify rejects the secret data', 'Auth.verify', () => {
    throw new StatusError(grpc.status.INTERNAL, 'ERROR_AUTHORIZATION_SERVER: client secret rejected');
  }),
  'legacy-find-error': legacyWith('Auth.find fails', 'Auth.find', () => {
    throw new StatusError(grpc.status.INTERNAL, 'ERROR_INVALID_FIND_REQUEST: search failed');
  }),
  'legacy-login-no-user-id': legacyWith('Auth.login returns a user without user_id', 'Auth.login', () => ({ name: 'Alice', state: 'ENABLED' })),
};
