/**
 * The harness under faults, run as a user runs it: plugins that hang, crash, flood, truncate,
 * send garbage or echo secrets, and signals mid-run. The run always ends within its bound, says
 * what happened, writes its report whole and prints no secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, spawnServer, startReferencePlugin, type CliResult } from '../support/processes.js';
import { caseNamed, readJunit, tempDir, type JunitCase } from '../support/reports.js';
import { startDefectInProcess, startWireInProcess, type InProcessPlugin } from '../support/in-process.js';
import type { WireFault } from '../plugins/wire.js';
import { packageRoot } from '../../src/paths.js';

const TYPE = 'notification.Protocol';
const id = (local: string): string => `${TYPE}/${local}`;
const SERVE = path.join(packageRoot, 'dist', 'test', 'plugins', 'serve.js');
async function runAgainst(plugin: Promise<InProcessPlugin>, extra: string[] = []): Promise<CliResult & { cases: JunitCase[]; junitXml: string }> {
  const started = await plugin;
  try {
    const junitPath = path.join(tempDir(), 'report.xml');
    const result = await runCli(['--target', started.address, '--type', TYPE, '--junit', junitPath, ...extra]);
    const junit = readJunit(junitPath);
    return { ...result, cases: junit.cases, junitXml: junit.xml };
  } finally {
    await started.stop();
  }
}

const failedOrErrored = (cases: readonly JunitCase[]): string[] => cases.filter((testCase) => testCase.status === 'failure' || testCase.status === 'error').map((testCase) => testCase.name);

describe('harness under faults', function () {
  this.timeout(60_000);

  describe('responses the core could not take either', () => {
    const faults: Array<[fault: WireFault, reason: RegExp]> = [
      ['flood', /the plugin sent a message frame of 314572800 bytes, over the core's limit of 268435456 bytes \(256 MiB\).*rejects messages over 256 MiB/],
      ['truncated', /the call ended without one complete response message \(none was sent, or its frame was truncated\)/],
      ['garbage', /the response is not a valid spaceone\.api\.notification\.plugin\.PluginInfo message \(index out of range\).*protobuf raises DecodeError/],
    ];
    for (const [fault, reason] of faults) {
      it(`fails a ${fault} answer with a clear message, never a harness crash`, async () => {
        const { code, stdout, stderr, cases } = await runAgainst(startWireInProcess(fault), ['--grep', 'init/responds']);
        expect(code, stdout).to.equal(1);
        expect(stderr).to.equal('');
        const responds = caseNamed(cases, id('init/responds'));
        expect(responds.status).to.equal('failure');
        expect(responds.text).to.match(reason);
      });
    }
  });

  describe('a dead or hanging plugin ends the run within the README bound', () => {
    it('hanging on every call: one deadline per check that needs no earlier answer, 3 × --timeout + 10 s in all', async () => {
      const timeoutMs = 800;
      const { code, stdout, cases, durationMs } = await runAgainst(startDefectInProcess(TYPE, 'hangs'), ['--timeout', String(timeoutMs)]);
      expect(code, stdout).to.equal(1);
      expect(failedOrErrored(cases)).to.deep.equal([id('init/responds'), id('verify/active')]);
      for (const name of failedOrErrored(cases)) expect(caseNamed(cases, name).status).to.equal('error');
      expect(caseNamed(cases, id('robustness/parallel-init')).text).to.match(/not run: prerequisite init\/responds error/);
      // A verify that did not answer is not called ten more times.
      expect(caseNamed(cases, id('robustness/repeated-verify')).text).to.match(/not run: prerequisite verify\/active error/);
      expect(durationMs).to.be.below(3 * timeoutMs + 10_000);
    });

    it('accepting TCP but never speaking HTTP/2: unreachable within one --timeout, exit 3, rest not run', async () => {
      // Spawned through serve.js, the way the README starts a wire fault by hand.
      const { code, stdout, cases, durationMs } = await runAgainst(spawnServer(process.execPath, [SERVE, 'wire', 'silent', '0', '127.0.0.1']), ['--timeout', '500']);
      expect(code, stdout).to.equal(3);
      expect(stdout).to.match(/TCP connected but no gRPC \(HTTP\/2\) channel within 500 ms/);
      expect(failedOrErrored(cases)).to.deep.equal([id('connect/channel-ready')]);
      expect(cases.filter((testCase) => testCase.status === 'skipped')).to.have.length(cases.length - 1);
      expect(durationMs).to.be.below(500 + 10_000);
    });

    it('crashing mid-run: the check in flight errors naming the lost connection, the rest not run, report whole', async () => {
      const { code, stdout, cases } = await runAgainst(startReferencePlugin(TYPE, 'crashes-mid-run'));
      expect(code, stdout).to.equal(3);
      expect(failedOrErrored(cases)).to.have.length(1);
      const inFlight = caseNamed(cases, failedOrErrored(cases)[0] ?? '');
      expect(inFlight.status).to.equal('error');
      expect(inFlight.text).to.match(/UNAVAILABLE/);
      const after = cases.slice(cases.indexOf(inFlight) + 1).filter((testCase) => !/dispatch/.test(testCase.name));
      expect(after.length).to.be.greaterThan(0);
      for (const testCase of after) expect(testCase.text).to.match(new RegExp(`not run: connection to 127\\.0\\.0\\.1:\\d+ lost during ${inFlight.name.replace(/[./]/g, '\\$&')}`));
    });

    it('slow but within the deadline passes; slower than the deadline is a timeout error and the run goes on', async () => {
      const patient = await runAgainst(startDefectInProcess(TYPE, 'slow'), ['--timeout', '3000', '--grep', 'init/responds|verify/active']);
      expect(patient.code, patient.stdout).to.equal(0);
      const hasty = await runAgainst(startDefectInProcess(TYPE, 'slow'), ['--timeout', '300', '--grep', 'init/responds|verify/active']);
      expect(hasty.code, hasty.stdout).to.equal(1);
      expect(caseNamed(hasty.cases, id('init/responds')).text).to.match(/timed out \(DEADLINE_EXCEEDED\)/);
      expect(caseNamed(hasty.cases, id('verify/active')).status).to.equal('error');
    });
  });

  describe('SIGINT and SIGTERM mid-run', () => {
    /** How long the console stays quiet before the hanging init is taken to be in flight. */
    const QUIET_BEFORE_SIGNAL_MS = 1_500;
    const signals: Array<[signal: NodeJS.Signals, exitCode: number]> = [['SIGINT', 130], ['SIGTERM', 143]];
    for (const [signal, exitCode] of signals) {
      it(`${signal}: the report of what ran is written whole, the check in flight an error, the rest not run, exit ${exitCode}`, async () => {
        const plugin = await startDefectInProcess(TYPE, 'hangs');
        try {
          const dir = tempDir();
          const junitPath = path.join(dir, 'report.xml');
          const result = await runCli(['--target', plugin.address, '--type', TYPE, '--junit', junitPath, '--timeout', '30000'], {
            onSpawn(child) {
              // init/responds hangs for 30 s once connect and the contract group have passed: signal
              // while it is in flight, i.e. once the console has been quiet for a while after connect
              // (a fixed delay after connect fell inside a slow contract check on a loaded machine).
              // Exactly one signal: a second would meet the default handler and kill the process outright.
              let seen = '';
              let pending: NodeJS.Timeout | undefined;
              let signalled = false;
              child.stdout?.on('data', (chunk: Buffer) => {
                seen += chunk.toString();
                if (signalled || !/PASS\s+\S+\/connect\/channel-ready/.test(seen)) return;
                clearTimeout(pending);
                pending = setTimeout(() => {
                  signalled = true;
                  child.kill(signal);
                }, QUIET_BEFORE_SIGNAL_MS);
              });
              child.once('exit', () => clearTimeout(pending));
            },
          });
          expect(result.code, result.stdout).to.equal(exitCode);
          expect(result.durationMs).to.be.below(20_000);
          expect(result.stdout).to.match(new RegExp(`Result: INTERRUPTED \\(exit ${exitCode}\\)`));
          expect(fs.readdirSync(dir)).to.deep.equal(['report.xml']);
          const { cases } = readJunit(junitPath);
          expect(caseNamed(cases, id('connect/channel-ready')).status).to.equal('passed');
          const inFlight = caseNamed(cases, id('init/responds'));
          expect(inFlight.status).to.equal('error');
          expect(inFlight.text).to.match(new RegExp(`interrupted \\(${signal}\\) while running`));
          // The contract group reads reflection before init, so it has passed by then.
          const rest = cases.filter((testCase) => testCase.name !== inFlight.name && testCase.name !== id('connect/channel-ready') && !testCase.name.includes('/contract/'));
          for (const testCase of rest) {
            expect(testCase.status).to.equal('skipped');
            expect(testCase.text).to.match(new RegExp(`not run: run interrupted \\(${signal}\\)`));
          }
        } finally {
          await plugin.stop();
        }
      });
    }
  });

  describe('secrets', () => {
    /** Forms a secret can take in output: as given, JSON-escaped, XML-escaped, URL-encoded. */
    function leakedForms(secret: string): string[] {
      const json = JSON.stringify(secret).slice(1, -1);
      const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
      return [...new Set([secret, json, xml(secret), xml(json), encodeURIComponent(secret)])];
    }

    /** Every byte the run wrote: its stdout and stderr and every file under its directory. */
    function everythingWritten(result: CliResult, dir: string): Array<[where: string, content: string]> {
      const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      return [['stdout', result.stdout], ['stderr', result.stderr], ...files.map((file): [string, string] => [file.name, fs.readFileSync(path.join(file.parentPath, file.name), 'utf8')])];
    }

    it('are masked in every byte the run writes, also where the plugin echoes them in errors and in responses', async () => {
      const canaries = ['CANARY-opt-pw-4f9e1b', 'CANARY-secret-77c2"&<x>', 'CANARY-nested-key-0d5a'];
      const [optionPassword = '', secretToken = '', nestedKey = ''] = canaries;
      const dir = tempDir();
      const secretFile = path.join(dir, 'secret.json');
      fs.writeFileSync(secretFile, JSON.stringify({ token: secretToken, nested: { api_key: nestedKey } }));
      const plugin = await startDefectInProcess(TYPE, 'echoes-secrets');
      try {
        const junitPath = path.join(dir, 'reports', 'report.xml');
        const options = JSON.stringify({ region: 'eu-west-1', password: optionPassword });
        const result = await runCli(['--target', plugin.address, '--type', TYPE, '--junit', junitPath, '--options', options, '--secret-data', `@${secretFile}`], { cwd: dir });
        const { cases } = readJunit(junitPath);
        // The plugin did echo: its init metadata quotes the options, its errors the whole request.
        expect(caseNamed(cases, id('init/deterministic')).text).to.match(/call 1 with options.*eu-west-1.*\*\*\*\*/);
        expect(caseNamed(cases, id('verify/active')).text).to.match(/cannot use .*\*\*\*\*/);
        fs.rmSync(secretFile);
        for (const [where, content] of everythingWritten(result, dir)) {
          for (const canary of canaries) for (const form of leakedForms(canary)) expect(content.includes(form), `${where} holds ${form}`).to.equal(false);
        }
      } finally {
        await plugin.stop();
      }
    });
  });
});
