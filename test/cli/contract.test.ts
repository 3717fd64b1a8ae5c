/**
 * The contract group, type detection and describe, run as a user runs them against real plugins
 * on loopback: drift variants of the reference plugins and the python-core shaped server.
 */
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot } from '../../src/paths.js';
import { findServiceType } from '../../src/catalog/index.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { startPluginServer } from '../plugins/server.js';
import { runCli, startPythonPlugin } from '../support/processes.js';
import { caseNamed, readJunit, tempDir, type JunitCase } from '../support/reports.js';

const TYPE = 'notification.Protocol';
const id = (local: string): string => `${TYPE}/${local}`;
const CONTRACT = ['reflection', 'reflection-v1alpha', 'services', 'methods', 'request-fields', 'response-fields', 'health'].map((name) => id(`contract/${name}`));
const PYTHON_FIXTURE = path.join(packageRoot, 'test', 'plugins', 'python', 'fixtures', 'notification-protocol.json');

interface Plugin {
  address: string;
  stop(): Promise<void>;
}

/** A reference plugin served in this process (a real gRPC server on loopback), to keep the tests quick. */
async function serve(type: string, variant: string): Promise<Plugin> {
  const entry = findServiceType(type);
  const behaviour = REFERENCE_PLUGINS[type]?.[variant];
  if (!entry || !behaviour) throw new Error(`no reference plugin ${type} ${variant}`);
  const server = await startPluginServer(entry, behaviour);
  return { address: `127.0.0.1:${server.port}`, stop: () => server.stop() };
}

async function withPlugin<T>(start: Promise<Plugin>, use: (plugin: Plugin) => Promise<T>): Promise<T> {
  const plugin = await start;
  try {
    return await use(plugin);
  } finally {
    await plugin.stop();
  }
}

async function run(plugin: Plugin, args: string[] = ['--type', TYPE]): Promise<{ code: number | null; stdout: string; stderr: string; cases: JunitCase[] }> {
  const junitPath = path.join(tempDir(), 'report.xml');
  const result = await runCli(['--target', plugin.address, '--junit', junitPath, ...args]);
  return { ...result, cases: result.code === 2 ? [] : readJunit(junitPath).cases };
}

function failures(cases: readonly JunitCase[]): string[] {
  return cases.filter((testCase) => testCase.status === 'failure' || testCase.status === 'error').map((testCase) => testCase.name);
}

describe('contract: reflection, services, methods and fields', function () {
  this.timeout(60_000);

  it('detects the type of a conforming v1alpha-only plugin without --type, says why, and passes', async () => {
    const { code, stdout, cases } = await withPlugin(serve(TYPE, 'reflection-v1alpha-only'), (plugin) => run(plugin, []));
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/type notification\.Protocol detected: reflection lists its required service\(s\) Protocol, Notification under their official names/);
    for (const check of CONTRACT) expect(caseNamed(cases, check).status, check).to.equal('passed');
    expect(stdout).to.match(/note: descriptors read with grpc\.reflection\.v1alpha;.*grpc\.reflection\.v1 not served .*not a defect/);
    expect(stdout).to.match(/note: Health\/Check answered SERVING \(information only/);
  });

  it('fails a drifted plugin with exit 1 and the exact difference on the console and in JUnit', async () => {
    const { code, stdout, cases } = await withPlugin(serve(TYPE, 'wrong-field-type'), (plugin) => run(plugin));
    expect(code, stdout).to.equal(1);
    expect(stdout).to.match(/FAIL\s+notification\.Protocol\/contract\/request-fields/);
    expect(stdout).to.match(/1 request field\(s\) differ: spaceone\.api\.notification\.plugin\.InitRequest\.options: expected options: google\.protobuf\.Struct, actual options: string/);
    expect(caseNamed(cases, id('contract/request-fields')).text).to.match(/core: the 2\.x core's ParseDict cannot put the google\.protobuf\.Struct value/);
  });

  it('reports a plugin without reflection as ONE failure and does not run the other contract checks', async () => {
    const { code, stdout, cases } = await withPlugin(serve(TYPE, 'reflection-none'), (plugin) => run(plugin));
    expect(code, stdout).to.equal(1);
    expect(failures(cases)).to.deep.equal([id('contract/reflection')]);
    expect(caseNamed(cases, id('contract/reflection')).text).to.match(/serves no gRPC server reflection.*core cannot call any method/s);
    for (const check of CONTRACT.slice(1, -1)) expect(caseNamed(cases, check).status, check).to.equal('skipped');
    expect(stdout).to.match(/NOT RUN\s+notification\.Protocol\/contract\/services — prerequisite contract\/reflection failed/);
  });

  it('warns, without failing, about a renumbered field: only 1.x cores break', async () => {
    const { code, stdout } = await withPlugin(serve(TYPE, 'wrong-field-number'), (plugin) => run(plugin));
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/warning: spaceone\.api\.notification\.plugin\.InitRequest\.options: expected options = 1, actual options = 2 — breaks 1\.x cores: a 1\.x core's static stubs send it as field 1/);
  });

  it('checks a plugin that lists only part of a type as the closest type: exit 1, contract/services names the missing service', async () => {
    const { code, stdout, cases } = await withPlugin(serve(TYPE, 'renamed-service'), (plugin) => run(plugin, []));
    expect(code, stdout).to.equal(1);
    expect(stdout).to.match(/type notification\.Protocol assumed: no type has all its required services listed; .* but not Protocol, so contract\/services fails/);
    expect(caseNamed(cases, id('contract/services')).status).to.equal('failure');
  });

  it('stops with exit 2 and one line when the type cannot be detected, exit 3 when the target is unreachable', async () => {
    for (const variant of ['reflection-none']) {
      const { code, stderr, stdout } = await withPlugin(serve(TYPE, variant), (plugin) => run(plugin, []));
      expect(code, stderr).to.equal(2);
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stderr).to.match(/cannot detect the service type: .*give --type/);
      expect(stdout).to.equal('');
    }
    const unreachable = await runCli(['--target', '127.0.0.1:1', '--junit', path.join(tempDir(), 'r.xml')]);
    expect(unreachable.code).to.equal(3);
    expect(unreachable.stderr).to.match(/^plugin-conformance: cannot reach 127\.0\.0\.1:1 to detect its service type: connection refused\n$/);
  });

  it('passes the python-core shaped server (v1alpha only, Health and ServerInfo listed) without --type, with no contract warning', async () => {
    const { code, stdout, cases } = await withPlugin(startPythonPlugin(PYTHON_FIXTURE), (plugin) => run(plugin, []));
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/type notification\.Protocol detected/);
    for (const check of CONTRACT) expect(caseNamed(cases, check).status, check).to.equal('passed');
    expect(stdout).to.match(/lists 4 service\(s\): grpc\.health\.v1\.Health, spaceone\.api\.core\.v1\.ServerInfo, /);
    expect(cases.filter((testCase) => testCase.name.includes('/contract/')).map((testCase) => testCase.text).join('\n')).not.to.match(/warning:/);
  });
});

