/**
 * The built CLI against alert_manager.Webhook and alert_manager.Protocol reference plugins on
 * loopback. Their rules mirror monitoring.Webhook and notification.Protocol (only the protos
 * are known); these tests show domain_id is sent, the enums are read, and each defect fails.
 */
import { expect } from 'chai';
import { runCases, casesWith, type CaseResult } from '../support/cases.js';
import { caseNamed } from '../support/reports.js';
import { SAMPLE_PAYLOAD } from '../plugins/monitoring-webhook.js';

const WEBHOOK = 'alert_manager.Webhook';
const PROTOCOL = 'alert_manager.Protocol';
const EVENT = ['--event', JSON.stringify(SAMPLE_PAYLOAD)];
const DISPATCH = ['--dispatch', JSON.stringify({ message: { title: 'CPU high', tags: [{ key: 'env', value: 'prod' }] }, notification_type: 'WARNING', channel_data: { channel: '#ops' } })];

const DEFECTS: Array<{ type: string; variant: string; args: readonly string[]; check: string; reason: RegExp }> = [
  { type: WEBHOOK, variant: 'unset-event-type', args: EVENT, check: 'event/parse', reason: /\$\.results\[0\]\.event_type is \\"\(absent\)\\".*mirrors monitoring\.Webhook/s },
  { type: WEBHOOK, variant: 'no-event-key', args: EVENT, check: 'event/parse', reason: /\$\.results\[0\]\.event_key is missing/ },
  { type: WEBHOOK, variant: 'bad-occurred-at', args: EVENT, check: 'event/parse', reason: /occurred_at \\"yesterday\\" is not ISO-8601/ },
  { type: WEBHOOK, variant: 'unknown-severity', args: EVENT, check: 'event/parse', reason: /severity 7 is not a known severity/ },
  { type: PROTOCOL, variant: 'data-not-object', args: [], check: 'init/metadata-schema', reason: /\$\.data must be object.*mirrors notification\.Protocol/s },
  { type: PROTOCOL, variant: 'invalid-schema', args: [], check: 'init/schema-compiles', reason: /required must be array/ },
  { type: PROTOCOL, variant: 'nondeterministic', args: [], check: 'init/deterministic', reason: /\$\.generated_at/ },
  { type: PROTOCOL, variant: 'verify-error', args: [], check: 'verify/active', reason: /UNAUTHENTICATED: ERROR_AUTHENTICATE_FAILURE.*mirrors notification\.Protocol/s },
  { type: PROTOCOL, variant: 'dispatch-error', args: DISPATCH, check: 'dispatch/sends', reason: /INTERNAL: ERROR_DISPATCH/ },
];

describe('alert_manager types end to end', function () {
  this.timeout(60_000);
  const runs: Record<string, CaseResult> = {};
  const key = (type: string, variant: string): string => `${type} ${variant}`;

  before(async function () {
    this.timeout(180_000);
    for (const type of [WEBHOOK, PROTOCOL]) {
      const cases = Object.fromEntries(DEFECTS.filter((defect) => defect.type === type).map((defect) => [defect.variant, { variant: defect.variant, args: defect.args }]));
      const conforming = { variant: 'conforming', args: type === WEBHOOK ? EVENT : DISPATCH };
      Object.assign(cases, { conforming, 'verify-error': { variant: 'verify-error', args: type === WEBHOOK ? EVENT : [] } });
      for (const [name, result] of Object.entries(await runCases(type, cases))) runs[key(type, name)] = result;
    }
  });

  for (const type of [WEBHOOK, PROTOCOL]) {
    it(`passes a conforming ${type}, sending domain_id where its protos carry it`, () => {
      const run = runs[key(type, 'conforming')]!;
      expect(run.code, run.stdout).to.equal(0);
      const optIn = type === WEBHOOK ? 'event/parse' : 'dispatch/sends';
      expect(caseNamed(run.junit.cases, `${type}/${optIn}`).status).to.equal('passed');
    });
  }

  it('fails when alert_manager.Webhook verify fails, as on every type: only verify/active, repeated-verify not run', () => {
    const run = runs[key(WEBHOOK, 'verify-error')]!;
    expect(run.code, run.stdout).to.equal(1);
    expect(casesWith(run, 'failure'), run.stdout).to.deep.equal([`${WEBHOOK}/verify/active`]);
    expect(caseNamed(run.junit.cases, `${WEBHOOK}/verify/active`).text).to.match(/Webhook\.verify answered INTERNAL: ERROR_UNKNOWN: not supported.*the alert-manager core was not read/s);
    expect(caseNamed(run.junit.cases, `${WEBHOOK}/robustness/repeated-verify`).status).to.equal('skipped');
  });

  for (const { type, variant, check, reason } of DEFECTS) {
    it(`fails ${type} ${variant}: exit 1, only ${check} failed, with the cause`, () => {
      const run = runs[key(type, variant)]!;
      expect(run.code, run.stdout).to.equal(1);
      expect(casesWith(run, 'failure'), run.stdout).to.deep.equal([`${type}/${check}`]);
      expect(caseNamed(run.junit.cases, `${type}/${check}`).text).to.match(reason);
    });
  }
});
