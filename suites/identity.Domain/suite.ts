/**
 * identity.Domain: docs/core/identity.md. One resource_type, two core generations: the 2.x core calls
 * ExternalAuth, 1.x cores call the legacy Auth service. The plugin's services decide which surface is
 * checked; serving only one is a warning naming the generation that cannot use it (service/served).
 */
import { AUTH_VERIFY, LEGACY_AUTH_SOURCES } from '../identity.ExternalAuth/entry.js';
import { defineSuite } from '../../src/model/suite.js';
import { deterministicInitCheck, initRespondsCheck, verifyCheck } from '../../src/checks/builders.js';
import type { CheckDefinition, Verdict } from '../../src/model/check.js';
import { concerning, CORE_1X, CORE_2X } from '../identity.ExternalAuth/core-generation.js';
import {
  authorizeCheck,
  externalAuthInitSurface,
  legacyAuthInitSurface,
  legacyFindCheck,
  legacyLoginCheck,
  operatorOptionsCheck,
} from '../identity.ExternalAuth/sign-in.js';
import { servedServicesCheck, whenServed, type ServedServices } from '../../src/checks/served.js';

export default defineSuite((entry) => {
  const current = externalAuthInitSurface(entry);
  const legacy = legacyAuthInitSurface();
  const currentChecks: CheckDefinition[] = [
    operatorOptionsCheck(),
    { ...initRespondsCheck(entry, current), requires: ['connect/channel-ready', 'init/operator-options'] },
    deterministicInitCheck(entry, current),
    authorizeCheck(entry, current),
  ];
  const legacyChecks: CheckDefinition[] = [
    initRespondsCheck(entry, legacy),
    deterministicInitCheck(entry, legacy),
    verifyCheck(entry, 'Domain.verify_plugin of a 1.x identity core returns this error (ERROR_AUTHENTICATION_FAILURE_PLUGIN); nothing else changes', { spec: AUTH_VERIFY, group: 'auth-verify', sources: LEGACY_AUTH_SOURCES }),
    legacyFindCheck(entry),
    legacyLoginCheck(entry),
  ];
  return [
    servedServicesCheck({ probes: [entry.init, legacy.spec], judge: judgeServed, sources: [...entry.sources.services, ...LEGACY_AUTH_SOURCES] }),
    ...currentChecks.map((check) => concerning(CORE_2X, whenServed('ExternalAuth', check, 'the 2.x surface does not apply'))),
    ...legacyChecks.map((check) => concerning(CORE_1X, whenServed('Auth', check, 'the legacy 1.x surface does not apply'))),
  ];
});

/** Serving one service works with one generation: a warning for the other, a failure only for neither. */
function judgeServed(served: ServedServices): Verdict {
  if (served['ExternalAuth'] && served['Auth']) return { status: 'passed' };
  if (served['ExternalAuth']) {
    return { status: 'passed', warnings: [`[${CORE_1X}] no Auth service: a 1.x identity core calls Auth.init and cannot use this plugin; the 2.x core can`] };
  }
  if (served['Auth']) {
    return {
      status: 'passed',
      warnings: [`[${CORE_2X}] only the legacy Auth service: this plugin works with 1.x identity cores, but the 2.x core calls ExternalAuth.init, so ExternalAuth.set fails and no user can sign in with it there`],
    };
  }
  return {
    status: 'failed',
    message: 'serves neither ExternalAuth (2.x identity core) nor Auth (1.x identity cores): both probes answered UNIMPLEMENTED',
    details: [{ message: 'ExternalAuth.init and Auth.init answered UNIMPLEMENTED', expected: 'spaceone.api.identity.plugin.ExternalAuth or .Auth served', coreEffect: 'no identity core can set this plugin as a domain sign-in: ExternalAuth.set (2.x) and Domain.change_auth_plugin (1.x) fail' }],
  };
}
