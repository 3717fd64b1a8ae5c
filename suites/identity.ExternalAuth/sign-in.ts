/**
 * What the identity core does with identity plugins' answers (capabilities.md §3.5, §3.6): the init
 * surfaces of ExternalAuth, legacy Auth and AccountCollector, the user a sign-in returns, and the
 * accounts a sync returns. Suites compose these with the shared builders.
 */
import { AUTH_INIT, EXTERNAL_AUTH_OPTIONS } from './entry.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import type { Decoded } from '../../src/grpc/protos.js';
import { isJsonObject, type JsonObject } from '../../src/grpc/struct.js';
import type { CheckDetail } from '../../src/model/results.js';
import { entryInitSurface, initMetadataOf, optInCallCheck, type InitSurface } from '../../src/checks/builders.js';
import type { CheckDefinition, Verdict } from '../../src/model/check.js';

const USER_STATES = ['NONE', 'ENABLED', 'DISABLED', 'UNIDENTIFIED'];

/** ExternalAuth.init: metadata required (the core reads response["metadata"]), no key required in it. */
export function externalAuthInitSurface(entry: ServiceTypeEntry): InitSurface {
  return entryInitSurface(entry, {
    onFailure: 'the identity core wraps the error as ERROR_AUTHENTICATION_FAILURE_PLUGIN and ExternalAuth.set fails: the domain cannot use this sign-in',
    absentMetadataEffect: 'the identity core reads response["metadata"]: KeyError, ExternalAuth.set fails',
    advisorySchema: entry.metadataSchema,
  });
}

/** Auth.init of 1.x cores: metadata stored as domain.plugin_info.metadata, no key read (§3.5.2). */
export function legacyAuthInitSurface(): InitSurface {
  return {
    group: 'auth-init',
    spec: AUTH_INIT,
    onFailure: 'a 1.x identity core raises ERROR_AUTHENTICATION_FAILURE_PLUGIN: Domain.change_auth_plugin and update_plugin fail',
    absentMetadataEffect: 'a 1.x identity core reads response["metadata"]: KeyError, the auth plugin cannot be set',
  };
}

/** AccountCollector.init: the core reads metadata with a default and no key in it (§3.6). */
export function accountCollectorInitSurface(entry: ServiceTypeEntry): InitSurface {
  return entryInitSurface(entry, {
    onFailure: 'Provider.update_plugin fails, and so does every trusted-account sync job that upgrades the plugin version',
    absentMetadataWarning: 'PluginInfo.metadata is absent: the core stores {} (it reads the metadata with a default) and the console has no auto-sync options form',
    advisorySchema: entry.metadataSchema,
  });
}

/** ExternalAuth.init answered UNIMPLEMENTED: say where a legacy Auth-only plugin is judged instead. */
export function withLegacyHint(check: CheckDefinition): CheckDefinition {
  return {
    ...check,
    async run(context) {
      const verdict = await check.run(context);
      const unimplemented = verdict.status === 'failed' && verdict.details?.some((detail) => detail.grpcCode === 'UNIMPLEMENTED');
      if (!unimplemented) return verdict;
      return { ...verdict, message: `${verdict.message} (a plugin serving only the legacy Auth service works with 1.x cores only: check it with --type identity.Domain)` };
    },
  };
}

/**
 * identity.Domain serves ExternalAuth without a usage-level rule (its 1.x plugins need no such
 * options), so when ExternalAuth is served the missing options are reported here, once, as the
 * operator's input the verdicts need, not as a plugin failure.
 */
export function operatorOptionsCheck(): CheckDefinition {
  const keys = EXTERNAL_AUTH_OPTIONS.keys;
  return {
    group: 'init',
    name: 'operator-options',
    description: `--options carry ${keys.join(' and ')}, which the core requires before it calls ExternalAuth.init`,
    async run(context) {
      const missing = keys.filter((key) => context.config.options[key] === undefined || context.config.options[key] === null);
      if (missing.length === 0) return { status: 'passed' };
      return {
        status: 'error',
        message: `not judged: --options lack ${missing.join(' and ')}; ${EXTERNAL_AUTH_OPTIONS.enforcedBy}`,
        details: [{ message: 'an operator input is missing, not a plugin defect', path: '--options', expected: `keys ${keys.join(', ')}`, actual: Object.keys(context.config.options) }],
      };
    },
  };
}

/** ExternalAuth.authorize on opt-in: sent as the core sends it, judged as the core reads the user. */
export function authorizeCheck(entry: ServiceTypeEntry, surface: InitSurface): CheckDefinition {
  return optInCallCheck(entry, 'authorize', {
    group: 'authorize',
    name: 'user-id',
    onFailure: 'the identity core fails the sign-in with ERROR_AUTHENTICATION_FAILURE_PLUGIN',
    requires: [`${surface.group}/responds`],
    // The core sends an empty secret_data and the metadata it stored at init (§3.5.1).
    coreInputs: (context) => ({ secret_data: {}, metadata: initMetadataOf(context, surface) ?? {} }),
    inspect: (response) => userInfoVerdict('ExternalAuth.authorize', single(response), 'the identity core fails the sign-in: ERROR_AUTHENTICATION_FAILURE_PLUGIN (plugin response is invalid)'),
  });
}

