/**
 * identity.Domain end to end: a plugin serving ExternalAuth is judged for the 2.x core, one serving
 * only the legacy Auth service for 1.x cores, and each verdict names the generation it concerns.
 */
import { expect } from 'chai';
import { EXTERNAL_AUTH_ARGS } from '../plugins/identity-external-auth.js';
import { FIND_INPUT, LOGIN_INPUT } from '../plugins/identity-domain.js';
import { caseNamed } from '../support/reports.js';
import { brokenChecks, runAllAgainst, type ReferenceRun } from '../support/reference-runs.js';

const TYPE = 'identity.Domain';
const id = (local: string): string => `${TYPE}/${local}`;
const LEGACY_OPT_IN = ['--find', FIND_INPUT, '--login', LOGIN_INPUT];
const LEGACY = ['auth-init/responds', 'auth-init/deterministic', 'auth-verify/active', 'auth-find/answers', 'auth-login/user-id'];

const defects: Array<[variant: string, check: string, reason: RegExp, args: string[]]> = [
  ['neither', 'service/served', /serves neither ExternalAuth \(2\.x identity core\) nor Auth \(1\.x identity cores\)/, []],
  ['no-metadata', 'init/responds', /\[2\.x identity core\] ExternalAuth\.init returned no metadata/, EXTERNAL_AUTH_ARGS],
  ['legacy-no-metadata', 'auth-init/responds', /\[1\.x identity cores\] Auth\.init returned no metadata/, []],
  ['legacy-nondeterministic', 'auth-init/deterministic', /\[1\.x identity cores\] metadata changed .* at \$\.nonce/, []],
  ['legacy-verify-error', 'auth-verify/active', /\[1\.x identity cores\] Auth\.verify answered INTERNAL.*Domain\.verify_plugin/s, []],
  ['legacy-find-error', 'auth-find/answers', /\[1\.x identity cores\] Auth\.find answered INTERNAL/, LEGACY_OPT_IN],
  ['legacy-login-no-user-id', 'auth-login/user-id', /\[1\.x identity cores\] Auth\.login returned no user_id/, LEGACY_OPT_IN],
];

describe('identity.Domain end to end', function () {
  this.timeout(60_000);
  let runs: Map<string, ReferenceRun>;
  const run = (label: string): ReferenceRun => runs.get(label) as ReferenceRun;

  before(async () => {
    runs = await runAllAgainst(TYPE, [
      ['conforming', 'conforming', EXTERNAL_AUTH_ARGS],
      ['conforming without operator options', 'conforming', []],
      ['legacy-auth', 'legacy-auth', LEGACY_OPT_IN],
      ...defects.map(([variant, , , args]) => [variant, variant, args] as const),
    ]);
  });

  it('passes a plugin serving ExternalAuth, warning that 1.x cores cannot use it, legacy checks skipped', () => {
    const { code, stdout, junit } = run('conforming');
    expect(code, stdout).to.equal(0);
    for (const check of ['service/served', 'init/responds', 'init/deterministic']) expect(caseNamed(junit.cases, id(check)).status).to.equal('passed');
    expect(stdout).to.match(/warning: \[1\.x identity cores\] no Auth service/);
    expect(caseNamed(junit.cases, id('auth-init/responds')).text).to.match(/\[1\.x identity cores\] Auth is not served/);
  });

  it('passes a legacy plugin serving only Auth on the 1.x surface, warning that the 2.x core cannot use it', () => {
    const { code, stdout, junit } = run('legacy-auth');
    expect(code, stdout).to.equal(0);
    for (const check of LEGACY) expect(caseNamed(junit.cases, id(check)).status, check).to.equal('passed');
    expect(stdout).to.match(/warning: \[2\.x identity core\] only the legacy Auth service: .*ExternalAuth\.set fails/);
    expect(caseNamed(junit.cases, id('init/operator-options')).text).to.match(/\[2\.x identity core\] ExternalAuth is not served/);
  });

  it('does not fail a plugin serving ExternalAuth for options the operator did not give: one error saying so', () => {
    const { code, stdout, junit } = run('conforming without operator options');
    expect(code, stdout).to.equal(1);
    expect(brokenChecks(run('conforming without operator options'))).to.deep.equal([id('init/operator-options')]);
    expect(caseNamed(junit.cases, id('init/operator-options')).status).to.equal('error');
    expect(caseNamed(junit.cases, id('init/operator-options')).text).to.match(/not judged: --options lack protocol and identity_provider.*ERROR_REQUIRED_FIELDS/);
    expect(junit.cases.filter((testCase) => testCase.status === 'failure')).to.deep.equal([]);
  });

  for (const [variant, check, reason] of defects) {
    it(`fails ${variant}: exit 1, only ${check}, labelled with its core generation`, () => {
      const { code, stdout, junit } = run(variant);
      expect(code, stdout).to.equal(1);
      expect(brokenChecks(run(variant))).to.deep.equal([id(check)]);
      expect(caseNamed(junit.cases, id(check)).status).to.equal('failure');
      expect(caseNamed(junit.cases, id(check)).text).to.match(reason);
    });
  }
});
