/**
 * identity.ExternalAuth end to end: the built CLI against real reference plugins on loopback.
 * Every rule fails its own defective plugin and nothing else; tolerated deviations only warn.
 */
import { expect } from 'chai';
import { AUTHORIZE_INPUT, EXTERNAL_AUTH_ARGS } from '../plugins/identity-external-auth.js';
import { runCli } from '../support/processes.js';
import { caseNamed, suiteCases, suiteWarnings } from '../support/reports.js';
import { brokenChecks, runAllAgainst, type ReferenceRun } from '../support/reference-runs.js';

const TYPE = 'identity.ExternalAuth';
const id = (local: string): string => `${TYPE}/${local}`;
const AUTHORIZE = ['--authorize', AUTHORIZE_INPUT];

const defects: Array<[variant: string, check: string, reason: RegExp, args: string[]]> = [
  ['no-metadata', 'init/responds', /\[2\.x identity core\] ExternalAuth\.init returned no metadata.*KeyError, ExternalAuth\.set fails/s, []],
  ['init-error', 'init/responds', /INVALID_ARGUMENT: ERROR_INVALID_PLUGIN_OPTIONS.*ERROR_AUTHENTICATION_FAILURE_PLUGIN/s, []],
  ['nondeterministic', 'init/deterministic', /\$\.state/, []],
  ['not-served', 'init/responds', /UNIMPLEMENTED.*--type identity\.Domain/s, []],
  ['no-user-id', 'authorize/user-id', /returned no user_id.*ERROR_AUTHENTICATION_FAILURE_PLUGIN/s, AUTHORIZE],
  ['authorize-error', 'authorize/user-id', /UNAUTHENTICATED: ERROR_AUTHENTICATE_FAILURE/, AUTHORIZE],
];

describe('identity.ExternalAuth end to end', function () {
  this.timeout(60_000);
  let runs: Map<string, ReferenceRun>;
  const run = (label: string): ReferenceRun => runs.get(label) as ReferenceRun;

  before(async () => {
    runs = await runAllAgainst(TYPE, [
      ['conforming', 'conforming', [...EXTERNAL_AUTH_ARGS, ...AUTHORIZE]],
      ['conforming without --authorize', 'conforming', EXTERNAL_AUTH_ARGS],
      ['no-identity-provider', 'no-identity-provider', EXTERNAL_AUTH_ARGS],
      ['unknown-state', 'unknown-state', [...EXTERNAL_AUTH_ARGS, ...AUTHORIZE]],
      ...defects.map(([variant, , , args]) => [variant, variant, [...EXTERNAL_AUTH_ARGS, ...args]] as const),
    ]);
  });

  it('passes a conforming plugin: init, determinism and authorize', () => {
    const { code, stdout, junit } = run('conforming');
    expect(code, stdout).to.equal(0);
    expect(suiteCases(junit.cases).map((testCase) => testCase.name)).to.deep.equal([id('connect/channel-ready'), id('init/responds'), id('init/deterministic'), id('authorize/user-id')]);
    expect(junit.cases.every((testCase) => testCase.status === 'passed')).to.equal(true);
    expect(suiteWarnings(stdout ?? '')).to.deep.equal([]);
  });

  it('skips authorize unless asked, saying it reaches the real identity provider', () => {
    const { code, junit } = run('conforming without --authorize');
    expect(code).to.equal(0);
    expect(caseNamed(junit.cases, id('authorize/user-id')).text).to.match(/REAL identity provider.*give --authorize/);
  });

  for (const [variant, check, reason] of defects) {
    it(`fails ${variant}: exit 1, only ${check}, the cause and the core's effect named`, () => {
      const { code, stdout, junit } = run(variant);
      expect(code, stdout).to.equal(1);
      expect(brokenChecks(run(variant))).to.deep.equal([id(check)]);
      expect(caseNamed(junit.cases, id(check)).status).to.equal('failure');
      expect(caseNamed(junit.cases, id(check)).text).to.match(reason);
    });
  }

  it('passes metadata without identity_provider with a warning: the core writes EXTERNAL instead', () => {
    const { code, stdout } = run('no-identity-provider');
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/warning: \[2\.x identity core\] \$\.identity_provider is required: .*EXTERNAL/);
  });

  it('passes a user state outside the enum with a warning', () => {
    const { code, stdout } = run('unknown-state');
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/warning: .*UserInfo\.state 7 is not a UserInfo\.State value/);
  });

  it('refuses to run without protocol and identity_provider in --options: exit 2, one line, the core rule named', async () => {
    for (const options of [[], ['--options', '{"protocol":"oidc"}']]) {
      const { code, stdout, stderr } = await runCli(['--target', '127.0.0.1:1', '--type', TYPE, ...options]);
      expect(code).to.equal(2);
      expect(stdout).to.equal('');
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stderr).to.match(/--options must carry (protocol and )?identity_provider .*ExternalAuth\.set .*ERROR_REQUIRED_FIELDS/);
    }
  });

  it('says in --help which opt-in calls reach a real identity provider or cloud', async () => {
    const help = (await runCli(['--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).to.match(/--authorize <json\|@file> opt-in: ExternalAuth\.authorize signs in at the REAL identity provider/);
    expect(help).to.match(/--login <json\|@file> opt-in: Auth\.login signs in at the REAL identity provider/);
    expect(help).to.match(/--sync <json\|@file> opt-in: AccountCollector\.sync lists accounts through the REAL cloud account API/);
  });
});
