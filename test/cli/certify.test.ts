/**
 * The CI gate and certification runs, as a user runs them: --manifest (alone and against a live
 * plugin), --profile certification, --known-failures and the `list` catalogue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, startReferencePlugin, type StartedPlugin } from '../support/processes.js';
import { caseNamed, readJunit, tempDir } from '../support/reports.js';

const TYPE = 'notification.Protocol';
const id = (local: string): string => `${TYPE}/${local}`;

const GOOD_MANIFEST = `name: Chat Notification
resource_type: notification.Protocol
image: cloudforet/plugin-chat-notification-protocol
provider: chat
capability:
  supported_schema: []
labels: [Chat]
tags: {description: chat channel}
docs: {en: {}}
`;

function written(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; junit: ReturnType<typeof readJunit> }> {
  const junitPath = path.join(tempDir(), 'report.xml');
  const result = await runCli([...args, '--junit', junitPath]);
  return { ...result, junit: readJunit(junitPath) };
}

describe('manifest, profiles and known failures end to end', function () {
  this.timeout(60_000);
  let conforming: StartedPlugin | undefined;
  let verifyError: StartedPlugin | undefined;
  const address = (plugin: StartedPlugin | undefined): string => {
    if (!plugin) throw new Error('reference plugin not started');
    return plugin.address;
  };

  before(async () => {
    [conforming, verifyError] = await Promise.all([startReferencePlugin(TYPE, 'conforming'), startReferencePlugin(TYPE, 'verify-error')]);
  });
  after(async () => {
    await Promise.all([conforming?.stop(), verifyError?.stop()]);
  });

  describe('--manifest alone', () => {
    it('checks only the manifest group, taking the type from the manifest: exit 0 for a good one', async () => {
      const { code, stdout, junit } = await run(['--manifest', written('plugin.yml', GOOD_MANIFEST)]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.match(/manifest only \(no --target\)/);
      expect(junit.cases.map((testCase) => testCase.name).every((name) => name.startsWith(id('manifest/')))).to.equal(true);
      expect(caseNamed(junit.cases, id('manifest/register-fields')).status).to.equal('passed');
      expect(caseNamed(junit.cases, id('manifest/type-matches')).text).to.match(/the type was taken from the manifest/);
    });

    it('fails a broken manifest, naming each rule, its path and what the core does: exit 1', async () => {
      const manifest = 'name: Chat\nresource_type: notification.Protocol\nimage: cloudforet/plugin_chat\nregistry_type: QUAY\ncapability: {data_type: SECRET}\nicon: chat.png\n';
      const { code, stdout, junit } = await run(['--manifest', written('plugin.yml', manifest), '--type', TYPE]);
      expect(code, stdout).to.equal(1);
      const fields = caseNamed(junit.cases, id('manifest/register-fields'));
      expect(fields.status).to.equal('failure');
      expect(fields.text).to.match(/\$\.icon is not an allowed key/).and.to.match(/has no field/).and.to.match(/\$\.registry_type/);
      expect(caseNamed(junit.cases, id('manifest/image-name')).text).to.match(/plugin_chat.*ERROR_INVALID_IMAGE_NAME_FORMAT/s);
      expect(caseNamed(junit.cases, id('manifest/capability')).text).to.match(/supported_schema is required.*ERROR_WRONG_PLUGIN_SETTINGS/s);
      expect(caseNamed(junit.cases, id('manifest/type-matches')).status).to.equal('passed');
    });

    it('stops with exit 2 and one line on a manifest that is no YAML mapping or names no type', async () => {
      for (const [text, message] of [['name: [x\n', /not valid YAML/], ['name: x\nimage: y\n', /names no resource_type to take the type from; give --type/]] as const) {
        const dir = tempDir();
        const { code, stdout, stderr } = await runCli(['--manifest', written('plugin.yml', text), '--junit', path.join(dir, 'out.xml')]);
        expect(code, stderr).to.equal(2);
        expect(stderr).to.match(message);
        expect(stderr.trim().split('\n')).to.have.length(1);
        expect(stdout).to.equal('');
        expect(fs.readdirSync(dir)).to.deep.equal([]);
      }
    });
  });

  describe('--manifest with a live plugin', () => {
    it('cross-checks it: passes, and reports a capability.data_type the core ignores as a warning', async () => {
      const manifest = GOOD_MANIFEST.replace('supported_schema: []', 'supported_schema: []\n  data_type: PLAIN_TEXT');
      const { code, stdout, junit } = await run(['--target', address(conforming), '--type', TYPE, '--manifest', written('plugin.yml', manifest)]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.match(/PASS\s+notification\.Protocol\/manifest\/metadata-agrees[^\n]*\n\s+warning: capability\.data_type is "PLAIN_TEXT" but metadata\.data_type is "SECRET": the notification core never reads capability\.data_type/);
      expect(caseNamed(junit.cases, id('init/responds')).status).to.equal('passed');
    });

    it('fails a manifest that registers the plugin as another type', async () => {
      const manifest = GOOD_MANIFEST.replace('resource_type: notification.Protocol', 'resource_type: monitoring.Webhook');
      const { code, stdout, junit } = await run(['--target', address(conforming), '--type', TYPE, '--manifest', written('plugin.yml', manifest)]);
      expect(code, stdout).to.equal(1);
      const mismatch = caseNamed(junit.cases, id('manifest/type-matches'));
      expect(mismatch.status).to.equal('failure');
      expect(mismatch.text).to.match(/registers the plugin as monitoring\.Webhook, but it is checked as notification\.Protocol/);
      expect(junit.cases.filter((testCase) => testCase.status === 'failure').map((testCase) => testCase.name)).to.deep.equal([id('manifest/type-matches')]);
    });
  });

  describe('--manifest of a monitoring.DataSource', () => {
    const manifest = (monitoringType: string): string =>
      written('plugin.yml', `name: CloudTrail\nresource_type: monitoring.DataSource\nimage: cloudforet/plugin-aws-cloudtrail-mon-datasource\ncapability:\n  monitoring_type: ${monitoringType}\n  supported_schema: [aws_access_key]\n`);

    it('fails a manifest that claims METRIC for a LOG plugin, naming both; passes the LOG manifest', async () => {
      const log = await startReferencePlugin('monitoring.DataSource', 'log');
      try {
        const base = ['--target', log.address, '--type', 'monitoring.DataSource', '--grep', 'manifest/'];
        const claimsMetric = await run([...base, '--manifest', manifest('METRIC')]);
        expect(claimsMetric.code, claimsMetric.stdout).to.equal(1);
        const agrees = caseNamed(claimsMetric.junit.cases, 'monitoring.DataSource/manifest/metadata-agrees');
        expect(agrees.status).to.equal('failure');
        expect(agrees.text).to.match(/the manifest claims monitoring_type METRIC, but the plugin's init metadata fits LOG/);
        expect(agrees.text).to.match(/metadata lacks supported_stat/).and.to.match(/ERROR_INVALID_PLUGIN_OPTIONS/);
        const claimsLog = await run([...base, '--manifest', manifest('LOG')]);
        expect(claimsLog.code, claimsLog.stdout).to.equal(0);
        expect(caseNamed(claimsLog.junit.cases, 'monitoring.DataSource/manifest/metadata-agrees').status).to.equal('passed');
      } finally {
        await log.stop();
      }
    });

    it('fails a manifest whose monitoring_type the core does not know', async () => {
      const { code, junit } = await run(['--manifest', manifest('EVENT')]);
      expect(code).to.equal(1);
      expect(caseNamed(junit.cases, 'monitoring.DataSource/manifest/capability').text).to.match(/monitoring_type.*ERROR_WRONG_PLUGIN_SETTINGS/s);
    });
  });

  describe('--profile certification', () => {
    it('asks for every input its required checks need before anything runs: exit 2 naming the flags', async () => {
      const dir = tempDir();
      const { code, stdout, stderr } = await runCli(['--target', '127.0.0.1:1', '--type', TYPE, '--profile', 'certification', '--junit', path.join(dir, 'out.xml')]);
      expect(code, stderr).to.equal(2);
      expect(stderr.trim()).to.equal('plugin-conformance: --profile certification needs --manifest, --dispatch: every required check must run');
      expect(stdout).to.equal('');
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });

    it('fails the run when a required check is skipped (filtered by --grep), saying why', async () => {
      const args = ['--target', address(conforming), '--type', TYPE, '--manifest', written('plugin.yml', GOOD_MANIFEST), '--dispatch', '{"message":{"title":"t"}}'];
      const ci = await run([...args, '--grep', 'init/']);
      expect(ci.code, ci.stdout).to.equal(0);
      const { code, stdout, junit } = await run([...args, '--grep', 'init/', '--profile', 'certification']);
      expect(code, stdout).to.equal(1);
      expect(stdout).to.match(/Certification: FAILED — \d+ required check\(s\) did not run and pass:\n[\s\S]*notification\.Protocol\/verify\/active — certification requires this check to run and pass, but it was skipped: not selected by --grep/);
      const verify = caseNamed(junit.cases, id('verify/active'));
      expect(verify.status).to.equal('failure');
      expect(verify.text).to.match(/it was skipped: not selected by --grep/);
      expect(junit.properties).to.include({ profile: 'certification' });
      // Optional checks may be skipped.
      expect(caseNamed(junit.cases, id('manifest/metadata-agrees')).status).to.equal('skipped');
    });

    it('passes when every required check runs and passes', async () => {
      const { code, stdout } = await run(['--target', address(conforming), '--type', TYPE, '--profile', 'certification', '--manifest', written('plugin.yml', GOOD_MANIFEST), '--dispatch', '{"message":{"title":"t"}}']);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.match(/Certification: every required check ran and passed/);
    });
  });

  describe('--known-failures', () => {
    it('reports a listed failure as expected (XFAIL, JUnit skipped) without failing the run', async () => {
      const known = written('known.yml', '- id: notification.Protocol/verify/active\n  reason: needs a live chat token\n');
      const { code, stdout, junit } = await run(['--target', address(verifyError), '--type', TYPE, '--known-failures', known]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.match(/XFAIL\s+notification\.Protocol\/verify\/active[^\n]*\n\s+expected to fail \(known-failures "notification\.Protocol\/verify\/active": needs a live chat token\)\n\s+Protocol\.verify answered UNAUTHENTICATED/);
      expect(stdout).to.match(/Result: PASS \(exit 0\) — .*1 expected failures/);
      const verify = caseNamed(junit.cases, id('verify/active'));
      expect(verify.status).to.equal('skipped');
      expect(verify.text).to.match(/known-failure/).and.to.match(/expected to fail .*needs a live chat token/).and.to.match(/ERROR_AUTHENTICATE_FAILURE/);
    });

    it('fails the run on a stale entry, naming it', async () => {
      const known = written('known.json', JSON.stringify(['notification.Protocol/verify/active', { id: 'notification.Protocol/init/determ*', reason: 'fixed since' }]));
      const { code, stdout, junit } = await run(['--target', address(verifyError), '--type', TYPE, '--known-failures', known]);
      expect(code, stdout).to.equal(1);
      const stale = caseNamed(junit.cases, id('init/deterministic'));
      expect(stale.status).to.equal('failure');
      expect(stale.text).to.match(/stale known-failures entry/);
      expect(stdout).to.match(/FAIL\s+notification\.Protocol\/init\/deterministic: stale known-failures entry "notification\.Protocol\/init\/determ\*": this check passes now; remove the entry/);
      expect(caseNamed(junit.cases, id('verify/active')).status).to.equal('skipped');
    });

    it('a glob is stale only when nothing it matches fails, and then once, not per passing check', async () => {
      const known = written('globs.yml', '- notification.Protocol/verify/*\n- notification.Protocol/init/*\n');
      const { code, stdout, junit } = await run(['--target', address(verifyError), '--type', TYPE, '--known-failures', known]);
      expect(code, stdout).to.equal(1);
      const stale = junit.cases.filter((testCase) => /stale known-failures entry/.test(testCase.text));
      expect(stale.map((testCase) => testCase.name)).to.have.lengthOf(1);
      expect(stale[0]?.name).to.match(/^notification\.Protocol\/init\//);
      expect(stale[0]?.text).to.match(/notification\.Protocol\/init\/\*\W+: none of the \d+ checks it matches fails now/);
      // verify/* matches a failing check: expected, not stale, though other verify checks pass.
      expect(caseNamed(junit.cases, id('verify/active')).status).to.equal('skipped');
      expect(stdout.match(/^FAIL /gm)).to.have.lengthOf(1);
    });

    it('an entry matching no check of the type is bad input: exit 2 before dialling', async () => {
      const known = written('typo.yml', '- notification.Protocol/verfy/active\n');
      const { code, stdout, stderr } = await runCli(['--target', '127.0.0.1:1', '--type', TYPE, '--known-failures', known, '--junit', path.join(tempDir(), 'r.xml')]);
      expect(code, stdout).to.equal(2);
      expect(stderr.trim()).to.equal(`plugin-conformance: --known-failures ${known}: entry "notification.Protocol/verfy/active" matches no check of ${TYPE} (see: plugin-conformance list --type ${TYPE})`);
      expect(stdout).to.equal('');
    });
  });

  describe('list', () => {
    it('prints the requirement catalogue as a table and as JSON', async () => {
      const table = await runCli(['list']);
      expect(table.code).to.equal(0);
      expect(table.stdout).to.match(/^notification\.Protocol\/init\/responds\s+required\s+Protocol\.init answers OK/m);
      expect(table.stdout).to.match(/^notification\.Protocol\/manifest\/metadata-agrees\s+optional\s+.*\(needs --manifest\)$/m);
      const json = await runCli(['list', '--type', TYPE, '--json']);
      const requirements = JSON.parse(json.stdout) as Array<{ id: string; type: string; required: boolean }>;
      expect(requirements.every((requirement) => requirement.type === TYPE)).to.equal(true);
      expect(requirements.find((requirement) => requirement.id === id('dispatch/sends'))).to.deep.include({ required: true, needs: '--dispatch' });
      const unknown = await runCli(['list', '--type', 'nope.Type']);
      expect(unknown.code).to.equal(2);
      expect(unknown.stderr).to.match(/unknown service type "nope\.Type"/);
    });
  });
});
