/**
 * identity.Domain's legacy Auth service, which 1.x identity cores call, and the operator options
 * the 2.x core needs before it calls ExternalAuth on this type.
 */
import { AUTH_INIT, EXTERNAL_AUTH_OPTIONS } from '../identity.ExternalAuth/entry.js';
import { single, userInfoVerdict } from '../identity.ExternalAuth/sign-in.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { optInCallCheck, type InitSurface } from '../../src/checks/builders.js';
import type { CheckDefinition } from '../../src/model/check.js';

/** Auth.init of 1.x cores: metadata stored as domain.plugin_info.metadata, no key read (§3.5.2). */
export function legacyAuthInitSurface(): InitSurface {
  return {
    group: 'auth-init',
    spec: AUTH_INIT,
    onFailure: 'a 1.x identity core raises ERROR_AUTHENTICATION_FAILURE_PLUGIN: Domain.change_auth_plugin and update_plugin fail',
    absentMetadataEffect: 'a 1.x identity core reads response["metadata"]: KeyError, the auth plugin cannot be set',
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
