/**
 * The built CLI against monitoring.Webhook reference plugins on loopback: what the core needs
 * of events fails, and so does a failing verify; what it tolerates (empty metadata, no title) warns.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCases, casesWith, type CaseResult } from '../support/cases.js';
import { caseNamed, tempDir, suiteWarnings } from '../support/reports.js';
import { SAMPLE_PAYLOAD } from '../plugins/monitoring-webhook.js';

const TYPE = 'monitoring.Webhook';
const id = (local: string): string => `${TYPE}/${local}`;
const EVENT = ['--event', JSON.stringify(SAMPLE_PAYLOAD)];

const DEFECTS: Record<string, { variant: string; check: string; reason: RegExp }> = {
  'init error': { variant: 'init-error', check: 'init/responds', reason: /INVALID_ARGUMENT: ERROR_NOT_SUPPORTED_OPTION/ },
  'Event.parse error': { variant: 'parse-error', check: 'event/parse', reason: /INTERNAL: ERROR_UNKNOWN: KeyError alerts.*Webhook Event Parsing Error/s },
  'no event_key': { variant: 'no-event-key', check: 'event/parse', reason: /\$\.results\[0\]\.event_key is missing.*KeyError/s },
  'bad event_type': { variant: 'bad-event-type', check: 'event/parse', reason: /\$\.results\[0\]\.event_type is \\"FIRING\\".*ALERT, RECOVERY and ERROR/s },
  'bad occurred_at': { variant: 'bad-occurred-at', check: 'event/parse', reason: /occurred_at \\"2024-05-01 10:00 UTC\\" is not ISO-8601 as the core parses it.*isoparse/s },
  'unknown severity': { variant: 'unknown-severity', check: 'event/parse', reason: /\$\.results\[0\]\.severity 9 is not a known severity/ },
};

describe('monitoring.Webhook end to end', function () {
  this.timeout(60_000);
  let runs: Record<string, CaseResult>;
  const payloadFile = path.join(tempDir(), 'payload.json');

  before(async function () {
    this.timeout(180_000);
    fs.writeFileSync(payloadFile, JSON.stringify(SAMPLE_PAYLOAD));
    runs = await runCases(TYPE, {
      conforming: { variant: 'conforming', args: ['--event', `@${payloadFile}`] },
      notRequested: { variant: 'conforming' },
      noMetadata: { variant: 'init-without-metadata', args: EVENT },
      verifyError: { variant: 'verify-error', args: EVENT },
      noTitle: { variant: 'no-title', args: EVENT },
      noOccurredAt: { variant: 'no-occurred-at', args: EVENT },
      ...Object.fromEntries(Object.entries(DEFECTS).map(([name, { variant }]) => [name, { variant, args: EVENT }])),
    });
  });

  it('passes a conforming webhook, parsing the --event @file sample (SDK nulls in resource tolerated)', () => {
    const { code, stdout, junit } = runs['conforming']!;
    expect(code, stdout).to.equal(0);
    expect(casesWith(runs['conforming']!, 'passed')).to.include.members([id('init/responds'), id('verify/active'), id('event/parse')]);
    expect(suiteWarnings(stdout ?? '')).to.deep.equal([]);
    expect(junit.cases.map((testCase) => testCase.name)).not.to.include(id('init/metadata-schema'));
  });

  it('skips Event.parse without --event, saying how to run it', () => {
    const { code, junit } = runs['notRequested']!;
    expect(code).to.equal(0);
    expect(caseNamed(junit.cases, id('event/parse')).text).to.match(/not requested: Event\.parse parses a sample webhook payload.*give --event JSON\|@file/s);
  });

  it('passes init without metadata: the core stores it as empty and reads nothing from it', () => {
    const { code, stdout } = runs['noMetadata']!;
    expect(code, stdout).to.equal(0);
  });

  it('fails a webhook whose verify fails, as on every type (the real aws-sns webhook\'s verify answers OK)', () => {
    const { code, stdout, junit } = runs['verifyError']!;
    expect(code, stdout).to.equal(1);
    expect(caseNamed(junit.cases, id('verify/active')).status).to.equal('failure');
    expect(caseNamed(junit.cases, id('verify/active')).text).to.match(/Webhook\.verify answered INVALID_ARGUMENT: ERROR_REQUIRED_PARAMETER.*verify_plugin returns this error/s);
  });

  it('passes events without title or occurred_at with warnings, as the core stores them', () => {
    expect(runs['noTitle']!.code, runs['noTitle']!.stdout).to.equal(0);
    expect(runs['noTitle']!.stdout).to.match(/warning: \$\.results\[0\]\.title is absent: the core stores the event and its alert without a title/);
    expect(runs['noOccurredAt']!.code, runs['noOccurredAt']!.stdout).to.equal(0);
    expect(runs['noOccurredAt']!.stdout).to.match(/warning: \$\.results\[0\]\.occurred_at is absent: the core stores the event with occurred_at null/);
  });

  for (const [name, { check, reason }] of Object.entries(DEFECTS)) {
    it(`fails on ${name}: exit 1, only ${check} failed, with the cause`, () => {
      const run = runs[name]!;
      expect(run.code, run.stdout).to.equal(1);
      expect(casesWith(run, 'failure'), run.stdout).to.deep.equal([id(check)]);
      expect(caseNamed(run.junit.cases, id(check)).text).to.match(reason);
    });
  }
});
