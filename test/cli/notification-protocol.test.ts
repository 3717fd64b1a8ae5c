/**
 * The built CLI against real notification.Protocol plugins on loopback, as a user runs it:
 * exit code, console lines and JUnit content.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, startReferencePlugin } from '../support/processes.js';
import { caseNamed, readJunit, tempDir } from '../support/reports.js';

const TYPE = 'notification.Protocol';
const id = (local: string): string => `${TYPE}/${local}`;

async function runAgainst(variant: string, extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string; junit: ReturnType<typeof readJunit> }> {
  const plugin = await startReferencePlugin(TYPE, variant);
  try {
    const junitPath = path.join(tempDir(), 'report.xml');
    const result = await runCli(['--target', plugin.address, '--type', TYPE, '--junit', junitPath, ...extra]);
    return { ...result, junit: readJunit(junitPath) };
  } finally {
    await plugin.stop();
  }
}

/** A loopback port with nothing listening: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('notification.Protocol end to end', function () {
  this.timeout(60_000);

  it('passes a conforming plugin: exit 0, every check in JUnit with stable IDs and properties', async () => {
    const { code, stdout, junit } = await runAgainst('conforming');
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/PASS\s+notification\.Protocol\/init\/metadata-schema/);
    expect(stdout).to.match(/Result: PASS \(exit 0\)/);
    const names = junit.cases.map((testCase) => testCase.name);
    expect(names).to.include.members([id('connect/channel-ready'), id('init/responds'), id('init/metadata-schema'), id('init/schema-compiles'), id('init/deterministic'), id('verify/active'), id('dispatch/sends')]);
    expect(caseNamed(junit.cases, id('dispatch/sends')).status).to.equal('skipped');
    expect(caseNamed(junit.cases, id('dispatch/sends')).text).to.match(/give --dispatch/);
    expect(junit.properties).to.include({ type: TYPE, 'harness.version': '0.1.0' });
    expect(junit.xml).to.match(/time="\d/);
  });

  const defects: Array<[variant: string, check: string, reason: RegExp]> = [
    ['bad-data-type', 'init/metadata-schema', /\$\.data_type.*HTML/s],
    ['missing-data-type', 'init/metadata-schema', /\$\.data_type is required/],
    ['invalid-schema', 'init/schema-compiles', /properties\/token\/type/],
    ['pattern-without-title', 'init/metadata-schema', /channel\.title is required/],
    ['nondeterministic', 'init/deterministic', /\$\.generated_at/],
    ['no-metadata', 'init/responds', /returned no metadata/],
    ['verify-error', 'verify/active', /UNAUTHENTICATED: ERROR_AUTHENTICATE_FAILURE/],
  ];
  for (const [variant, check, reason] of defects) {
    it(`fails ${variant}: exit 1, ${check} failed with the cause in console and JUnit`, async () => {
      const { code, stdout, junit } = await runAgainst(variant);
      expect(code, stdout).to.equal(1);
      expect(stdout).to.match(new RegExp(`FAIL\\s+${id(check).replace(/[./]/g, '\\$&')}`));
      const testCase = caseNamed(junit.cases, id(check));
      expect(testCase.status).to.equal('failure');
      expect(testCase.text).to.match(reason);
      expect(junit.cases.filter((other) => other.status === 'failure').map((other) => other.name)).to.deep.equal([id(check)]);
    });
  }

  it('passes a plugin without data.schema with a warning, as the core tolerates it', async () => {
    const { code, stdout } = await runAgainst('no-channel-schema');
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/warning: metadata\.data\.schema is absent/);
  });

  it('reports init dependents as not run, not as more failures, when init fails', async () => {
    const { junit } = await runAgainst('no-metadata');
    for (const check of ['init/metadata-schema', 'init/schema-compiles', 'init/deterministic']) {
      const testCase = caseNamed(junit.cases, id(check));
      expect(testCase.status).to.equal('skipped');
      expect(testCase.text).to.match(/not run: prerequisite init\/responds failed/);
    }
    expect(caseNamed(junit.cases, id('verify/active')).status).to.equal('passed');
  });

  it('reports an unreachable target once, exit 3, the rest not run, quickly', async () => {
    const port = await closedPort();
    const junitPath = path.join(tempDir(), 'report.xml');
    const started = Date.now();
    const { code, stdout } = await runCli(['--target', `127.0.0.1:${port}`, '--type', TYPE, '--junit', junitPath]);
    expect(code, stdout).to.equal(3);
    expect(Date.now() - started).to.be.below(10_000);
    expect(stdout).to.match(/connection refused/);
    const junit = readJunit(junitPath);
    expect(junit.cases.filter((testCase) => testCase.status === 'error').map((testCase) => testCase.name)).to.deep.equal([id('connect/channel-ready')]);
    expect(caseNamed(junit.cases, id('init/responds')).text).to.match(/not run: target 127\.0\.0\.1:\d+ unreachable: connection refused/);
  });

  it('ends a hanging init at the deadline as an error (not a failure) and goes on', async () => {
    const { code, stdout, junit } = await runAgainst('init-hangs', ['--timeout', '500']);
    expect(code, stdout).to.equal(1);
    expect(caseNamed(junit.cases, id('init/responds')).status).to.equal('error');
    expect(caseNamed(junit.cases, id('init/responds')).text).to.match(/DEADLINE_EXCEEDED/);
    expect(caseNamed(junit.cases, id('verify/active')).status).to.equal('passed');
  });

  it('reports a plugin that dies mid-run: exit 3, the lost connection named, report whole', async () => {
    const { code, stdout, junit } = await runAgainst('exits-mid-run');
    expect(code, stdout).to.equal(3);
    expect(caseNamed(junit.cases, id('init/deterministic')).status).to.equal('error');
    expect(caseNamed(junit.cases, id('verify/active')).text).to.match(/not run: connection to 127\.0\.0\.1:\d+ lost during notification\.Protocol\/init\/deterministic/);
    expect(stdout).to.match(/Result: UNREACHABLE \(exit 3\)/);
  });

  it('masks secret data everywhere, also where the plugin echoes it', async () => {
    const canary = 'CANARY-7f3a9c-secret';
    const dir = tempDir();
    const secretFile = path.join(dir, 'secret.json');
    fs.writeFileSync(secretFile, JSON.stringify({ token: canary }));
    const { stdout, stderr, junit } = await runAgainst('echo-secret', ['--secret-data', `@${secretFile}`]);
    expect(caseNamed(junit.cases, id('verify/active')).text).to.match(/bad secret/);
    for (const output of [stdout, stderr, junit.xml]) expect(output).not.to.include(canary);
    expect(junit.xml).to.include('****');
  });

  it('runs only the checks --grep selects and reports the others as skipped', async () => {
    const { code, junit } = await runAgainst('verify-error', ['--grep', 'init/']);
    expect(code).to.equal(0);
    expect(caseNamed(junit.cases, id('verify/active')).text).to.match(/not selected by --grep/);
    expect(caseNamed(junit.cases, id('init/metadata-schema')).status).to.equal('passed');
  });

  it('calls Notification.dispatch only on --dispatch, and fails when it errors', async () => {
    const dispatch = JSON.stringify({ message: { title: 'hello' }, notification_type: 'INFO', channel_data: { channel: '#alerts' } });
    const passed = await runAgainst('conforming', ['--dispatch', dispatch]);
    expect(caseNamed(passed.junit.cases, id('dispatch/sends')).status).to.equal('passed');
    const failed = await runAgainst('dispatch-error', ['--dispatch', dispatch]);
    expect(failed.code).to.equal(1);
    expect(caseNamed(failed.junit.cases, id('dispatch/sends')).text).to.match(/INTERNAL: ERROR_DISPATCH/);
  });
});
