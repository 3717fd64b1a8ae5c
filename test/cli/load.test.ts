/**
 * `load` run as a user runs it, against real reference plugins on loopback. Small request counts
 * keep it fast; nothing here asserts on speed (bench/ measures that): the gates are made to trip by
 * plugins whose answers are slower than the limit or always fail.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import type { LoadReport } from '../../src/load/report.js';
import { findServiceType } from '../../src/catalog/index.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { SLOW_ANSWER_MS } from '../plugins/robustness-defects.js';
import { runCli, startReferencePlugin, type CliResult, type StartedPlugin } from '../support/processes.js';
import { tempDir } from '../support/reports.js';

const TYPE = 'notification.Protocol';

async function load(plugin: StartedPlugin, args: string[], type = TYPE): Promise<CliResult & { report: LoadReport }> {
  const json = path.join(tempDir(), 'load.json');
  const result = await runCli(['load', '--target', plugin.address, '--type', type, '--json', json, ...args]);
  if (!fs.existsSync(json)) throw new Error(`no report written (exit ${result.code}): ${result.stderr}${result.stdout}`);
  return { ...result, report: JSON.parse(fs.readFileSync(json, 'utf8')) as LoadReport };
}

async function withPlugin<T>(variant: string, use: (plugin: StartedPlugin) => Promise<T>, type = TYPE): Promise<T> {
  const plugin = await startReferencePlugin(type, variant);
  try {
    return await use(plugin);
  } finally {
    await plugin.stop();
  }
}

describe('load profile', function () {
  this.timeout(60_000);

  for (const [type, variants] of Object.entries(REFERENCE_PLUGINS)) {
    if (!variants['conforming']) continue;
    const entry = findServiceType(type);
    const methods = ['init', ...(entry?.verify ? ['verify'] : [])];
    it(`loads ${type}'s conforming plugin (${methods.join(', ')}): every request answered, a table, a JSON report, exit 0`, async () => {
      await withPlugin(
        'conforming',
        async (plugin) => {
          for (const method of methods) {
            const inputs = variants['conforming']?.cliArgs ?? [];
            const { code, stdout, report } = await load(plugin, ['--method', method, '--requests', '30', '--concurrency', '4', '--max-error-rate', '0', ...inputs], type);
            expect(code, stdout).to.equal(0);
            expect(report).to.deep.include({ type, concurrency: 4, limit: { requests: 30 }, requests: { answered: 30, ok: 30, errors: 0 }, errors: [], verdict: 'passed', exitCode: 0 });
            expect(report.rpc).to.equal(method === 'init' ? entry?.init.rpc : entry?.verify?.rpc);
            const { p50, p95, p99, max } = report.latencyMs;
            expect(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= max, JSON.stringify(report.latencyMs)).to.equal(true);
            expect(report.throughputPerSecond).to.be.greaterThan(0);
            expect(stdout).to.match(/requests +30 answered: 30 ok, 0 errors/);
            expect(stdout).to.match(/latency ms +p50 [\d.]+ +p95 [\d.]+ +p99 [\d.]+ +max [\d.]+/);
            expect(stdout.split('\n')[0]).to.match(new RegExp(`^plugin-conformance [\\d.]+ load: ${type} ${report.rpc} at 127\\.0\\.0\\.1:\\d+, concurrency 4, 30 requests`));
            expect(stdout).to.match(/\nload: done 30\/30 requests \(100%\)[^\n]*\n {2}requests/);
            expect(stdout).to.match(/Result: PASS \(exit 0\)$/m);
          }
        },
        type,
      );
    });
  }

  it(`trips --max-p99 on a plugin that takes ${SLOW_ANSWER_MS} ms per answer, and reports the gate`, async () => {
    await withPlugin('slow', async (plugin) => {
      const { code, stdout, report } = await load(plugin, ['--requests', '8', '--concurrency', '2', '--max-p99', String(SLOW_ANSWER_MS / 5)]);
      expect(code, stdout).to.equal(1);
      expect(report.verdict).to.equal('failed');
      expect(report.requests).to.deep.equal({ answered: 8, ok: 8, errors: 0 });
      expect(report.latencyMs.p50).to.be.at.least(SLOW_ANSWER_MS - 1);
      expect(report.gates).to.deep.equal([{ flag: '--max-p99', limit: SLOW_ANSWER_MS / 5, actual: report.latencyMs.p99, passed: false }]);
      expect(stdout).to.match(new RegExp(`gate +--max-p99 ${SLOW_ANSWER_MS / 5} ms: p99 [\\d.]+ ms EXCEEDS -> FAIL`));
      expect(stdout).to.match(/Result: FAIL \(exit 1\)/);
    });
  });

  it('trips --max-error-rate on a plugin whose verify always fails, counting errors by gRPC code', async () => {
    await withPlugin('verify-error', async (plugin) => {
      const gated = await load(plugin, ['--method', 'verify', '--requests', '12', '--concurrency', '3', '--max-error-rate', '0.05']);
      expect(gated.code, gated.stdout).to.equal(1);
      expect(gated.report).to.deep.include({ errorRate: 1, requests: { answered: 12, ok: 0, errors: 12 } });
      expect(gated.report.errors).to.deep.equal([{ code: 'UNAUTHENTICATED', count: 12, example: 'ERROR_AUTHENTICATE_FAILURE: token rejected by the chat service' }]);
      expect(gated.stdout).to.match(/error +UNAUTHENTICATED × 12: ERROR_AUTHENTICATE_FAILURE/);
      expect(gated.stdout).to.match(/--max-error-rate 5\.0%: error rate 100\.0% EXCEEDS -> FAIL/);
      // Without a gate the load only measures: the errors are reported, the exit is 0.
      const measured = await load(plugin, ['--method', 'verify', '--requests', '4']);
      expect(measured.code, measured.stdout).to.equal(0);
      expect(measured.report.requests.errors).to.equal(4);
      // init of the same plugin works: the gate is per method.
      const init = await load(plugin, ['--requests', '4', '--max-error-rate', '0']);
      expect(init.code, init.stdout).to.equal(0);
    });
  });

  it('prints JSON on stdout with --json -, and never a secret the plugin echoes back', async () => {
    await withPlugin('echo-secret', async (plugin) => {
      const secret = 'xoxb-load-secret-42';
      const { code, stdout, stderr } = await runCli(['load', '--target', plugin.address, '--type', TYPE, '--method', 'verify', '--requests', '3', '--json', '-', '--secret-data', JSON.stringify({ token: secret })]);
      expect(code, stderr).to.equal(0);
      const report = JSON.parse(stdout) as LoadReport;
      expect(report.errors[0]?.code).to.equal('INVALID_ARGUMENT');
      expect(report.errors[0]?.example).to.include('****');
      expect(stderr).to.match(/Result: PASS/);
      expect(`${stdout}${stderr}`).not.to.include(secret);
    });
  });

  it('stops a --duration load on time and counts what was answered', async () => {
    await withPlugin('conforming', async (plugin) => {
      const { code, report } = await load(plugin, ['--duration', '0.3', '--concurrency', '2']);
      expect(code).to.equal(0);
      expect(report.limit).to.deep.equal({ durationS: 0.3 });
      expect(report.requests.answered).to.be.greaterThan(0);
      expect(report.requests.errors).to.equal(0);
    });
  });

  it('exits 3 when the target is unreachable, 2 on bad input before dialling', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const unreachable = await runCli(['load', '--target', `127.0.0.1:${port}`, '--type', TYPE, '--requests', '5']);
    expect(unreachable.code, unreachable.stderr).to.equal(3);
    expect(unreachable.stdout).to.match(/unreachable: connection refused[\s\S]*Result: UNREACHABLE \(exit 3\)/);

    const dir = tempDir();
    for (const args of [['--concurrency', '0'], ['--method', 'dispatch'], ['--requests', '5', '--duration', '1'], ['--json', dir]]) {
      const bad = await runCli(['load', '--target', `127.0.0.1:${port}`, '--type', TYPE, ...args]);
      expect(bad.code, `${args.join(' ')}: ${bad.stderr}`).to.equal(2);
      expect(bad.stderr.trim().split('\n'), bad.stderr).to.have.length(1);
      expect(bad.stderr).not.to.match(/\n\s+at /);
      expect(bad.stdout).to.equal('');
    }
  });
});
