/**
 * The built CLI against real inventory.Collector plugins on loopback: the conforming one passes,
 * each defective one fails naming its rule, what the core tolerates passes with a warning.
 */
import { expect } from 'chai';
import { caseNamed, suiteCases, suiteWarnings } from '../support/reports.js';
import { expectOnlyFailure, expectPassWithWarning, runVariants, type VariantResult, type VariantRun } from '../support/variant-runs.js';

const TYPE = 'inventory.Collector';
const id = (local: string): string => `${TYPE}/${local}`;
const COLLECT = ['--collect', JSON.stringify({ task_options: { region: 'us-east-1' } })];
const SECRET = ['--secret-data', JSON.stringify({ aws_access_key_id: 'AKIA-TEST', aws_secret_access_key: 'CANARY-inventory-secret-91c2' })];

/** One defective variant per check, end to end; every other rule's variant: test/unit/reference-defects.test.ts. */
const defects: Array<[variant: string, check: string, reason: RegExp, args?: string[]]> = [
  ['no-metadata', 'init/responds', /returned no metadata/],
  ['rule-order-not-int', 'init/metadata-schema', /collector_rules\[0\]\.order must match.*IntField/s],
  ['invalid-options-schema', 'init/schema-compiles', /options_schema is not a valid JSON Schema.*regions\/type/s],
  ['nondeterministic', 'init/deterministic', /\$\.generated_at/],
  ['verify-error', 'verify/active', /UNAUTHENTICATED: ERROR_AUTHENTICATE_FAILURE/, SECRET],
  ['task-without-options', 'job/tasks', /\$\.tasks\[1\]\.task_options is required.*KeyError/s],
  ['collect-without-match-rules', 'collect/stream', /\$\[2\]\.match_rules is required.*ERROR_MATCH_RULE/s, COLLECT],
  ['collect-stream-error', 'collect/stream', /INTERNAL: ERROR_UNKNOWN: region listing failed/, COLLECT],
];

const tolerated: Array<[variant: string, check: string, warning: RegExp, args?: string[]]> = [
  ['no-job', 'job/tasks', /warning: Job\.get_tasks is not served \(UNIMPLEMENTED\); the core swallows this: it runs one collect without task_options/],
  ['job-fails', 'job/tasks', /warning: Job\.get_tasks answered INTERNAL: .*the core swallows this/],
  ['concurrency', 'init/metadata-schema', /warning: metadata\.concurrency has no effect/],
  ['collect-failure-item', 'collect/stream', /warning: 1 item\(s\) with state FAILURE: .*AccessDenied/, COLLECT],
];

describe('inventory.Collector end to end', function () {
  this.timeout(120_000);
  let results: Map<string, VariantResult>;

  before(async () => {
    const runs: Record<string, VariantRun> = {
      conforming: { variant: 'conforming', args: [...SECRET, ...COLLECT] },
      'collect-hangs': { variant: 'collect-hangs', args: ['--collect', '{}', '--timeout', '1000'] },
    };
    for (const [variant, , , args] of [...defects, ...tolerated]) runs[variant] = { variant, args: args ?? [] };
    results = await runVariants(TYPE, runs);
  });

  it('passes a conforming plugin: exit 0, every check in JUnit, collect run on --collect', () => {
    const result = results.get('conforming');
    expect(result?.code, result?.stdout).to.equal(0);
    const names = suiteCases(result?.junit.cases ?? []).map((testCase) => testCase.name);
    expect(names).to.deep.equal(['connect/channel-ready', 'init/responds', 'init/metadata-schema', 'init/schema-compiles', 'init/deterministic', 'verify/active', 'job/tasks', 'collect/stream'].map(id));
    expect(suiteCases(result?.junit.cases ?? []).map((testCase) => testCase.status)).to.deep.equal(Array(8).fill('passed'));
    expect(suiteWarnings(result?.stdout ?? '')).to.deep.equal([]);
    for (const output of [result?.stdout, result?.stderr, result?.junit.xml]) expect(output).not.to.include('CANARY-inventory-secret-91c2');
  });

  it('skips verify without secret data and collect without --collect, saying how to run them', () => {
    const cases = results.get('no-metadata')?.junit.cases ?? [];
    expect(caseNamed(cases, id('verify/active')).status).to.equal('skipped');
    expect(caseNamed(cases, id('verify/active')).text).to.match(/only with a secret.*give --secret-data/s);
    expect(caseNamed(cases, id('collect/stream')).status).to.equal('skipped');
    expect(caseNamed(cases, id('collect/stream')).text).to.match(/REAL resources.*give --collect/s);
  });

  for (const [variant, check, reason] of defects) {
    it(`fails ${variant}: exit 1, ${check} names the rule and what the core does`, () => {
      expectOnlyFailure(results.get(variant), id(check), reason);
    });
  }

  for (const [variant, check, warning] of tolerated) {
    it(`passes ${variant} with a warning, as the core tolerates it`, () => {
      expectPassWithWarning(results.get(variant), id(check), warning);
    });
  }

  it('ends a collect stream that never finishes at the deadline as an error', () => {
    const result = results.get('collect-hangs');
    expect(result?.code, result?.stdout).to.equal(1);
    const testCase = caseNamed(result?.junit.cases ?? [], id('collect/stream'));
    expect(testCase.status).to.equal('error');
    expect(testCase.text).to.match(/DEADLINE_EXCEEDED/);
  });
});
