/**
 * Identity sign-in plugins: docs/core/identity.md.
 * identity.ExternalAuth is what the 2.x identity core calls. identity.Domain is the older
 * resource_type: 1.x cores call the legacy Auth service on it, and some 2.x plugins are still
 * registered under it while serving ExternalAuth, so it is an entry of its own that accepts either.
 */
import { coreSource } from '../../src/spec.js';
import type { OperatorOptionsRule, OptInInput, RpcSpec, ServiceTypeEntry } from '../../src/model/service-type.js';

export const PACKAGE = 'spaceone.api.identity.plugin';
export const EXTERNAL_AUTH_PROTO = 'spaceone/api/identity/plugin/external_auth.proto';
const CORE = 'src/spaceone/identity';
/** The 1.x identity core, which calls the legacy Auth service. */
export const LEGACY_AUTH_SOURCES = [coreSource('docs/core/identity.md#legacy-auth', 'cloudforet-io/identity@de29e90', `${CORE}/connector/auth_plugin_connector.py`)];
export const EXTERNAL_AUTH_SOURCES: ServiceTypeEntry['sources'] = {
  services: [coreSource('docs/core/identity.md#service-types', 'api', 'proto/spaceone/api/identity/plugin/external_auth.proto')],
  init: [coreSource('docs/core/identity.md#externalauth-rpcs', 'identity', `${CORE}/manager/external_auth_manager.py`)],
  metadata: [coreSource('docs/core/identity.md#externalauth-metadata', 'identity', `${CORE}/manager/external_auth_manager.py`)],
};

export const EXTERNAL_AUTH_INIT: RpcSpec = { rpc: 'ExternalAuth.init', sends: ['options', 'domain_id'] };

/** The legacy 1.x calls (docs/core/identity.md#legacy-auth): no domain_id; schema is sent only when the domain has one. */
export const AUTH_INIT: RpcSpec = { rpc: 'Auth.init', sends: ['options'] };
export const AUTH_VERIFY: RpcSpec = { rpc: 'Auth.verify', sends: ['options', 'secret_data', 'schema'] };

/** ExternalAuth.set refuses a plugin_info whose options lack these (docs/core/identity.md#operator-options). */
export const EXTERNAL_AUTH_OPTIONS: OperatorOptionsRule = {
  keys: ['protocol', 'identity_provider'],
  enforcedBy: 'the identity core refuses ExternalAuth.set without them (ERROR_REQUIRED_FIELDS) before it ever calls the plugin, so give the options the domain is set with',
};

export const authorize: OptInInput = {
  name: 'authorize',
  rpc: { rpc: 'ExternalAuth.authorize', sends: ['options', 'secret_data', 'credentials', 'schema_id', 'domain_id', 'metadata'] },
  reaches: 'signs in at the REAL identity provider with the given credentials',
  help: 'JSON|@file with credentials, e.g. {"credentials": {"access_token": "..."}}; secret_data is sent empty and metadata is the init metadata, as the core sends them',
  requiredKeys: ['credentials'],
  sources: [coreSource('docs/core/identity.md#authorize', 'identity', `${CORE}/manager/token_manager/external_token_manager.py`)],
};

export const identityExternalAuth: ServiceTypeEntry = {
  name: 'identity.ExternalAuth',
  aliases: [],
  description: 'External sign-in (SAML, OIDC, OAuth2) the 2.x identity core authorizes domain users with',
  protoFiles: [EXTERNAL_AUTH_PROTO],
  services: {
    ExternalAuth: { fullName: `${PACKAGE}.ExternalAuth`, required: true },
  },
  init: EXTERNAL_AUTH_INIT,
  metadataSchema: 'identity.ExternalAuth.metadata.json',
  sources: EXTERNAL_AUTH_SOURCES,
  optIn: [authorize],
  requiredOptions: EXTERNAL_AUTH_OPTIONS,
};
