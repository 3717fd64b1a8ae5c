/** Known failures and profiles: what counts as passing, applied to results. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { buildRunConfig, type RawRunOptions } from '../../src/config.js';
import { UsageError } from '../../src/usage.js';
import { loadKnownFailures } from '../../src/run/known-failures.js';
import { applyPolicy, markStaleEntries } from '../../src/run/policy.js';
import { exitCodeOf, summarize, type CheckResult, type RunReport } from '../../src/model/results.js';
import { tempDir } from '../support/reports.js';

function file(name: string, text: string): string {
  const written = path.join(tempDir(), name);
  fs.writeFileSync(written, text);
  return written;
}

function result(id: string, status: CheckResult['status'], required = true): CheckResult {
  return { id, group: id.split('/')[1] ?? '', description: '', required, status, message: status === 'passed' ? '' : `${status} for a reason`, details: [], warnings: [], durationMs: 1 };
}

function report(results: CheckResult[], profile: RunReport['profile'] = 'ci'): RunReport {
  return { harness: { name: 'plugin-conformance', version: '0' }, type: 't', target: 'x', startedAt: '', durationMs: 0, profile, results };
}

describe('known failures', () => {
  it('reads IDs and globs, from YAML or JSON, with optional reasons', () => {
    const known = loadKnownFailures(file('known.yml', '- notification.Protocol/verify/active\n- id: "notification.Protocol/init/*"\n  reason: issue 12\n'));
    expect(known.match('notification.Protocol/verify/active')).to.deep.equal({ pattern: 'notification.Protocol/verify/active' });
    expect(known.match('notification.Protocol/init/deterministic')).to.deep.equal({ pattern: 'notification.Protocol/init/*', reason: 'issue 12' });
    // `*` stays within one segment of the ID.
    expect(known.match('notification.Protocol/initx/a/b')).to.equal(undefined);
    expect(loadKnownFailures(file('known.json', '["a.B/**"]')).match('a.B/group/check')).to.deep.equal({ pattern: 'a.B/**' });
    expect(known.unused(['notification.Protocol/verify/active'])).to.deep.equal([{ pattern: 'notification.Protocol/init/*', reason: 'issue 12' }]);
  });

  it('rejects a file that is not such a list with one line', () => {
    expect(() => loadKnownFailures('/no/such/known.yml')).to.throw(UsageError, /cannot read the file: no such file/);
    expect(() => loadKnownFailures(file('k.yml', 'a: 1\n'))).to.throw(UsageError, /must be a list/);
    expect(() => loadKnownFailures(file('k.yml', '- {pattern: a}\n'))).to.throw(UsageError, /entry 1 has unknown key\(s\) pattern/);
    expect(() => loadKnownFailures(file('k.yml', '- id: a\n  reason: [x]\n'))).to.throw(UsageError, /reason must be a string/);
    expect(() => loadKnownFailures(file('k.yml', '- ""\n'))).to.throw(UsageError, /entry 1 is empty/);
  });
});

describe('run policy', () => {
  const base: RawRunOptions = { target: '127.0.0.1:1', type: 'notification.Protocol' };
  const known = file('known.yml', '- notification.Protocol/verify/*\n');

  it('ci: a listed failure is expected and does not fail the run; a listed pass is stale and does', () => {
    const config = buildRunConfig({ ...base, knownFailures: known });
    const expected = applyPolicy(config, result('notification.Protocol/verify/active', 'failed'));
    expect(expected.knownFailure).to.deep.equal({ pattern: 'notification.Protocol/verify/*' });
    expect(exitCodeOf(report([expected]))).to.equal(0);
    expect(summarize([expected])).to.include({ failed: 0, expectedFailures: 1 });
    const [stale] = markStaleEntries(config, [applyPolicy(config, result('notification.Protocol/verify/active', 'passed'))]);
    expect(stale).to.deep.include({ status: 'failed', overruled: { status: 'passed', by: `--known-failures ${known}` } });
    expect(stale?.message).to.match(/stale known-failures entry "notification\.Protocol\/verify\/\*"/);
    expect(exitCodeOf(report(stale ? [stale] : []))).to.equal(1);
    // Not stale while a check it matches fails, nor while one did not run.
    const mixed = [expected, applyPolicy(config, result('notification.Protocol/verify/other', 'passed'))];
    expect(markStaleEntries(config, mixed).map((item) => item.status)).to.deep.equal(['failed', 'passed']);
    const unrun = [applyPolicy(config, result('notification.Protocol/verify/active', 'passed')), result('notification.Protocol/verify/other', 'not-run')];
    expect(markStaleEntries(config, unrun).map((item) => item.status)).to.deep.equal(['passed', 'not-run']);
    expect(applyPolicy(config, result('notification.Protocol/verify/active', 'skipped')).status).to.equal('skipped');
  });

  it('certification: a skipped required check fails with the reason; known failures do not excuse required checks', () => {
    const config = buildRunConfig({ ...base, knownFailures: known, profile: 'certification' });
    const skipped = applyPolicy(config, result('notification.Protocol/init/deterministic', 'skipped'));
    expect(skipped).to.deep.include({ status: 'failed', overruled: { status: 'skipped', by: '--profile certification' } });
    expect(skipped.message).to.match(/certification requires this check to run and pass, but it was skipped: skipped for a reason/);
    const optional = applyPolicy(config, result('notification.Protocol/manifest/metadata-agrees', 'skipped', false));
    expect(optional.status).to.equal('skipped');
    const failed = applyPolicy(config, result('notification.Protocol/verify/active', 'failed'));
    expect(failed.knownFailure).to.equal(undefined);
    expect(failed.warnings.join()).to.match(/does not excuse a required check/);
    // A required check that could not run (its prerequisite failed) keeps the run from certifying.
    expect(exitCodeOf(report([result('notification.Protocol/init/deterministic', 'not-run')], 'certification'))).to.equal(1);
    expect(exitCodeOf(report([result('notification.Protocol/init/deterministic', 'not-run')], 'ci'))).to.equal(0);
  });

  it('rejects an unknown profile', () => {
    expect(() => buildRunConfig({ ...base, profile: 'strict' })).to.throw(UsageError, /--profile "strict" is not one of: ci, certification/);
  });
});
