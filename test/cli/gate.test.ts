/**
 * A CI gate that cannot go green by accident, and reports that always land: the built CLI run as
 * a CI job runs it, against reference plugins, an HTTP/1 server and a silent listener on loopback.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import type { FleetSummary } from '../../src/fleet/summary.js';
import type { JsonReport } from '../../src/report/json.js';
import { runCli, startReferencePlugin, type StartedPlugin } from '../support/processes.js';
import { caseNamed, readJunit, tempDir } from '../support/reports.js';
import { startDefectInProcess } from '../support/in-process.js';

const TYPE = 'notification.Protocol';
const COLLECTOR = 'inventory.Collector';
const DEAD = '127.0.0.1:1';

/** Nothing was dialled or written: one line on stderr, exit 2, an empty report directory. */
function expectUsage(result: { code: number | null; stdout: string; stderr: string }, line: string | RegExp, dir?: string): void {
  expect(result.code, result.stdout + result.stderr).to.equal(2);
  expect(result.stderr.trim().split('\n')).to.have.lengthOf(1);
  if (typeof line === 'string') expect(result.stderr.trim()).to.equal(`plugin-conformance: ${line}`);
  else expect(result.stderr).to.match(line);
  expect(result.stdout).to.equal('');
  if (dir) expect(fs.readdirSync(dir)).to.deep.equal([]);
}

