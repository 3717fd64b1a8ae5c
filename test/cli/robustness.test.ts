/**
 * The robustness group, run by the built CLI against real plugins on loopback: each check passes
 * a conforming plugin and the python-core shaped server, and fails the defective plugin built
 * for it, with the reason and what the core does.
 */
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot } from '../../src/paths.js';
import { runCli, startPythonPlugin, startReferencePlugin } from '../support/processes.js';
import { caseNamed, readJunit, tempDir, type JunitCase } from '../support/reports.js';
import { startDefectInProcess } from '../support/in-process.js';

const TYPE = 'notification.Protocol';
const id = (local: string): string => `${TYPE}/robustness/${local}`;
const ODD_INPUT_CHECKS = ['missing-parameters', 'wrong-kinds', 'unknown-keys', 'large-options', 'deep-options', 'non-ascii'];
const ALL_CHECKS = [...ODD_INPUT_CHECKS, 'repeated-init', 'repeated-verify', 'parallel-init'];

/** Variants that exit their process are spawned; the rest are served from this process. */
const SPAWNED = new Set(['dies-on-odd-input', 'nondeterministic']);

async function runAgainst(variant: string, extra: string[] = []): Promise<{ code: number | null; stdout: string; cases: JunitCase[] }> {
  const plugin = SPAWNED.has(variant) || variant === 'conforming' ? await startReferencePlugin(TYPE, variant) : await startDefectInProcess(TYPE, variant);
  try {
    const junitPath = path.join(tempDir(), 'report.xml');
    const { code, stdout } = await runCli(['--target', plugin.address, '--type', TYPE, '--junit', junitPath, ...extra]);
    return { code, stdout, cases: readJunit(junitPath).cases };
  } finally {
    await plugin.stop();
  }
}

const statuses = (cases: readonly JunitCase[], checks: readonly string[]): string[] => checks.map((check) => caseNamed(cases, id(check)).status);

