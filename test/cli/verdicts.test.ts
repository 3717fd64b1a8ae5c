/**
 * The verdict policy end to end (README, Verdict policy): verify fails on every type that has it;
 * a run that skipped verify says so in every report; a failed verify is never repeated; --strict
 * (and certification) fail warnings, known failures can accept one; a plugin serving part of a
 * type is still checked and reported; what the core sends and accepts is what the harness sends
 * and accepts (notification_type INFO, event_type ERROR); a manifest naming another type fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { findServiceType } from '../../src/catalog/index.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { startPluginServer } from '../plugins/server.js';
import { slackShapedDispatches } from '../plugins/notification-protocol.js';
import { SAMPLE_PAYLOAD } from '../plugins/monitoring-webhook.js';
import { runCli, type CliResult } from '../support/processes.js';
import { caseNamed, readJunit, tempDir } from '../support/reports.js';
import { reportSchemaErrors } from '../support/report-schema.js';

interface Outcome extends CliResult {
  junit?: ReturnType<typeof readJunit>;
  json?: Record<string, unknown> & { summary: Record<string, unknown>; checks: Array<{ id: string; status: string; message: string; overruled?: unknown }> };
  html?: string;
  /** gRPC paths the plugin was called on, in order. */
  calls: string[];
}

/** One CLI run against a reference plugin served in this process, counting its calls. */
async function runAgainst(type: string, variant: string, args: readonly string[], options: { withType?: boolean } = {}): Promise<Outcome> {
  const entry = findServiceType(type);
  const definition = REFERENCE_PLUGINS[type]?.[variant];
  if (!entry || !definition) throw new Error(`no reference plugin ${type} ${variant}`);
  const calls: string[] = [];
  const server = await startPluginServer(entry, definition, '127.0.0.1', 0, { onCall: (call) => calls.push(call) });
  const dir = tempDir();
  const files = { junit: path.join(dir, 'report.xml'), json: path.join(dir, 'report.json'), html: path.join(dir, 'report.html') };
  try {
    const typeArgs = options.withType === false ? [] : ['--type', type];
    const result = await runCli(['--target', `127.0.0.1:${server.port}`, ...typeArgs, '--junit', files.junit, '--json', files.json, '--html', files.html, ...args]);
    const outcome: Outcome = { ...result, calls };
    if (fs.existsSync(files.junit)) outcome.junit = readJunit(files.junit);
    if (fs.existsSync(files.json)) outcome.json = JSON.parse(fs.readFileSync(files.json, 'utf8')) as Outcome['json'];
    if (fs.existsSync(files.html)) outcome.html = fs.readFileSync(files.html, 'utf8');
    return outcome;
  } finally {
    await server.stop();
  }
}

