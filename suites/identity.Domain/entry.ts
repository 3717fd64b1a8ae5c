/**
 * identity.Domain: the older resource_type of domain sign-in plugins. The 2.x core calls
 * ExternalAuth on it (as on identity.ExternalAuth, whose calls it shares), 1.x cores the legacy
 * Auth service, so it accepts either.
 */
import type { OptInInput, ServiceTypeEntry } from '../../src/model/service-type.js';
import { authorize, EXTERNAL_AUTH_INIT, EXTERNAL_AUTH_PROTO, EXTERNAL_AUTH_SOURCES, LEGACY_AUTH_SOURCES, PACKAGE } from '../identity.ExternalAuth/entry.js';

/** Declares InitRequest, PluginInfo and UserInfo too, so it never shares a Root with external_auth.proto. */
const AUTH_PROTO = 'spaceone/api/identity/plugin/auth.proto';

const find: OptInInput = {
  name: 'find',
  rpc: { rpc: 'Auth.find', sends: ['options', 'secret_data', 'schema', 'keyword', 'user_id'] },
  reaches: 'searches users at the REAL identity provider (legacy Auth, 1.x cores)',
  help: 'JSON|@file with user_id or keyword',
  requiredKeys: [],
  sources: LEGACY_AUTH_SOURCES,
};

const login: OptInInput = {
  name: 'login',
  rpc: { rpc: 'Auth.login', sends: ['options', 'secret_data', 'schema', 'user_credentials'] },
  reaches: 'signs in at the REAL identity provider with the given credentials (legacy Auth, 1.x cores)',
  help: 'JSON|@file with user_credentials',
  requiredKeys: ['user_credentials'],
  sources: LEGACY_AUTH_SOURCES,
};

export const identityDomain: ServiceTypeEntry = {
  name: 'identity.Domain',
  aliases: [],
  description: 'Domain sign-in plugin under its older resource_type: ExternalAuth for the 2.x core, the legacy Auth service for 1.x cores',
  protoFiles: [EXTERNAL_AUTH_PROTO],
  services: {
    ExternalAuth: { fullName: `${PACKAGE}.ExternalAuth`, required: false },
    Auth: { fullName: `${PACKAGE}.Auth`, required: false, protoFiles: [AUTH_PROTO] },
  },
  init: EXTERNAL_AUTH_INIT,
  metadataSchema: 'identity.ExternalAuth.metadata.json',
  sources: EXTERNAL_AUTH_SOURCES,
  optIn: [authorize, find, login],
};
