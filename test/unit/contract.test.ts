/**
 * The contract group against every drift variant of the reference plugin, run in-process with the
 * runner against real servers on loopback (the CLI-level behaviour is in test/cli/contract.test.ts).
 */
import { expect } from 'chai';
import { notificationProtocol } from '../../suites/notification.Protocol/entry.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { buildRunConfig } from '../../src/config.js';
import type { CheckResult } from '../../src/model/results.js';
import { Run } from '../../src/run/runner.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { startPluginServer } from '../plugins/server.js';

async function runAgainst(entry: ServiceTypeEntry, variant: string): Promise<CheckResult[]> {
  const plugin = REFERENCE_PLUGINS[entry.name]?.[variant];
  if (!plugin) throw new Error(`no ${variant} reference plugin`);
  const server = await startPluginServer(entry, plugin);
  try {
    const config = { ...buildRunConfig({ target: `127.0.0.1:${server.port}`, type: entry.name, timeout: '5000' }), entry };
    return (await new Run(config).execute()).results;
  } finally {
    await server.stop();
  }
}

function result(results: readonly CheckResult[], local: string): CheckResult {
  const found = results.find((candidate) => candidate.id.endsWith(`/${local}`));
  if (!found) throw new Error(`no check ${local}`);
  return found;
}

function explained(check: CheckResult): string {
  return [check.message, ...check.details.flatMap((detail) => [detail.message, detail.path, detail.expected, detail.actual, detail.coreEffect]), ...check.warnings].join('\n');
}