function listen(server: net.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as net.AddressInfo).port}`)));
}

describe('the CI gate', () => {
  /** One conforming plugin for every test here that needs a plugin which passes. */
  let conforming: StartedPlugin;
  before(async () => {
    conforming = await startReferencePlugin(TYPE, 'conforming');
  });
  after(async () => {
    await conforming.stop();
  });

  describe('a gate that cannot go green by accident', function () {
    this.timeout(60_000);

    it('1. --grep matching no check is exit 2, naming the pattern', async () => {
      const dir = tempDir();
      const result = await runCli(['--target', conforming.address, '--type', TYPE, '--grep', 'verfy/', '--junit', path.join(dir, 'r.xml')]);
      expectUsage(result, `--grep "verfy/" matches no check of this ${TYPE} run (see: plugin-conformance list --type ${TYPE})`, dir);
    });

    it('2. an opt-in input or choice of another type is exit 2, naming the types it applies to', async () => {
      const dir = tempDir();
      const cases: Array<[string[], string]> = [
        [['--event', '{}'], `--event does not apply to ${TYPE} (it applies to monitoring.Webhook, alert_manager.Webhook)`],
        [['--collect', '{}'], `--collect does not apply to ${TYPE} (it applies to inventory.Collector)`],
        [['--metric-list', '{}'], `--metric-list does not apply to ${TYPE} (it applies to monitoring.DataSource)`],
        [['--monitoring-type', 'METRIC'], `--monitoring-type does not apply to ${TYPE} (it applies to monitoring.DataSource)`],
      ];
      for (const [extra, line] of cases) {
        expectUsage(await runCli(['--target', DEAD, '--type', TYPE, ...extra, '--junit', path.join(dir, 'r.xml')]), line, dir);
      }
      const fleet = path.join(dir, 'fleet.yml');
      fs.writeFileSync(fleet, `targets:\n  - { name: n, type: ${TYPE}, target: "${DEAD}", event: { data: {} } }\n`);
      const out = path.join(dir, 'out');
      const result = await runCli(['run', '--config', fleet, '--out', out]);
      expectUsage(result, /targets\[0\] \(n\): --event does not apply to notification\.Protocol \(it applies to monitoring\.Webhook, alert_manager\.Webhook\)/);
      fs.rmSync(fleet);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });

    describe('5. a target that is not gRPC: exit 3 with or without --type, and describe says so in the same words', () => {
      const servers: Array<[kind: string, create: () => net.Server]> = [
        ['an HTTP/1 server', () => http.createServer((_request, response) => response.end('hello'))],
        ['a silent TCP listener', () => net.createServer(() => undefined)],
      ];
      for (const [kind, create] of servers) {
        it(kind, async () => {
          const server = create();
          const address = await listen(server);
          try {
            const junit = path.join(tempDir(), 'r.xml');
            const noGrpc = `TCP connected but no gRPC (HTTP/2) channel within 1000 ms`;
            const detected = await runCli(['--target', address, '--timeout', '1000', '--junit', junit]);
            expect(detected.code, detected.stderr).to.equal(3);
            expect(detected.stderr.trim()).to.equal(`plugin-conformance: cannot reach ${address} to detect its service type: ${noGrpc}`);
            const typed = await runCli(['--target', address, '--type', TYPE, '--timeout', '1000', '--junit', junit]);
            expect(typed.code, typed.stdout).to.equal(3);
            expect(typed.stdout).to.include(`unreachable: ${noGrpc}`);
            const described = await runCli(['describe', '--target', address, '--timeout', '1000']);
            expect(described.code, described.stderr).to.equal(3);
            expect(described.stderr.trim()).to.equal(`plugin-conformance: cannot reach ${address}: ${noGrpc}`);
          } finally {
            server.close();
          }
        });
      }
    });

    describe('6. streams: --timeout between messages, --stream-timeout for the whole, both in the stated bound', () => {
      let slow: StartedPlugin;
      let hangs: StartedPlugin;
      before(async () => {
        [slow, hangs] = await Promise.all([startReferencePlugin(COLLECTOR, 'collect-slow'), startReferencePlugin(COLLECTOR, 'collect-hangs')]);
      });
      after(async () => {
        await Promise.all([slow.stop(), hangs.stop()]);
      });
      const collect = (address: string, extra: string[]): Promise<{ code: number | null; stdout: string; junit: ReturnType<typeof readJunit> }> => {
        const junit = path.join(tempDir(), 'r.xml');
        return runCli(['--target', address, '--type', COLLECTOR, '--collect', '{}', '--grep', 'collect/stream', '--timeout', '1000', '--junit', junit, ...extra]).then((result) => ({ ...result, junit: readJunit(junit) }));
      };

      it('a collection longer than --timeout passes when every message comes within it', async () => {
        const result = await collect(slow.address, []);
        expect(result.code, result.stdout).to.equal(0);
        expect(result.stdout).to.match(/at most \d+ calls of 1000 ms \(1 of them streams of up to 300000 ms, 1000 ms between messages\): the run ends within (\d+) ms/);
        expect(Number(/ends within (\d+) ms/.exec(result.stdout)?.[1])).to.be.above(300_000);
      });

      it('the whole stream is bounded by --stream-timeout', async () => {
        const result = await collect(slow.address, ['--stream-timeout', '1200']);
        expect(result.code, result.stdout).to.equal(1);
        const stream = caseNamed(result.junit.cases, `${COLLECTOR}/collect/stream`);
        expect(stream.status).to.equal('error');
        expect(stream.text).to.match(/DEADLINE_EXCEEDED/);
      });

      it('a stream that stalls ends after --timeout without a message, not after the whole deadline', async () => {
        const result = await collect(hangs.address, []);
        expect(result.code, result.stdout).to.equal(1);
        const stream = caseNamed(result.junit.cases, `${COLLECTOR}/collect/stream`);
        expect(stream.status).to.equal('error');
        expect(stream.text).to.match(/no stream message within 1000 ms of message 1 \(--timeout\)/);
        expect(result.stdout).to.match(/Result: FAIL \(exit 1\)/);
      });
    });
  });

  describe('reports that always land, and never hang', function () {
    this.timeout(60_000);

    it('7. two reports on one path: exit 2 before dialling', async () => {
      const dir = tempDir();
      const same = path.join(dir, 'same.xml');
      expectUsage(await runCli(['--target', conforming.address, '--type', TYPE, '--junit', same, '--json', same]), `--junit and --json both name ${same}; give each report its own path`, dir);
      // Also when the type is still to be detected.
      expectUsage(await runCli(['--target', conforming.address, '--junit', same, '--html', same]), `--junit and --html both name ${same}; give each report its own path`, dir);
    });

    it('8. a report path no file can be created at: exit 2 before dialling, at once', async () => {
      const dir = tempDir();
      const ok = path.join(dir, 'ok.xml');
      const proc = await runCli(['--target', conforming.address, '--type', TYPE, '--junit', ok, '--json', '/proc/x.json'], { boundMs: 10_000 });
      expectUsage(proc, '--json /proc/x.json: cannot create files in /proc (ENOENT)', dir);
      const nested = await runCli(['--target', conforming.address, '--type', TYPE, '--junit', '/proc/nope/x.xml'], { boundMs: 10_000 });
      expectUsage(nested, '--junit /proc/nope/x.xml: cannot create files in /proc (ENOENT)');
      expect(nested.durationMs).to.be.below(5_000);
      const device = await runCli(['--target', conforming.address, '--type', TYPE, '--junit', '/dev/null'], { boundMs: 10_000 });
      expectUsage(device, /--junit \/dev\/null is not a regular file/);
    });

    it('8. a report path that fails after the run: the others are written, one line each, exit 4', async () => {
      const plugin = await startDefectInProcess(TYPE, 'hangs');
      try {
        const dir = tempDir();
        const out = path.join(dir, 'out');
        fs.mkdirSync(out);
        const result = await runCli(['--target', plugin.address, '--type', TYPE, '--grep', 'init/responds', '--timeout', '1500', '--junit', path.join(out, 'sub', 'r.xml'), '--json', path.join(dir, 'r.json')], {
          onSpawn(child) {
            let seen = '';
            child.stdout?.on('data', (chunk: Buffer) => {
              seen += chunk.toString();
              // Once the run is under way, the report directory becomes one where nothing can be made.
              if (/channel-ready/.test(seen) && !fs.lstatSync(out).isSymbolicLink()) {
                fs.rmSync(out, { recursive: true });
                fs.symlinkSync('/proc', out);
              }
            });
          },
        });
        expect(result.code, result.stdout + result.stderr).to.equal(4);
        expect(result.stderr.trim()).to.match(/^plugin-conformance: cannot write the --junit report .*out\/sub\/r\.xml: ENOENT/);
        expect(result.stderr.trim().split('\n')).to.have.lengthOf(1);
        expect(result.stdout).to.include(`Report: `).and.include('r.json');
        expect((JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as JsonReport).format).to.equal('plugin-conformance/report@1');
      } finally {
        await plugin.stop();
      }
    });

    it('fault: SIGTERM while the report is written to a path that fails ends the run within its bound', async () => {
      const plugin = await startDefectInProcess(TYPE, 'hangs');
      try {
        const dir = tempDir();
        const out = path.join(dir, 'out');
        fs.mkdirSync(out);
        let signalledAt = 0;
        const result = await runCli(['--target', plugin.address, '--type', TYPE, '--timeout', '30000', '--junit', path.join(out, 'deep', 'er', 'r.xml'), '--html', path.join(out, 'r.html')], {
          boundMs: 40_000,
          onSpawn(child) {
            let seen = '';
            child.stdout?.on('data', (chunk: Buffer) => {
              seen += chunk.toString();
              if (signalledAt || !/PASS\s+\S+\/connect\/channel-ready/.test(seen)) return;
              // init/responds now hangs for 30 s: make the report paths fail, then SIGTERM, so the
              // interrupted run writes its report to them.
              fs.rmSync(out, { recursive: true });
              fs.symlinkSync('/proc', out);
              signalledAt = Date.now();
              child.kill('SIGTERM');
            });
          },
        });
        expect(result.code, result.stdout + result.stderr).to.equal(143);
        expect(Date.now() - signalledAt).to.be.below(10_000);
        expect(result.stdout).to.match(/Result: INTERRUPTED \(exit 143\)/);
        expect(result.stderr).to.match(/cannot write the --junit report .*deep\/er\/r\.xml: ENOENT/).and.to.match(/cannot write the --html report .*r\.html: ENOENT/);
        expect(result.stderr).not.to.match(/internal error|at .*\.js:\d+/);
      } finally {
        await plugin.stop();
      }
    });

    it('9. --json - writes the JSON report to stdout, the console to stderr, no file named -', async () => {
      const dir = tempDir();
      const result = await runCli(['--target', conforming.address, '--type', TYPE, '--grep', 'connect/', '--json', '-', '--junit', path.join(dir, 'r.xml')], { cwd: dir });
      expect(result.code, result.stderr).to.equal(0);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.summary.verdict).to.equal('PASS');
      expect(result.stderr).to.match(/Result: PASS \(exit 0\)/).and.to.match(/^Report: -$/m);
      expect(fs.readdirSync(dir)).to.deep.equal(['r.xml']);
      expectUsage(await runCli(['--target', conforming.address, '--type', TYPE, '--json', '-', '--junit', '-']), '--junit and --json both name stdout (-); give each report its own path');
    });
  });

});

describe('10. fleet files: the type detected when left out, snake_case keys, old spellings with a warning', function () {
  this.timeout(60_000);

  it('runs an entry without type as a single run would, and warns once per deprecated key', async () => {
    const plugin = await startReferencePlugin(TYPE, 'conforming');
    try {
      const dir = tempDir();
      const fleet = path.join(dir, 'fleet.yml');
      fs.writeFileSync(
        fleet,
        [
          'defaults: { "domain-id": domain-x, profile: ci, stream_timeout: 60000 }',
          'targets:',
          `  - { name: found, target: "${plugin.address}", grep: "init/" }`,
          `  - { name: typed, type: ${TYPE}, target: "${plugin.address}", domain_id: d2, grep: "connect/" }`,
          '',
        ].join('\n'),
      );
      const out = path.join(dir, 'out');
      const result = await runCli(['run', '--config', fleet, '--out', out]);
      expect(result.code, result.stdout + result.stderr).to.equal(0);
      expect(result.stderr.trim()).to.equal(`plugin-conformance: warning: fleet file ${fleet}: key "domain-id" is deprecated; write "domain_id"`);
      const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as FleetSummary;
      expect(summary.targets.map((target) => [target.name, target.type, target.verdict])).to.deep.equal([
        ['found', TYPE, 'PASS'],
        ['typed', TYPE, 'PASS'],
      ]);
      expect(fs.readFileSync(path.join(out, 'found.log'), 'utf8')).to.match(new RegExp(`type ${TYPE} detected`));
    } finally {
      await plugin.stop();
    }
  });

  it('an exec entry without type is refused before anything starts', async () => {
    const dir = tempDir();
    const fleet = path.join(dir, 'fleet.yml');
    fs.writeFileSync(fleet, `targets:\n  - { name: e, target: "${DEAD}", exec: "true" }\n`);
    expectUsage(await runCli(['run', '--config', fleet, '--out', path.join(dir, 'out')]), /targets\[0\] \(e\): exec needs type \(or manifest\)/);
  });
});
