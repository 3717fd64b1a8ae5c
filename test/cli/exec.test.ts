/**
 * --exec against real reference plugins on loopback: the harness starts the plugin, waits until it
 * serves, runs, stops it and everything it started, and keeps its output in the reports.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot } from '../../src/paths.js';
import type { JsonReport } from '../../src/report/json.js';
import { runCli, type CliResult } from '../support/processes.js';
import { readJunit, tempDir } from '../support/reports.js';
import { reportSchemaErrors } from '../support/report-schema.js';

const TYPE = 'notification.Protocol';
const SERVE = path.join(packageRoot, 'dist', 'test', 'plugins', 'serve.js');

/** A loopback port with nothing listening: bind, note the port, close. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function serveCommand(variant: string, port: number): string {
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(SERVE)} ${TYPE} ${variant} ${port} 127.0.0.1`;
}

/** Whether any process of the group is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function processGroup(stdout: string): number {
  const pgid = Number(/process group (\d+)/.exec(stdout)?.[1]);
  expect(pgid, stdout).to.be.greaterThan(1);
  return pgid;
}

async function runExec(port: number, command: string, extra: string[] = []): Promise<CliResult & { json: JsonReport; junit: ReturnType<typeof readJunit> }> {
  const dir = tempDir();
  const json = path.join(dir, 'r.json');
  const junit = path.join(dir, 'r.xml');
  const result = await runCli(['--target', `127.0.0.1:${port}`, '--type', TYPE, '--exec', command, '--json', json, '--junit', junit, ...extra]);
  return { ...result, json: JSON.parse(fs.readFileSync(json, 'utf8')) as JsonReport, junit: readJunit(junit) };
}

describe('--exec', function () {
  this.timeout(60_000);

  it('starts the plugin, runs against it, stops it and its children, and records its output', async () => {
    const port = await freePort();
    // A shell with a background helper: stopping must reach the whole group, not only the shell.
    const command = `sleep 120 & echo plugin-says-hello; ${serveCommand('bad-data-type', port)}`;
    const result = await runExec(port, command);
    expect(result.code, result.stdout + result.stderr).to.equal(1);
    expect(result.stdout).to.match(/Plugin: serving after \d+ ms/);
    expect(result.json.checks.find((check) => check.id === `${TYPE}/init/metadata-schema`)?.status).to.equal('failed');
    const record = result.json.pluginProcess;
    expect(record).to.deep.include({ command, served: true });
    expect(record?.exit.stoppedBy).to.equal('SIGTERM');
    expect(record?.stdout).to.include('plugin-says-hello').and.include(`LISTENING ${port}`);
    expect(reportSchemaErrors(result.json)).to.deep.equal([]);
    expect(groupAlive(processGroup(result.stdout)), 'plugin process group still alive').to.equal(false);
    // No case of its own: JUnit counts the run's checks, as the console and JSON do.
    expect(result.junit.cases).to.have.lengthOf(result.json.checks.length);
    expect(result.junit.properties).to.include({ 'plugin.command': command, 'plugin.served': 'true', 'plugin.stopped-by': 'SIGTERM' });
    expect(result.junit.cases[0]?.text).to.include('plugin-says-hello');
  });

  it('a plugin that exits before serving: exit 3 at once, its output in JSON and JUnit', async () => {
    const port = await freePort();
    const result = await runExec(port, `echo starting; echo "ImportError: no module named spaceone" >&2; exit 1`);
    expect(result.code, result.stdout).to.equal(3);
    expect(result.durationMs).to.be.below(10_000);
    expect(result.stdout).to.match(/Plugin: exited before serving \(exit code 1\)/);
    expect(result.json.summary.targetLost).to.match(/^the plugin started by --exec exited before serving \(exit code 1\); target .* unreachable: connection refused/);
    expect(result.json.pluginProcess).to.deep.include({ served: false, stdout: 'starting\n', stderr: 'ImportError: no module named spaceone\n' });
    expect(result.json.pluginProcess?.exit).to.deep.equal({ code: 1, signal: null });
    // The cause on the console, where a CI log shows it, not only in the report files.
    expect(result.stdout).to.match(/Plugin: last 1 line\(s\) of its stderr:\n  \| ImportError: no module named spaceone\n/);
    // JUnit counts what the console and JSON count: the checks, one error (the lost target).
    const counted = /Result: UNREACHABLE \(exit 3\) — (\d+) passed, (\d+) failed, (\d+) errors/.exec(result.stdout);
    const errors = result.junit.cases.filter((testCase) => testCase.status === 'error');
    expect(result.junit.cases).to.have.lengthOf(result.json.checks.length);
    expect(errors).to.have.lengthOf(Number(counted?.[3]));
    expect(errors).to.have.lengthOf(result.json.summary.counts.error);
    expect(errors[0]?.text).to.include('ImportError: no module named spaceone');
    expect(result.junit.properties).to.include({ 'plugin.served': 'false', 'plugin.exit': 'code 1' });
  });

  it('a plugin that never serves: stopped at --startup-timeout with everything it started, exit 3', async () => {
    const port = await freePort();
    const result = await runExec(port, 'echo waiting-forever; sleep 120 & sleep 120', ['--startup-timeout', '1500']);
    expect(result.code, result.stdout).to.equal(3);
    expect(result.stdout).to.match(/Plugin: did not serve within 1500 ms/);
    expect(result.json.pluginProcess).to.deep.include({ served: false, stdout: 'waiting-forever\n' });
    expect(result.json.pluginProcess?.exit.stoppedBy).to.equal('SIGTERM');
    expect(groupAlive(processGroup(result.stdout))).to.equal(false);
  });

  it('refuses to start when something already serves on the --target port (exit 2, nothing run)', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const dir = tempDir();
      const { code, stderr } = await runCli(['--target', `127.0.0.1:${port}`, '--type', TYPE, '--exec', 'touch started', '--junit', path.join(dir, 'r.xml')], { cwd: dir });
      expect(code).to.equal(2);
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stderr).to.match(/--exec: something already accepts connections on the --target port/);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    } finally {
      server.close();
    }
  });

  it('asks for --type with --exec instead of dialling a plugin it has not started yet (exit 2, nothing run)', async () => {
    const dir = tempDir();
    const port = await freePort();
    const { code, stderr } = await runCli(['--target', `127.0.0.1:${port}`, '--exec', 'touch started', '--junit', path.join(dir, 'r.xml')], { cwd: dir });
    expect(code).to.equal(2);
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/--exec needs --type \(or --manifest\)/);
    expect(fs.readdirSync(dir)).to.deep.equal([]);
  });

  it('masks secrets everywhere: command, plugin output, and what the plugin echoes, in JSON, HTML and JUnit', async () => {
    const port = await freePort();
    const canary = 'CANARY-exec-91b7';
    const dir = tempDir();
    const secretFile = path.join(dir, 'secret.json');
    fs.writeFileSync(secretFile, JSON.stringify({ token: canary }));
    const html = path.join(dir, 'r.html');
    const result = await runExec(port, `echo token=${canary}; ${serveCommand('echo-secret', port)}`, ['--secret-data', `@${secretFile}`, '--html', html]);
    expect(result.code, result.stdout).to.equal(1);
    expect(result.json.checks.find((check) => check.id === `${TYPE}/verify/active`)?.message).to.match(/bad secret/);
    expect(result.json.pluginProcess?.stdout).to.include('token=****');
    for (const text of [JSON.stringify(result.json), fs.readFileSync(html, 'utf8'), result.junit.xml, result.stdout, result.stderr]) {
      expect(text).not.to.include(canary);
    }
  });

  it('on SIGINT mid-run: stops the plugin, writes the report, exits 130', async () => {
    const port = await freePort();
    const dir = tempDir();
    const json = path.join(dir, 'r.json');
    let seen = '';
    let sent = false;
    const result = await runCli(['--target', `127.0.0.1:${port}`, '--type', TYPE, '--exec', serveCommand('init-hangs', port), '--json', json, '--junit', path.join(dir, 'r.xml'), '--timeout', '30000'], {
      onSpawn: (child) =>
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (sent || !/PASS\s+\S+connect\/channel-ready/.test(seen)) return;
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 300);
        }),
    });
    expect(result.code, result.stdout).to.equal(130);
    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonReport;
    expect(report.summary).to.deep.include({ verdict: 'INTERRUPTED', exitCode: 130, interrupted: 'SIGINT' });
    expect(report.pluginProcess?.exit.stoppedBy).to.equal('SIGTERM');
    expect(groupAlive(processGroup(result.stdout))).to.equal(false);
  });
});