const failedChecks = (results: readonly CheckResult[]) => results.filter((check) => check.status === 'failed' || check.status === 'error').map((check) => check.id.replace(/^[^/]+\//, ''));

describe('contract group against drift variants', function () {
  this.timeout(30_000);

  it('passes the conforming plugin: every contract check, Health as information', async () => {
    const results = await runAgainst(notificationProtocol, 'conforming');
    expect(failedChecks(results)).to.deep.equal([]);
    // Descriptors one file per .proto file, as protoc writes them: nothing for a 1.x core to trip on.
    expect(results.filter((check) => check.id.includes('/contract/')).flatMap((check) => check.warnings)).to.deep.equal([]);
    expect(result(results, 'contract/health').details[0]?.message).to.match(/answered SERVING \(information only/);
    expect(result(results, 'contract/reflection').details[0]?.message).to.match(/v1alpha served; grpc\.reflection\.v1 not served .*not a defect/);
  });

  const failing: Array<[variant: string, check: string, path: string, expected: string, actual: RegExp]> = [
    ['wrong-field-type', 'contract/request-fields', 'spaceone.api.notification.plugin.InitRequest.options', 'options: google.protobuf.Struct', /^options: string$/],
    ['missing-method', 'contract/methods', 'Protocol.verify', 'verify in spaceone.api.notification.plugin.Protocol', /^not a method of spaceone\.api\.notification\.plugin\.Protocol \(has: init\)$/],
    ['renamed-service', 'contract/services', 'service Protocol', 'spaceone.api.notification.plugin.Protocol', /^not listed \(lists: .*spaceone\.api\.notification\.plugin\.ProtocolService\)$/],
    ['reflection-v1-only', 'contract/reflection-v1alpha', '', 'grpc.reflection.v1alpha.ServerReflection', /^grpc\.reflection\.v1\.ServerReflection only$/],
  ];
  for (const [variant, check, path, expected, actual] of failing) {
    it(`${variant}: ${check} fails naming ${path || 'the version'}, expected and actual`, async () => {
      const results = await runAgainst(notificationProtocol, variant);
      const contractFailures = failedChecks(results).filter((name) => name.startsWith('contract/'));
      expect(contractFailures).to.deep.equal([check]);
      const [detail] = result(results, check).details;
      if (path) expect(detail?.path).to.equal(path);
      expect(detail?.expected).to.equal(expected);
      expect(String(detail?.actual)).to.match(actual);
      expect(detail?.coreEffect).to.match(/core/);
    });
  }

  it('reflection-none: one failure, the checks that need reflection not run', async () => {
    const results = await runAgainst(notificationProtocol, 'reflection-none');
    expect(failedChecks(results)).to.deep.equal(['contract/reflection']);
    expect(result(results, 'contract/reflection').details[0]).to.include({ actual: 'v1alpha: UNIMPLEMENTED; v1: UNIMPLEMENTED' });
    for (const check of ['reflection-v1alpha', 'services', 'methods', 'request-fields', 'response-fields']) {
      expect(result(results, `contract/${check}`).status).to.equal('not-run');
    }
  });

  it('reflection-both: reads descriptors with v1 and passes', async () => {
    const results = await runAgainst(notificationProtocol, 'reflection-both');
    expect(failedChecks(results)).to.deep.equal([]);
    expect(result(results, 'contract/reflection').details[0]?.message).to.match(/^descriptors read with grpc\.reflection\.v1; .*v1alpha served; grpc\.reflection\.v1 served$/);
  });

  it('no-health: Health is skipped as not served, never a failure', async () => {
    const results = await runAgainst(notificationProtocol, 'no-health');
    expect(failedChecks(results)).to.deep.equal([]);
    expect(result(results, 'contract/health')).to.include({ status: 'skipped' });
    expect(result(results, 'contract/health').message).to.match(/not served \(information only: the core does not call it\)/);
  });

  it('files-per-package: warns that 1.x cores break (stub modules derive from file paths), passes for the 2.x core', async () => {
    const results = await runAgainst(notificationProtocol, 'files-per-package');
    expect(failedChecks(results)).to.deep.equal([]);
    const warnings = result(results, 'contract/services').warnings;
    expect(warnings).to.have.length(3);
    expect(warnings[0]).to.match(/^file of spaceone\.api\.notification\.plugin\.Protocol: expected spaceone\/api\/notification\/plugin\/protocol\.proto, actual spaceone_api_notification_plugin\.proto — breaks 1\.x cores: a 1\.x core derives its stub module from this file path/);
    expect(warnings[1]).to.match(/^file of spaceone\.api\.notification\.plugin\.Notification: expected spaceone\/api\/notification\/plugin\/notification\.proto/);
    expect(warnings[2]).to.match(/expected Notification as the first service of its file, actual first service is spaceone\.api\.notification\.plugin\.Protocol — breaks 1\.x cores/);
  });

  it('other-package: warns that 1.x cores break (stubs imported by package), passes for the 2.x core', async () => {
    const results = await runAgainst(notificationProtocol, 'other-package');
    expect(failedChecks(results)).to.deep.equal([]);
    expect(result(results, 'contract/services').warnings.join('\n')).to.match(/service Protocol: expected spaceone\.api\.notification\.plugin\.Protocol, actual acme\.plugin\.Protocol — breaks 1\.x cores/);
  });

  it('wrong-field-number, 2.x-called type: a warning naming the 1.x breakage; calls follow the plugin\'s numbers, so init works', async () => {
    const results = await runAgainst(notificationProtocol, 'wrong-field-number');
    expect(failedChecks(results)).to.deep.equal([]);
    expect(result(results, 'contract/request-fields').warnings.join('\n')).to.match(/InitRequest\.options: expected options = 1, actual options = 2 — breaks 1\.x cores/);
    expect(result(results, 'init/responds').status).to.equal('passed');
  });

  it('wrong-field-number, type only 1.x cores call: fails, and calls keep the official numbers as static stubs do', async () => {
    const results = await runAgainst({ ...notificationProtocol, coreGenerations: ['1.x'] }, 'wrong-field-number');
    const fields = result(results, 'contract/request-fields');
    expect(fields.status).to.equal('failed');
    expect(fields.details[0]).to.include({ path: 'spaceone.api.notification.plugin.InitRequest.options', expected: 'options = 1', actual: 'options = 2' });
    expect(explained(fields)).to.match(/breaks 1\.x cores/);
    // Sent as field 1, options never reaches this plugin: its init rejects the call.
    expect(result(results, 'init/responds').message).to.match(/ERROR_REQUIRED_PARAMETER.*options/);
  });
});
