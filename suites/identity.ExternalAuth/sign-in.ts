/**
 * What the identity core does with identity plugins' answers (docs/core/identity.md): the init
 * surfaces of ExternalAuth, legacy Auth and AccountCollector, the user a sign-in returns, and the
 * accounts a sync returns. Suites compose these with the shared builders.
 */
import { AUTH_INIT, EXTERNAL_AUTH_OPTIONS, LEGACY_AUTH_SOURCES } from './entry.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import type { Decoded } from '../../src/grpc/protos.js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { entryInitSurface, initMetadataOf, optInCallCheck, type InitSurface } from '../../src/checks/builders.js';
import type { CheckDefinition, Verdict } from '../../src/model/check.js';
import { coreSource } from '../../src/spec.js';

const USER_STATES = ['NONE', 'ENABLED', 'DISABLED', 'UNIDENTIFIED'];

/** ExternalAuth.init: metadata required (the core reads response["metadata"]), no key required in it. */
export function externalAuthInitSurface(entry: ServiceTypeEntry): InitSurface {
  return entryInitSurface(entry, {
    onFailure: 'the identity core wraps the error as ERROR_AUTHENTICATION_FAILURE_PLUGIN and ExternalAuth.set fails: the domain cannot use this sign-in',
    absentMetadataEffect: 'the identity core reads response["metadata"]: KeyError, ExternalAuth.set fails',
    advisorySchema: entry.metadataSchema,
  });
}

/** Auth.init of 1.x cores: metadata stored as domain.plugin_info.metadata, no key read (docs/core/identity.md#legacy-auth). */
export function legacyAuthInitSurface(): InitSurface {
  return {
    group: 'auth-init',
    spec: AUTH_INIT,
    onFailure: 'a 1.x identity core raises ERROR_AUTHENTICATION_FAILURE_PLUGIN: Domain.change_auth_plugin and update_plugin fail',
    absentMetadataEffect: 'a 1.x identity core reads response["metadata"]: KeyError, the auth plugin cannot be set',
    sources: LEGACY_AUTH_SOURCES,
  };
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
    sources: [coreSource('docs/core/identity.md#operator-options', 'identity', 'src/spaceone/identity/service/external_auth_service.py')],
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
    // The core sends an empty secret_data and the metadata it stored at init (docs/core/identity.md#externalauth-rpcs).
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

/** The unary answer of an opt-in call (a stream cannot occur for these methods). */
export function single(response: Decoded | Decoded[]): JsonObject {
  return Array.isArray(response) ? response[0]?.message ?? {} : response.message;
}