/** Auth.login of 1.x cores on opt-in: the same user rule as authorize. */
export function legacyLoginCheck(entry: ServiceTypeEntry): CheckDefinition {
  return optInCallCheck(entry, 'login', {
    group: 'auth-login',
    name: 'user-id',
    onFailure: 'a 1.x identity core fails the sign-in (ERROR_INVALID_CREDENTIALS)',
    inspect: (response) => userInfoVerdict('Auth.login', single(response), 'a 1.x identity core fails the sign-in: ERROR_AUTHENTICATION_FAILURE_PLUGIN'),
  });
}

export function legacyFindCheck(entry: ServiceTypeEntry): CheckDefinition {
  return optInCallCheck(entry, 'find', {
    group: 'auth-find',
    name: 'answers',
    onFailure: 'a 1.x identity core raises ERROR_AUTHENTICATION_FAILURE_PLUGIN: the user search fails',
  });
}

/** A sign-in answer: user_id is what the core looks the user up by; state it reads with a default. */
export function userInfoVerdict(rpc: string, user: JsonObject, missingEffect: string): Verdict {
  const userId = user['user_id'];
  if (typeof userId !== 'string' || userId === '') {
    return {
      status: 'failed',
      message: `${rpc} returned no user_id`,
      details: [{ message: 'UserInfo.user_id is empty (an empty proto3 string is not sent)', path: '$.user_id', expected: 'a non-empty string', actual: userId ?? '(absent)', coreEffect: missingEffect }],
    };
  }
  const state = user['state'];
  if (state !== undefined && !USER_STATES.includes(String(state))) {
    return { status: 'passed', warnings: [`UserInfo.state ${String(state)} is not a UserInfo.State value: the core reads state with default ENABLED and gets the bare number`] };
  }
  return { status: 'passed' };
}

/** AccountCollector.sync on opt-in: every account as the core's trusted-account sync job reads it. */
export function syncCheck(entry: ServiceTypeEntry): CheckDefinition {
  return optInCallCheck(entry, 'sync', {
    group: 'sync',
    name: 'accounts',
    onFailure: 'the trusted-account sync job ends in FAILURE and no account is synced',
    inspect: (response) => accountsVerdict(single(response)),
  });
}

const SYNC_JOB_FAILS = 'the sync job reads this key directly: KeyError, the job ends in FAILURE and no later account is synced';

export function accountsVerdict(response: JsonObject): Verdict {
  const results = Array.isArray(response['results']) ? response['results'] : [];
  if (results.length === 0) return { status: 'passed', warnings: ['sync returned no accounts: the core syncs nothing'] };
  const details: CheckDetail[] = [];
  const warnings: string[] = [];
  results.forEach((account, index) => {
    const path = `$.results[${index}]`;
    const fields = isJsonObject(account) ? account : {};
    // Empty proto3 strings are not sent, so an empty name or resource_id is an absent key for the core.
    for (const key of ['name', 'resource_id']) {
      if (fields[key] === undefined || fields[key] === '') details.push(missing(`${path}.${key}`, 'a non-empty string', SYNC_JOB_FAILS));
    }
    const location = Array.isArray(fields['location']) ? fields['location'] : [];
    if (location.length === 0) {
      warnings.push(`${path}.location is empty: for a DOMAIN-scoped trusted account the core skips this account (no workspace to put it in) unless sync_options.single_workspace_id is set`);
    }
    location.forEach((entry, position) => {
      for (const key of ['name', 'resource_id']) {
        if (!isJsonObject(entry) || !(key in entry)) {
          details.push(missing(`${path}.location[${position}].${key}`, 'present', 'the core reads location entries by key to create workspaces and project groups: KeyError, the sync job ends in FAILURE'));
        }
      }
    });
  });
  if (details.length > 0) return { status: 'failed', message: `${details.length} account field(s) the core needs are missing, first ${details[0]?.path}`, details, warnings };
  return warnings.length > 0 ? { status: 'passed', warnings } : { status: 'passed' };
}

function missing(path: string, expected: string, coreEffect: string): CheckDetail {
  return { message: `${path} is missing`, path, expected, actual: '(absent)', coreEffect };
}

/** The unary answer of an opt-in call (a stream cannot occur for these methods). */
function single(response: Decoded | Decoded[]): JsonObject {
  return Array.isArray(response) ? response[0]?.message ?? {} : response.message;
}