function written(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

function status(outcome: Outcome, id: string): string {
  if (!outcome.junit) throw new Error(`no JUnit report: ${outcome.stdout}${outcome.stderr}`);
  return caseNamed(outcome.junit.cases, id).status;
}

function checkOf(outcome: Outcome, id: string): { id: string; status: string; message: string; overruled?: unknown } {
  const found = outcome.json?.checks.find((check) => check.id === id);
  if (!found) throw new Error(`no check ${id} in the JSON report`);
  return found;
}

const N = 'notification.Protocol';
const EVENT = ['--event', JSON.stringify(SAMPLE_PAYLOAD)];
const DISPATCH = { channel_data: { token: 'xoxb-1', channel: '#alerts' }, message: { title: 'conformance', description: 'test' } };

describe('verdict policy end to end', function () {
  this.timeout(120_000);

  describe('verify fails on every type that has it', () => {
    it('fails a monitoring.Webhook whose verify answers an error, with the code and the message', async () => {
      const run = await runAgainst('monitoring.Webhook', 'verify-error', EVENT);
      expect(run.code, run.stdout).to.equal(1);
      expect(status(run, 'monitoring.Webhook/verify/active')).to.equal('failure');
      expect(caseNamed(run.junit!.cases, 'monitoring.Webhook/verify/active').text).to.match(/Webhook\.verify answered INVALID_ARGUMENT: ERROR_REQUIRED_PARAMETER/);
    });

    it('fails an alert_manager.Webhook whose verify answers an error', async () => {
      const run = await runAgainst('alert_manager.Webhook', 'verify-error', []);
      expect(run.code, run.stdout).to.equal(1);
      expect(status(run, 'alert_manager.Webhook/verify/active')).to.equal('failure');
      expect(caseNamed(run.junit!.cases, 'alert_manager.Webhook/verify/active').text).to.match(/INTERNAL: ERROR_UNKNOWN: not supported/);
    });

    it('calls a failing verify exactly once: repeated-verify and the odd-input verify are not run', async () => {
      const run = await runAgainst(N, 'verify-error', []);
      expect(run.code, run.stdout).to.equal(1);
      const verifies = run.calls.filter((call) => call === '/spaceone.api.notification.plugin.Protocol/verify');
      expect(verifies, run.calls.join('\n')).to.have.length(1);
      expect(status(run, `${N}/robustness/repeated-verify`)).to.equal('skipped');
      expect(caseNamed(run.junit!.cases, `${N}/robustness/repeated-verify`).text).to.match(/not run: prerequisite verify\/active failed/);
      expect(checkOf(run, `${N}/robustness/missing-parameters`).status).to.equal('passed');
    });

    it('repeats a verify that passed: 1 + 1 (missing parameters) + 10 calls', async () => {
      const run = await runAgainst(N, 'conforming', []);
      expect(run.code, run.stdout).to.equal(0);
      expect(run.calls.filter((call) => call === '/spaceone.api.notification.plugin.Protocol/verify')).to.have.length(12);
    });
  });

  describe('a run that did not run verify says so', () => {
    it('names the skipped verify and how to run it in the Result line, JSON, HTML and JUnit', async () => {
      const run = await runAgainst('inventory.Collector', 'conforming', []);
      expect(run.code, run.stdout).to.equal(0);
      const result = run.stdout.split('\n').find((line) => line.startsWith('Result:')) ?? '';
      expect(result).to.match(/^Result: PASS .*; verify NOT run: inventory\.Collector\/verify\/active \(give --secret-data JSON\|@file to run it\)$/);
      expect(run.json?.summary['verifyRun']).to.equal(false);
      expect(run.json?.summary['skippedRequired']).to.deep.include({
        id: 'inventory.Collector/verify/active',
        reason: 'the core verifies a collector only with a secret its secret filter matches (an empty object counts as none); give --secret-data JSON|@file to run it',
        howToRun: 'give --secret-data JSON|@file',
        verify: true,
      });
      expect(reportSchemaErrors(run.json)).to.deep.equal([]);
      expect(run.html).to.match(/id="verify-not-run"><strong>verify NOT run: inventory\.Collector\/verify\/active/);
      expect(run.junit?.properties['verify.run']).to.equal('false');
      expect(run.junit?.properties['verify.not-run']).to.match(/inventory\.Collector\/verify\/active \(give --secret-data/);
      expect(run.junit?.properties['skipped.required']).to.match(/inventory\.Collector\/collect\/stream: give --collect JSON\|@file/);
    });

    it('says nothing of the kind when verify ran', async () => {
      const run = await runAgainst('inventory.Collector', 'conforming', ['--secret-data', '{"key": "value"}']);
      expect(run.code, run.stdout).to.equal(0);
      expect(run.stdout).not.to.match(/verify NOT run/);
      expect(run.json?.summary['verifyRun']).to.equal(true);
      expect(run.junit?.properties['verify.run']).to.equal('true');
      expect(run.html).not.to.match(/verify-not-run/);
    });
  });

  describe('notification data.schema by data_type', () => {
    it('fails SECRET channel data without data.schema: the channel cannot be set up', async () => {
      const run = await runAgainst(N, 'secret-without-schema', []);
      expect(run.code, run.stdout).to.equal(1);
      expect(status(run, `${N}/init/schema-compiles`)).to.equal('failure');
      expect(caseNamed(run.junit!.cases, `${N}/init/schema-compiles`).text).to.match(/data_type is SECRET but metadata\.data\.schema is absent.*cannot be set up/s);
    });

    it('passes PLAIN_TEXT without data.schema with a warning', async () => {
      const run = await runAgainst(N, 'no-channel-schema', []);
      expect(run.code, run.stdout).to.equal(0);
      expect(run.stdout).to.match(/warning: metadata\.data\.schema is absent/);
    });
  });

  describe('--strict', () => {
    it('fails a check that carries a warning (no console form for PLAIN_TEXT data)', async () => {
      const run = await runAgainst(N, 'no-channel-schema', ['--strict']);
      expect(run.code, run.stdout).to.equal(1);
      const check = checkOf(run, `${N}/init/schema-compiles`);
      expect(check.status).to.equal('failed');
      expect(check.message).to.match(/^--strict: 1 warning fails this check: metadata\.data\.schema is absent/);
      expect(check.overruled).to.deep.equal({ status: 'passed', by: '--strict' });
      expect(run.json?.summary['strict']).to.equal(true);
      expect(run.junit?.properties['strict']).to.equal('true');
    });

    it('fails an error without the ERROR_<CODE>: message form (a lost error code)', async () => {
      const plain = await runAgainst(N, 'malformed-errors', ['--grep', 'missing-parameters']);
      expect(plain.code, plain.stdout).to.equal(0);
      const strict = await runAgainst(N, 'malformed-errors', ['--grep', 'missing-parameters', '--strict']);
      expect(strict.code, strict.stdout).to.equal(1);
      expect(checkOf(strict, `${N}/robustness/missing-parameters`).message).to.match(/^--strict: 2 warnings fail this check: Protocol\.init answered .* not in the form ERROR_<CODE>: message/);
    });

    it('fails a 1.x-only layout warning (reflection with one file per package)', async () => {
      const run = await runAgainst(N, 'files-per-package', ['--grep', 'contract/', '--strict']);
      expect(run.code, run.stdout).to.equal(1);
      const failed = run.json?.checks.filter((check) => check.status === 'failed') ?? [];
      expect(failed.length, run.stdout).to.be.greaterThan(0);
      for (const check of failed) expect(check.message).to.match(/^--strict: .*1\.x/);
    });

    it('is implied by --profile certification', async () => {
      const manifest = written('plugin.yml', 'name: Chat\nresource_type: notification.Protocol\nimage: cloudforet/plugin-chat\ncapability:\n  supported_schema: []\n');
      const run = await runAgainst(N, 'no-channel-schema', ['--profile', 'certification', '--manifest', manifest, '--dispatch', JSON.stringify(DISPATCH)]);
      expect(run.code, run.stdout).to.equal(1);
      expect(checkOf(run, `${N}/init/schema-compiles`).overruled).to.deep.equal({ status: 'passed', by: '--profile certification (implies --strict)' });
    });

    it('lets a known-failures entry accept a warning turned failure', async () => {
      const known = written('known.yml', `- id: ${N}/init/schema-compiles\n  reason: PLAIN_TEXT channel without a form, tracked\n`);
      const run = await runAgainst(N, 'no-channel-schema', ['--strict', '--known-failures', known]);
      expect(run.code, run.stdout).to.equal(0);
      expect(run.stdout).to.match(/XFAIL\s+notification\.Protocol\/init\/schema-compiles/);
    });
  });

  describe('a plugin serving part of a type', () => {
    it('is checked as the closest type without --type: exit 1 and a report naming the missing Notification service', async () => {
      const run = await runAgainst(N, 'protocol-only', [], { withType: false });
      expect(run.code, run.stdout + run.stderr).to.equal(1);
      expect(run.stdout).to.match(/type notification\.Protocol assumed: .*lists spaceone\.api\.notification\.plugin\.Protocol .*but not Notification/);
      expect(status(run, `${N}/contract/services`)).to.equal('failure');
      expect(caseNamed(run.junit!.cases, `${N}/contract/services`).text).to.match(/Notification/);
      expect(run.junit?.properties['type.detection']).to.match(/^assumed: /);
      expect(run.json?.summary['typeDetection']).to.match(/^assumed: /);
    });

    it('stops with exit 2 naming the candidates when two types match it equally', async () => {
      // Protocol under a foreign package: its short name fits notification.Protocol and alert_manager.Protocol alike.
      const entry = findServiceType(N)!;
      const base = REFERENCE_PLUGINS[N]!['conforming']!;
      const server = await startPluginServer(entry, { ...base, omitServices: ['Notification'], renameServices: { Protocol: 'vendor.chat.Protocol' } });
      try {
        const run = await runCli(['--target', `127.0.0.1:${server.port}`, '--junit', path.join(tempDir(), 'r.xml')]);
        expect(run.code, run.stdout + run.stderr).to.equal(2);
        expect(run.stderr, run.stderr).to.match(/^plugin-conformance: cannot detect the service type: the listed services \(vendor\.chat\.Protocol\) partly match several types equally \(.*; give --type/);
        expect(run.stderr).to.include('notification.Protocol, lacking Notification').and.to.include('alert_manager.Protocol, lacking Notification');
      } finally {
        await server.stop();
      }
    });
  });

  describe('what the core sends and accepts', () => {
    it('sends notification_type INFO when --dispatch leaves it out, as the core does', async () => {
      slackShapedDispatches.length = 0;
      const run = await runAgainst(N, 'slack-shaped-dispatch', ['--grep', 'dispatch/sends', '--dispatch', JSON.stringify(DISPATCH)]);
      expect(run.code, run.stdout).to.equal(0);
      expect(status(run, `${N}/dispatch/sends`)).to.equal('passed');
      expect(slackShapedDispatches).to.deep.equal(['INFO']);
    });

    it('refuses an unknown notification_type as bad input (exit 2), never sending it as 0', async () => {
      const run = await runAgainst(N, 'slack-shaped-dispatch', ['--dispatch', JSON.stringify({ ...DISPATCH, notification_type: 'BOGUS' })]);
      expect(run.code).to.equal(2);
      expect(run.stderr.trim()).to.match(/^plugin-conformance: --dispatch: not a valid Notification\.dispatch request \(notification_type "BOGUS" is not a value of NotificationType \(NOTIFICATION_TYPE_NONE, INFO, ERROR, SUCCESS, WARNING\)\)/);
      expect(run.calls).to.deep.equal([]);
    });

    it('passes a monitoring.Webhook event of type ERROR, which the Event model accepts', async () => {
      const run = await runAgainst('monitoring.Webhook', 'error-event', EVENT);
      expect(run.code, run.stdout).to.equal(0);
      expect(status(run, 'monitoring.Webhook/event/parse')).to.equal('passed');
    });
  });

  describe('a manifest naming another type than the plugin serves', () => {
    it('fails manifest/type-matches naming both, and does not run the checks of services the plugin lacks', async () => {
      const manifest = written('plugin.yml', 'name: Chat\nresource_type: monitoring.Webhook\nimage: cloudforet/plugin-chat\n');
      const run = await runAgainst(N, 'conforming', ['--manifest', manifest], { withType: false });
      expect(run.code, run.stdout + run.stderr).to.equal(1);
      const typeMatches = caseNamed(run.junit!.cases, 'monitoring.Webhook/manifest/type-matches');
      expect(typeMatches.status).to.equal('failure');
      expect(typeMatches.text).to.match(/registers the plugin as monitoring\.Webhook, but its reflection serves notification\.Protocol/);
      const init = caseNamed(run.junit!.cases, 'monitoring.Webhook/init/responds');
      expect(init.status).to.equal('skipped');
      expect(init.text).to.match(/not run: the plugin does not serve Webhook/);
      expect(status(run, 'monitoring.Webhook/verify/active')).to.equal('skipped');
      expect(run.calls.filter((call) => call.includes('/spaceone.api.monitoring.'))).to.deep.equal([]);
    });

    it('passes manifest/type-matches when the manifest names the type the plugin serves', async () => {
      const manifest = written('plugin.yml', 'name: Chat\nresource_type: notification.Protocol\nimage: cloudforet/plugin-chat\ncapability:\n  supported_schema: []\n');
      const run = await runAgainst(N, 'conforming', ['--manifest', manifest], { withType: false });
      expect(run.code, run.stdout).to.equal(0);
      expect(status(run, `${N}/manifest/type-matches`)).to.equal('passed');
    });
  });
});