describe('robustness group', function () {
  this.timeout(60_000);

  it('passes a conforming plugin on every check, with no warning', async () => {
    const { code, stdout, cases } = await runAgainst('conforming', ['--grep', 'robustness/']);
    expect(code, stdout).to.equal(0);
    expect(statuses(cases, ALL_CHECKS)).to.deep.equal(ALL_CHECKS.map(() => 'passed'));
    expect(stdout).not.to.match(/warning:/);
    expect(caseNamed(cases, id('missing-parameters')).text).to.match(/Protocol\.init answered INVALID_ARGUMENT: ERROR_REQUIRED_PARAMETER/);
  });

  it('passes the python-core shaped server on a real plugin\'s replay: INVALID_ARGUMENT ERROR_REQUIRED_PARAMETER for no options', async () => {
    const plugin = await startPythonPlugin(path.join(packageRoot, 'test', 'replays', TYPE, 'plugin-slack-noti-protocol.json'));
    try {
      const junitPath = path.join(tempDir(), 'report.xml');
      const { code, stdout } = await runCli(['--target', plugin.address, '--type', TYPE, '--junit', junitPath, '--grep', 'robustness/']);
      const cases = readJunit(junitPath).cases;
      expect(code, stdout).to.equal(0);
      expect(statuses(cases, ALL_CHECKS)).to.deep.equal(ALL_CHECKS.map(() => 'passed'));
      expect(caseNamed(cases, id('missing-parameters')).text).to.match(/Protocol\.init answered INVALID_ARGUMENT: ERROR_REQUIRED_PARAMETER: Required parameter\. \(key = options\)/);
      expect(stdout).not.to.match(/warning:/);
    } finally {
      await plugin.stop();
    }
  });

  it('reports each odd input a plugin never answers as a timeout error, and goes on', async () => {
    const { code, stdout, cases } = await runAgainst('hangs-on-odd-input', ['--timeout', '700', '--grep', `robustness/(${ODD_INPUT_CHECKS.join('|')})`]);
    expect(code, stdout).to.equal(1);
    expect(statuses(cases, ODD_INPUT_CHECKS)).to.deep.equal(ODD_INPUT_CHECKS.map(() => 'error'));
    for (const check of ODD_INPUT_CHECKS) expect(caseNamed(cases, id(check)).text).to.match(/given a request with .* timed out \(DEADLINE_EXCEEDED\)/);
  });

  it('reports a plugin that dies on odd input: the lost connection named, the rest not run, exit 3', async () => {
    const { code, stdout, cases } = await runAgainst('dies-on-odd-input', ['--grep', 'robustness/']);
    expect(code, stdout).to.equal(3);
    const died = caseNamed(cases, id('missing-parameters'));
    expect(died.status).to.equal('error');
    expect(died.text).to.match(/UNAVAILABLE/);
    expect(caseNamed(cases, id('parallel-init')).text).to.match(/not run: connection to 127\.0\.0\.1:\d+ lost during notification\.Protocol\/robustness\/missing-parameters/);
  });

  it('fails a plugin that answers odd input but no longer answers init after it', async () => {
    const { code, cases } = await runAgainst('broken-after-odd-input', ['--grep', 'missing-parameters']);
    expect(code).to.equal(1);
    const broken = caseNamed(cases, id('missing-parameters'));
    expect(broken.status).to.equal('failure');
    expect(broken.text).to.match(/after a request with none of the keys the core sends \(no options\), Protocol\.init no longer answers OK.*ERROR_UNKNOWN: internal state lost/);
    expect(broken.text).to.match(/every one of them would fail/);
  });

  it('warns, not fails, on errors without the ERROR_<CODE>: form, saying what the core does with them', async () => {
    const { code, stdout, cases } = await runAgainst('malformed-errors', ['--grep', 'robustness/missing-parameters']);
    expect(code, stdout).to.equal(0);
    const warned = caseNamed(cases, id('missing-parameters'));
    expect(warned.status).to.equal('passed');
    // The case's text is JSON, so the plugin's quoted message appears with escaped quotes.
    expect(warned.text).to.match(/Protocol\.init answered .* with INVALID_ARGUMENT \\"options is required\\", not in the form ERROR_<CODE>: message; the core still fails the call with this text, but as ERROR_INTERNAL_API/);
    expect(stdout).to.match(/warning: Protocol\.verify answered .* UNAUTHENTICATED "no credentials given".*not as an authentication failure/);
  });

  it('fails init metadata that drifts on later calls, though a second call matched', async () => {
    const { code, cases } = await runAgainst('drifts-on-later-calls', ['--grep', 'init/deterministic|repeated-init']);
    expect(code).to.equal(1);
    expect(caseNamed(cases, `${TYPE}/init/deterministic`).status).to.equal('passed');
    const drifted = caseNamed(cases, id('repeated-init'));
    expect(drifted.status).to.equal('failure');
    expect(drifted.text).to.match(/call \d+ of 10 returned other metadata than the first call, at \$\.cache/);
  });

  it('fails verify that answers differently from call to call', async () => {
    const { code, cases } = await runAgainst('flaky-verify', ['--grep', 'verify/active|repeated-verify']);
    expect(code).to.equal(1);
    expect(caseNamed(cases, `${TYPE}/verify/active`).status).to.equal('passed');
    const flaky = caseNamed(cases, id('repeated-verify'));
    expect(flaky.status).to.equal('failure');
    expect(flaky.text).to.match(/Protocol\.verify call \d+ of 10 answered (OK|UNAUTHENTICATED), call 1 answered (OK|UNAUTHENTICATED)/);
  });

  it('fails init that answers alike in sequence but not under 20 parallel calls', async () => {
    const { code, cases } = await runAgainst('inconsistent-under-concurrency', ['--grep', 'init/deterministic|repeated-init|parallel-init']);
    expect(code).to.equal(1);
    expect(statuses(cases, ['repeated-init'])).to.deep.equal(['passed']);
    expect(caseNamed(cases, `${TYPE}/init/deterministic`).status).to.equal('passed');
    const parallel = caseNamed(cases, id('parallel-init'));
    expect(parallel.status).to.equal('failure');
    expect(parallel.text).to.match(/\d+ of 20 parallel calls returned other metadata; parallel call \d+ of 20 returned other metadata than the first call, at \$\.served_for/);
  });

  it('reports repeated and parallel init not run when init/deterministic already failed, not as more failures', async () => {
    const { cases } = await runAgainst('nondeterministic', ['--grep', 'init/deterministic|repeated-init|parallel-init']);
    expect(caseNamed(cases, id('repeated-init')).text).to.match(/not run: prerequisite init\/deterministic failed/);
    expect(caseNamed(cases, id('parallel-init')).text).to.match(/not run: prerequisite init\/deterministic failed/);
  });

  it('is skipped as a whole by a --grep that leaves it out', async () => {
    const { code, cases } = await runAgainst('hangs-on-odd-input', ['--grep', '^(?!.*/robustness/)']);
    expect(code).to.equal(0);
    for (const check of ALL_CHECKS) expect(caseNamed(cases, id(check)).text).to.match(/not selected by --grep/);
  });
});
