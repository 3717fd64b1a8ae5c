/** The load profile's input checks and its report: percentiles, gates, verdicts, secrets. */
import { expect } from 'chai';
import { UsageError } from '../../src/usage.js';
import { buildLoadConfig, MAX_REQUESTS, type RawLoadOptions } from '../../src/load/config.js';
import type { LoadOutcome } from '../../src/load/profile.js';
import { buildLoadReport, percentile, renderLoadTable, summarizeLatencies } from '../../src/load/report.js';
import { MASK, Redactor } from '../../src/run/redact.js';

const base: RawLoadOptions = { target: '127.0.0.1:50051', type: 'notification.Protocol' };

function outcome(latencies: number[], failures: Array<[code: string, count: number, example: string]> = [], extra: Partial<LoadOutcome> = {}): LoadOutcome {
  const failed = failures.reduce((sum, [, count]) => sum + count, 0);
  return {
    startedAt: '2025-01-01T00:00:00.000Z',
    elapsedMs: 1_000,
    latenciesMs: Float64Array.from(latencies),
    ok: latencies.length - failed,
    failures: new Map(failures.map(([code, count, example]) => [code, { count, example }])),
    ...extra,
  };
}

describe('load configuration', () => {
  it('takes init by default, with the request count, concurrency and gates given', () => {
    const config = buildLoadConfig({ ...base, concurrency: '4', requests: '200', maxP99: '25.5', maxErrorRate: '0.01' });
    expect(config).to.include({ method: 'init', concurrency: 4, requests: 200, maxP99Ms: 25.5, maxErrorRate: 0.01 });
    expect(config.spec.rpc).to.equal('Protocol.init');
    const timed = buildLoadConfig({ ...base, method: 'verify', duration: '1.5' });
    expect(timed).to.include({ durationMs: 1_500 }).and.not.to.have.property('requests');
    expect(timed.spec.rpc).to.equal('Protocol.verify');
  });

  it('offers an opt-in call only with its input, because it reaches a real system', () => {
    expect(() => buildLoadConfig({ ...base, method: 'dispatch' })).to.throw(UsageError, /--method dispatch needs --dispatch.*REAL notification/);
    const config = buildLoadConfig({ ...base, method: 'dispatch', dispatch: '{"message":{"title":"t"}}' });
    expect(config.spec.rpc).to.equal('Notification.dispatch');
    // notification_type as the core always sends it: INFO unless given.
    expect(config.extra).to.deep.equal({ notification_type: 'INFO', message: { title: 't' } });
  });

  const rejected: Array<[title: string, raw: RawLoadOptions, message: RegExp]> = [
    ['an unknown method', { ...base, method: 'collect' }, /--method "collect" is not a notification.Protocol method \(one of: init, verify, dispatch\)/],
    ['both bounds', { ...base, requests: '10', duration: '5' }, /--requests or --duration, not both/],
    ['no target (and no word of --manifest, which load has not)', { type: 'notification.Protocol' }, /^--target host:port is required$/],
    ['no concurrency', { ...base, concurrency: '0' }, /--concurrency "0" must be a whole number from 1 to 256/],
    ['too many requests', { ...base, requests: String(MAX_REQUESTS + 1) }, /--requests .* from 1 to 1000000/],
    ['too long a duration', { ...base, duration: '3601' }, /--duration "3601" must be a number above 0 and at most 3600/],
    ['a percentage as error rate', { ...base, maxErrorRate: '5%' }, /--max-error-rate "5%" must be a fraction from 0 to 1/],
    ['a negative p99', { ...base, maxP99: '-1' }, /--max-p99 "-1"/],
    ['a zero deadline', { ...base, timeout: '0' }, /--timeout "0"/],
  ];
  for (const [title, raw, message] of rejected) {
    it(`rejects ${title} with one line`, () => {
      expect(() => buildLoadConfig(raw)).to.throw(UsageError, message);
    });
  }
});

describe('load report', () => {
  it('uses nearest-rank percentiles', () => {
    const sorted = Float64Array.from({ length: 100 }, (_value, index) => index + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)]).to.deep.equal([50, 95, 99, 100]);
    expect(percentile(Float64Array.from([7]), 99)).to.equal(7);
    expect(summarizeLatencies(Float64Array.from([3, 1, 2, 10]))).to.deep.equal({ p50: 2, p95: 10, p99: 10, max: 10, mean: 4 });
    expect(summarizeLatencies(new Float64Array(0))).to.deep.equal({ p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });

  it('passes within its gates and fails naming the gate that was exceeded', () => {
    const config = buildLoadConfig({ ...base, requests: '4', maxP99: '5', maxErrorRate: '0.25' });
    const within = buildLoadReport(config, outcome([1, 2, 3, 5], [['UNAVAILABLE', 1, 'x']]), new Redactor([]));
    expect(within).to.include({ verdict: 'passed', exitCode: 0, errorRate: 0.25, throughputPerSecond: 4 });
    const slow = buildLoadReport(config, outcome([1, 2, 3, 6]), new Redactor([]));
    expect(slow).to.include({ verdict: 'failed', exitCode: 1 });
    expect(slow.gates).to.deep.equal([
      { flag: '--max-p99', limit: 5, actual: 6, passed: false },
      { flag: '--max-error-rate', limit: 0.25, actual: 0, passed: true },
    ]);
    expect(renderLoadTable(slow)).to.match(/--max-p99 5 ms: p99 6.0 ms EXCEEDS -> FAIL[\s\S]*Result: FAIL \(exit 1\)/);
    const failing = buildLoadReport(config, outcome([1, 1, 1, 1], [['UNAUTHENTICATED', 2, 'token rejected']]), new Redactor([]));
    expect(failing).to.include({ verdict: 'failed', errorRate: 0.5 });
    expect(failing.errors).to.deep.equal([{ code: 'UNAUTHENTICATED', count: 2, example: 'token rejected' }]);
  });

  it('is unreachable (exit 3) when no channel could be made, whatever the gates say', () => {
    const config = buildLoadConfig({ ...base, requests: '4' });
    const report = buildLoadReport(config, outcome([], [], { unreachable: 'target 127.0.0.1:50051 unreachable: connection refused' }), new Redactor([]));
    expect(report).to.include({ verdict: 'unreachable', exitCode: 3 });
    expect(renderLoadTable(report)).to.match(/note +target 127\.0\.0\.1:50051 unreachable: connection refused\nResult: UNREACHABLE \(exit 3\)/);
  });

  it('masks secrets a plugin echoes back in its error messages', () => {
    const config = buildLoadConfig({ ...base, requests: '1', secretData: '{"token":"xoxb-secret-1"}' });
    const redactor = Redactor.fromInputs([config.run.secretData], [config.run.options]);
    const report = buildLoadReport(config, outcome([1], [['INVALID_ARGUMENT', 1, 'bad secret {"token":"xoxb-secret-1"}']]), redactor);
    expect(JSON.stringify(report)).not.to.include('xoxb-secret-1');
    expect(report.errors[0]?.example).to.equal(`bad secret {"token":"${MASK}"}`);
  });
});
