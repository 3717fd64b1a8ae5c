/**
 * identity.Provider (account collectors) end to end: the built CLI against reference plugins.
 */
import { expect } from 'chai';
import { SYNC_INPUT } from '../plugins/identity-provider.js';
import { caseNamed, suiteCases, suiteWarnings } from '../support/reports.js';
import { brokenChecks, runAllAgainst, type ReferenceRun } from '../support/reference-runs.js';

const TYPE = 'identity.Provider';
const id = (local: string): string => `${TYPE}/${local}`;
const SYNC = ['--sync', SYNC_INPUT];

const defects: Array<[variant: string, check: string, reason: RegExp]> = [
  ['invalid-options-schema', 'init/schema-compiles', /additional_options_schema is not a valid JSON Schema.*start_depth\/type/s],
  ['nondeterministic', 'init/deterministic', /\$\.generated/],
  ['sync-no-resource-id', 'sync/accounts', /\$\.results\[1\]\.resource_id.*KeyError/s],
  ['sync-location-without-name', 'sync/accounts', /\$\.results\[0\]\.location\[0\]\.name.*KeyError/s],
  ['sync-error', 'sync/accounts', /PERMISSION_DENIED: ERROR_PERMISSION_DENIED.*FAILURE/s],
];

describe('identity.Provider end to end', function () {
  this.timeout(60_000);
  let runs: Map<string, ReferenceRun>;
  const run = (label: string): ReferenceRun => runs.get(label) as ReferenceRun;

  before(async () => {
    runs = await runAllAgainst(TYPE, [
      ['conforming', 'conforming', SYNC],
      ['conforming without --sync', 'conforming', []],
      ['no-metadata', 'no-metadata', []],
      ['sync-empty-location', 'sync-empty-location', SYNC],
      ...defects.map(([variant]) => [variant, variant, SYNC] as const),
    ]);
  });

  it('passes a conforming account collector: init with domain_id, its options schema, sync', () => {
    const { code, stdout, junit } = run('conforming');
    expect(code, stdout).to.equal(0);
    expect(suiteCases(junit.cases).map((testCase) => testCase.name)).to.deep.equal([id('connect/channel-ready'), id('init/responds'), id('init/schema-compiles'), id('init/deterministic'), id('sync/accounts')]);
    expect(junit.cases.every((testCase) => testCase.status === 'passed')).to.equal(true);
    expect(suiteWarnings(stdout ?? '')).to.deep.equal([]);
  });

  it('skips sync unless asked, saying it reaches the real cloud account API', () => {
    const { code, junit } = run('conforming without --sync');
    expect(code).to.equal(0);
    expect(caseNamed(junit.cases, id('sync/accounts')).text).to.match(/REAL cloud account API.*give --sync/);
  });

  for (const [variant, check, reason] of defects) {
    it(`fails ${variant}: exit 1, only ${check}, the cause and the core's effect named`, () => {
      const { code, stdout, junit } = run(variant);
      expect(code, stdout).to.equal(1);
      expect(brokenChecks(run(variant))).to.deep.equal([id(check)]);
      expect(caseNamed(junit.cases, id(check)).text).to.match(reason);
    });
  }

  it('passes absent metadata with a warning: the core reads it with a default', () => {
    const { code, stdout } = run('no-metadata');
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/warning: PluginInfo\.metadata is absent: the core stores \{\}/);
  });

  it('passes an account with an empty location with a warning: the core skips it for DOMAIN scope only', () => {
    const { code, stdout, junit } = run('sync-empty-location');
    expect(code, stdout).to.equal(0);
    expect(caseNamed(junit.cases, id('sync/accounts')).status).to.equal('passed');
    expect(stdout).to.match(/warning: \$\.results\[1\]\.location is empty: for a DOMAIN-scoped trusted account the core skips/);
  });
});
