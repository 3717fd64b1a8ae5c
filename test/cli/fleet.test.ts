/**
 * `run --config`, `--shard` and `merge` against real reference plugins on loopback, as a CI job
 * runs them: a report per plugin, a summary, the worst exit code, shards that merge back whole.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot } from '../../src/paths.js';
import type { FleetSummary } from '../../src/fleet/summary.js';
import type { JsonReport } from '../../src/report/json.js';
import { runCli, startReferencePlugin, type StartedPlugin } from '../support/processes.js';
import { readJunit, tempDir } from '../support/reports.js';
import { reportSchemaErrors } from '../support/report-schema.js';

const TYPE = 'notification.Protocol';
const SERVE = path.join(packageRoot, 'dist', 'test', 'plugins', 'serve.js');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function readSummary(file: string): FleetSummary {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FleetSummary;
}

describe('fleet runs, shards and merge', function () {
  this.timeout(60_000);
  const plugins: StartedPlugin[] = [];
  let dir: string;
  let fleetFile: string;

  before(async () => {
    plugins.push(await startReferencePlugin(TYPE, 'conforming'), await startReferencePlugin(TYPE, 'bad-data-type'));
    dir = tempDir();
    const [good, bad] = plugins;
    const execPort = await freePort();
    fleetFile = path.join(dir, 'fleet.yml');
    fs.writeFileSync(path.join(dir, 'secret.json'), '{"token":"fleet-token-value"}');
    fs.writeFileSync(
      fleetFile,
      [
        'defaults: { type: notification.Protocol, timeout: 5000 }',
        'targets:',
        `  - { name: good, target: "${good?.address}", secret_data_file: secret.json }`,
        `  - { name: bad, target: "${bad?.address}" }`,
        `  - name: started`,
        `    target: "127.0.0.1:${execPort}"`,
        `    exec: ${JSON.stringify(`${JSON.stringify(process.execPath)} ${JSON.stringify(SERVE)} ${TYPE} conforming ${execPort} 127.0.0.1`)}`,
        `  - { name: gone, target: "127.0.0.1:${await freePort()}" }`,
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    await Promise.all(plugins.map((plugin) => plugin.stop()));
  });

  it('runs every plugin, two at a time: a report per plugin, a summary table and JSON, the worst exit code', async () => {
    const out = path.join(dir, 'all');
    const result = await runCli(['run', '--config', fleetFile, '--out', out, '--parallel', '2']);
    expect(result.code, result.stdout + result.stderr).to.equal(3);
    const summary = readSummary(path.join(out, 'summary.json'));
    expect(summary).to.deep.include({ format: 'plugin-conformance/fleet@1', verdict: 'UNREACHABLE', exitCode: 3 });
    expect(summary.targets.map((target) => [target.name, target.verdict, target.exitCode])).to.deep.equal([
      ['good', 'PASS', 0],
      ['bad', 'FAIL', 1],
      ['started', 'PASS', 0],
      ['gone', 'UNREACHABLE', 3],
    ]);
    for (const target of summary.targets) {
      for (const file of Object.values(target.reports)) expect(fs.existsSync(path.join(out, file)), file).to.equal(true);
      const report = JSON.parse(fs.readFileSync(path.join(out, `${target.name}.json`), 'utf8')) as JsonReport;
      expect(reportSchemaErrors(report)).to.deep.equal([]);
      expect(report.summary.plugin.name).to.equal(target.name);
    }
    expect(summary.targets.find((target) => target.name === 'bad')?.counts).to.deep.include({ failed: 1 });
    expect(fs.readFileSync(path.join(out, 'started.json'), 'utf8')).to.match(/"served": true/);
    expect(result.stdout).to.match(/^bad\s+notification\.Protocol\s+127\.0\.0\.1:\d+\s+FAIL\s+1(?:\s+\d+){6}$/m);
    expect(result.stdout).to.match(/Fleet: UNREACHABLE \(exit 3\) — 4 plugin\(s\): 2 PASS, 1 FAIL, 1 UNREACHABLE/);
    // Not a terminal: progress is a quiet line now and then, and a last one.
    expect(result.stdout).to.match(/^fleet: done 4\/4 plugins \(100%\), [\d.]+\/s, [\d.]+ s$/m);
    // Two at a time: the second plugin starts before the first finishes, and the runs overlap.
    const lines = result.stdout.split('\n');
    const firstVerdict = lines.findIndex((line) => /^ {2}(PASS|FAIL|UNREACHABLE)/.test(line));
    expect(lines.slice(0, firstVerdict).filter((line) => line.startsWith('  start'))).to.have.length(2);
    const busy = summary.targets.reduce((total, target) => total + target.durationMs, 0);
    expect(summary.durationMs).to.be.below(busy);
    for (const file of fs.readdirSync(out)) expect(fs.readFileSync(path.join(out, file), 'utf8'), file).not.to.include('fleet-token-value');
  });

  it('splits the fleet into disjoint shards that merge back into one summary and one JUnit file', async () => {
    const shardDirs = [path.join(dir, 'artifacts', 'shard-1'), path.join(dir, 'artifacts', 'shard-2')];
    // The same fleet without the plugin it starts itself, to keep the test short.
    const shardedFile = path.join(dir, 'sharded.yml');
    fs.writeFileSync(shardedFile, fs.readFileSync(fleetFile, 'utf8').replace(/ {2}- name: started\n.*\n.*\n/, ''));
    const shardRuns = await Promise.all(shardDirs.map((out, index) => runCli(['run', '--config', shardedFile, '--out', out, '--shard', `${index + 1}/2`])));
    const names = shardDirs.map((out) => readSummary(path.join(out, 'summary.json')).targets.map((target) => target.name));
    expect(names).to.deep.equal([['good', 'gone'], ['bad']]);
    expect(shardRuns.map((run) => run.code)).to.deep.equal([3, 1]);

    const merged = { json: path.join(dir, 'merged.json'), junit: path.join(dir, 'merged.xml') };
    const result = await runCli(['merge', path.join(dir, 'artifacts'), '--json', merged.json, '--junit', merged.junit]);
    expect(result.code, result.stdout + result.stderr).to.equal(3);
    const summary = readSummary(merged.json);
    expect(summary.shards).to.deep.equal([{ index: 1, count: 2 }, { index: 2, count: 2 }]);
    // In fleet-file order, not shard by shard.
    expect(summary.targets.map((target) => target.name)).to.deep.equal(['good', 'bad', 'gone']);
    expect(fs.existsSync(path.resolve(dir, summary.targets[0]?.reports.json ?? 'none'))).to.equal(true);
    const junit = readJunit(merged.junit);
    const schemaCases = junit.cases.filter((testCase) => testCase.name === `${TYPE}/init/metadata-schema`);
    expect(schemaCases.map((testCase) => testCase.status).sort()).to.deep.equal(['failure', 'passed', 'skipped']); // gone: not run
    expect(junit.cases.filter((testCase) => testCase.status === 'failure').map((testCase) => testCase.name)).to.deep.equal([`${TYPE}/init/metadata-schema`]);
    expect(junit.xml).to.include('testsuite name="bad/notification.Protocol/init"').and.include('testsuite name="gone/notification.Protocol/connect"');

    const partial = await runCli(['merge', shardDirs[0] ?? '', '--json', path.join(dir, 'partial.json')]);
    expect(partial.code).to.equal(2);
    expect(partial.stderr).to.match(/merge: shard\(s\) 2\/2 missing; found 1\/2/);
    expect(fs.existsSync(path.join(dir, 'partial.json'))).to.equal(false);
  });

  it('rejects a bad fleet file or command line before starting anything (exit 2, one line)', async () => {
    const bad = path.join(dir, 'bad.yml');
    fs.writeFileSync(bad, 'targets:\n  - { name: x, type: notification.Protocol, target: "127.0.0.1:1", colour: red }\n');
    const out = path.join(dir, 'never');
    const result = await runCli(['run', '--config', bad, '--out', out]);
    expect(result.code).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(/targets\[0\] \(x\): unknown key "colour"/);
    expect(fs.existsSync(out)).to.equal(false);
    for (const [args, message] of [
      [['run'], /required option '--config <file>'/],
      [['run', '--config', bad, '--shard', '3/2'], /--shard 3\/2: i must be from 1 to 2/],
      [['merge', dir], /merge: give --junit PATH and\/or --json PATH/],
    ] as const) {
      const usage = await runCli(args);
      expect(usage.code, usage.stderr).to.equal(2);
      expect(usage.stderr.trim().split('\n')).to.have.length(1);
      expect(usage.stderr).to.match(message);
    }
  });

  it('on SIGINT: the running plugin run writes its report, the rest is not started, exit 130', async () => {
    const hanging = await startReferencePlugin(TYPE, 'init-hangs');
    plugins.push(hanging);
    const file = path.join(dir, 'hang.yml');
    fs.writeFileSync(file, `targets:\n  - { name: hangs, type: ${TYPE}, target: "${hanging.address}", timeout: 30000 }\n  - { name: later, type: ${TYPE}, target: "${hanging.address}" }\n`);
    const out = path.join(dir, 'interrupted');
    let seen = '';
    let sent = false;
    const result = await runCli(['run', '--config', file, '--out', out, '--parallel', '1'], {
      onSpawn: (child) =>
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (sent || !seen.includes('start   hangs')) return;
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 4_000); // time for the plugin's run to start and hang in init
        }),
    });
    expect(result.code, result.stdout).to.equal(130);
    const summary = readSummary(path.join(out, 'summary.json'));
    expect(summary.targets.map((target) => [target.name, target.verdict])).to.deep.equal([
      ['hangs', 'INTERRUPTED'],
      ['later', 'NOT RUN'],
    ]);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'hangs.json'), 'utf8')) as JsonReport;
    expect(report.summary).to.deep.include({ interrupted: 'SIGTERM', exitCode: 143 });
  });
});
