/**
 * The built CLI against real cost_analysis.DataSource plugins on loopback: the conforming one
 * passes, each defective one fails naming its rule, what the core tolerates passes with a warning.
 */
import { expect } from 'chai';
import { caseNamed, suiteCases, suiteWarnings } from '../support/reports.js';
import { expectOnlyFailure, expectPassWithWarning, runVariants, type VariantResult, type VariantRun } from '../support/variant-runs.js';

const TYPE = 'cost_analysis.DataSource';
const id = (local: string): string => `${TYPE}/${local}`;
const SECRET = ['--secret-data', JSON.stringify({ private_key: 'CANARY-cost-secret-4b1e' })];
const TASKS = ['--cost-tasks', JSON.stringify({ start: '2024-01', last_synchronized_at: null })];
const DATA = ['--cost-data', JSON.stringify({ task_options: { start: '2024-01' } })];

/** One defective variant per check, end to end; every other rule's variant: test/unit/reference-defects.test.ts. */
const defects: Array<[variant: string, check: string, reason: RegExp, args?: string[]]> = [
  ['no-metadata', 'init/responds', /returned no metadata/],
  ['missing-currency', 'init/metadata-schema', /\$\.currency is required.*KeyError/s],
  ['nondeterministic', 'init/deterministic', /\$\.generated_at/],
  ['routing-without-linked-accounts', 'linked-accounts/served', /use_account_routing is on, but Cost\.get_linked_accounts is not served \(UNIMPLEMENTED/],
  ['routing-linked-accounts-error', 'linked-accounts/served', /UNAUTHENTICATED: ERROR_AUTHENTICATE_FAILURE: organization access denied/, SECRET],
  ['verify-error', 'verify/active', /UNAUTHENTICATED: ERROR_AUTHENTICATE_FAILURE/, SECRET],
  ['tasks-error', 'job/tasks', /INTERNAL: ERROR_UNKNOWN: billing export not found.*ERROR_GET_JOB_TASKS/s, TASKS],
  ['task-without-options', 'job/tasks', /\$\.tasks\[1\]\.task_options is required.*KeyError/s, TASKS],
  ['cost-without-billed-date', 'cost/data', /\$\[1\]\.results\[0\]\.billed_date is required/, DATA],
  ['cost-stream-error', 'cost/data', /PERMISSION_DENIED: ERROR_PERMISSION_DENIED/, DATA],
];

const tolerated: Array<[label: string, variant: string, check: string, warning: RegExp, args?: string[]]> = [
  ['routing-linked-accounts-error without secret', 'routing-linked-accounts-error', 'linked-accounts/served', /warning: Cost\.get_linked_accounts is served \(it answered UNAUTHENTICATED, not UNIMPLEMENTED/],
  ['change-project', 'change-project', 'init/metadata-schema', /warning: data_source_rules\[1\]\.actions\.change_project names project "project-0123456789ab"/],
];

describe('cost_analysis.DataSource end to end', function () {
  this.timeout(120_000);
  let results: Map<string, VariantResult>;

  before(async () => {
    const runs: Record<string, VariantRun> = {
      conforming: { variant: 'conforming' },
      'conforming, everything': { variant: 'conforming', args: [...SECRET, ...TASKS, ...DATA] },
      routing: { variant: 'routing' },
    };
    for (const [variant, , , args] of defects) runs[variant] = { variant, args: args ?? [] };
    for (const [label, variant, , , args] of tolerated) runs[label] = { variant, args: args ?? [] };
    results = await runVariants(TYPE, runs);
  });

  it('passes a conforming plugin: exit 0; verify only with secret data, the billing calls only on opt-in', () => {
    const result = results.get('conforming');
    expect(result?.code, result?.stdout).to.equal(0);
    const names = suiteCases(result?.junit.cases ?? []).map((testCase) => testCase.name);
    expect(names).to.deep.equal(['connect/channel-ready', 'init/responds', 'init/metadata-schema', 'init/deterministic', 'linked-accounts/served', 'verify/active', 'job/tasks', 'cost/data'].map(id));
    const cases = result?.junit.cases ?? [];
    expect(caseNamed(cases, id('linked-accounts/served')).text).to.match(/use_account_routing is off/);
    expect(caseNamed(cases, id('verify/active')).text).to.match(/only when secret data is given.*give --secret-data/s);
    expect(caseNamed(cases, id('job/tasks')).text).to.match(/REAL cloud billing API.*give --cost-tasks/s);
    expect(caseNamed(cases, id('cost/data')).text).to.match(/REAL cost data.*give --cost-data/s);
    expect(suiteWarnings(result?.stdout ?? '')).to.deep.equal([]);
  });

  it('passes a conforming plugin with every call made, and never shows the secret', () => {
    const result = results.get('conforming, everything');
    expect(result?.code, result?.stdout).to.equal(0);
    for (const check of ['verify/active', 'job/tasks', 'cost/data']) expect(caseNamed(result?.junit.cases ?? [], id(check)).status, check).to.equal('passed');
    for (const output of [result?.stdout, result?.stderr, result?.junit.xml]) expect(output).not.to.include('CANARY-cost-secret-4b1e');
  });

  it('passes a plugin with account routing that serves Cost.get_linked_accounts', () => {
    const result = results.get('routing');
    expect(result?.code, result?.stdout).to.equal(0);
    expect(caseNamed(result?.junit.cases ?? [], id('linked-accounts/served')).status).to.equal('passed');
  });

  for (const [variant, check, reason] of defects) {
    it(`fails ${variant}: exit 1, ${check} names the rule and what the core does`, () => {
      expectOnlyFailure(results.get(variant), id(check), reason);
    });
  }

  for (const [label, , check, warning] of tolerated) {
    it(`passes ${label} with a warning`, () => {
      expectPassWithWarning(results.get(label), id(check), warning);
    });
  }
});
