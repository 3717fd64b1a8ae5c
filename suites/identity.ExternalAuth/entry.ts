/**
 * Identity sign-in plugins: capabilities.md §3.5, interfaces.md §2.2, §3.1 and §5.
 * identity.ExternalAuth is what the 2.x identity core calls. identity.Domain is the older
 * resource_type: 1.x cores call the legacy Auth service on it, and some 2.x plugins are still
 * registered under it while serving ExternalAuth, so it is an entry of its own that accepts either.
 */
import type { OperatorOptionsRule, OptInInput, RpcSpec, ServiceTypeEntry } from '../../src/model/service-type.js';

export const PACKAGE = 'spaceone.api.identity.plugin';
export const EXTERNAL_AUTH_PROTO = 'spaceone/api/identity/plugin/external_auth.proto';

export const EXTERNAL_AUTH_INIT: RpcSpec = { rpc: 'ExternalAuth.init', sends: ['options', 'domain_id'] };

/** The legacy 1.x calls (interfaces.md §5): no domain_id; schema is sent only when the domain has one. */
export const AUTH_INIT: RpcSpec = { rpc: 'Auth.init', sends: ['options'] };
export const AUTH_VERIFY: RpcSpec = { rpc: 'Auth.verify', sends: ['options', 'secret_data', 'schema'] };

/** ExternalAuth.set refuses a plugin_info whose options lack these (capabilities.md §3.5.1). */
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
  optIn: [authorize],
  requiredOptions: EXTERNAL_AUTH_OPTIONS,
};