describe('describe', function () {
  this.timeout(60_000);

  for (const type of Object.keys(REFERENCE_PLUGINS)) {
    it(`describes the ${type} reference plugin as a table and as JSON`, async () => {
      await withPlugin(serve(type, 'conforming'), async (plugin) => {
        const json = await runCli(['describe', '--target', plugin.address, '--json']);
        expect(json.code, json.stderr).to.equal(0);
        const description = JSON.parse(json.stdout) as { services: Array<{ name: string; methods: Array<{ name: string }> }>; types: Array<{ name: string }>; detected: { type: string | null } };
        // identity.Domain plugins serve ExternalAuth today, so they are described as identity.ExternalAuth, the current type.
        const accepted = type === 'identity.Domain' ? ['identity.Domain', 'identity.ExternalAuth'] : [type];
        expect(accepted).to.include(description.detected.type);
        expect(description.types.map((match) => match.name)).to.include(description.detected.type);
        expect(description.services.flatMap((service) => service.methods)).to.not.be.empty;
        const table = await runCli(['describe', '--target', plugin.address]);
        expect(table.code, table.stderr).to.equal(0);
        expect(table.stdout).to.match(/^SERVICE\s+METHOD\s+KIND\s+REQUEST -> RESPONSE$/m);
        for (const service of description.services) expect(table.stdout).to.include(service.name);
        expect(table.stdout).to.match(new RegExp(`^type: ${String(description.detected.type).replace(/\./g, '\\.')} — `, 'm'));
      });
    });
  }

  it('describes the python-core shaped server, extension services included, and names streaming', async () => {
    await withPlugin(startPythonPlugin(PYTHON_FIXTURE), async (plugin) => {
      const { code, stdout } = await runCli(['describe', '--target', plugin.address]);
      expect(code).to.equal(0);
      expect(stdout).to.match(/^grpc\.health\.v1\.Health\s+Check\s+unary\s+grpc\.health\.v1\.HealthCheckRequest -> grpc\.health\.v1\.HealthCheckResponse$/m);
      expect(stdout).to.match(/^\s+Watch\s+server stream\s/m);
      expect(stdout).to.match(/grpc\.reflection\.v1 not served \(UNIMPLEMENTED/);
    });
  });

  it('exits 1 with one line for a plugin without reflection', async () => {
    await withPlugin(serve(TYPE, 'reflection-none'), async (plugin) => {
      const { code, stdout, stderr } = await runCli(['describe', '--target', plugin.address]);
      expect(code).to.equal(1);
      expect(stdout).to.equal('');
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stderr).to.match(/serves no gRPC reflection/);
    });
  });
});
