/**
 * The GitHub Action (action.yml) run as a runner runs it (test/support/action-runner.ts): its
 * shell steps install and build the harness in the action's checkout, run it against reference
 * plugins on loopback, and hand back outputs and a job summary. The setup-node and cache `uses:`
 * steps are not run: they need the GitHub service, and the machine has Node 20 and a warm npm
 * cache already.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot } from '../../src/paths.js';
import { readActionDefinition, runAction, type ActionRun } from '../support/action-runner.js';
import { startReferencePlugin } from '../support/processes.js';
import { tempDir } from '../support/reports.js';
import { commitWorkingCopy } from '../support/working-copy.js';

const TYPE = 'notification.Protocol';
/** Made at run time, so no file holds it unless a run leaked it. */
const CANARY = `canary-${randomUUID()}`;
const SECRET_DATA = JSON.stringify({ token: CANARY, region: 'ap-northeast-2' });
const definition = readActionDefinition(path.join(packageRoot, 'action.yml'));

interface Runner {
  workspace: string;
  runnerTemp: string;
}

function freshRunner(): Runner {
  const root = tempDir();
  const runner = { workspace: path.join(root, 'workspace'), runnerTemp: path.join(root, 'runner-temp') };
  fs.mkdirSync(runner.workspace);
  fs.mkdirSync(runner.runnerTemp);
  return runner;
}

/** Every file under a directory, recursively, skipping the installed dependencies. */
function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(directory, file))
    .filter((file) => fs.statSync(file).isFile());
}

/** The canary appears nowhere a person or a later step could read it. */
function expectNoCanary(run: ActionRun, runner: Runner, actionPath: string): void {
  expect(run.log).not.to.include(CANARY);
  expect(run.summary).not.to.include(CANARY);
  expect(JSON.stringify(run.outputs)).not.to.include(CANARY);
  for (const file of [...filesUnder(runner.workspace), ...filesUnder(runner.runnerTemp), ...filesUnder(actionPath)]) {
    expect(fs.readFileSync(file, 'latin1'), file).not.to.include(CANARY);
  }
}

function expectNoSecretFileLeft(runner: Runner): void {
  expect(filesUnder(runner.runnerTemp).filter((file) => path.basename(file).startsWith('plugin-conformance-'))).to.deep.equal([]);
}

function stepNamed(run: ActionRun, id: string): ActionRun['steps'][number] {
  const step = run.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
}

describe('GitHub Action (action.yml)', function () {
  // The first run installs and builds the harness in the action's checkout (npm ci, prepare).
  this.timeout(600_000);
  let actionPath: string;

  before(() => {
    actionPath = commitWorkingCopy(path.join(tempDir(), 'plugin-conformance'));
  });

  it('declares the inputs and outputs of the issue, and no ${{ }} inside a script', () => {
    expect(Object.keys(definition.inputs)).to.have.members([
      'type', 'target', 'exec', 'startup-timeout', 'options', 'secret-data', 'manifest', 'profile', 'known-failures', 'strict', 'grep', 'args', 'reports-dir',
    ]);
    expect(Object.keys(definition.outputs)).to.have.members(['result', 'exit-code', 'junit', 'json', 'html', 'markdown']);
    expect(definition.runs.using).to.equal('composite');
    for (const step of definition.runs.steps) if (step.run !== undefined) expect(step.run, step.id).not.to.include('${{');
  });

  it('against a conforming plugin: installs, passes, outputs PASS and the report paths, appends the Markdown summary', async () => {
    const plugin = await startReferencePlugin(TYPE, 'conforming');
    const runner = freshRunner();
    let run: ActionRun;
    try {
      run = await runAction({
        actionPath,
        definition,
        ...runner,
        inputs: { type: TYPE, target: plugin.address, 'secret-data': SECRET_DATA, 'reports-dir': 'out/conformance' },
        env: { npm_config_prefer_offline: 'true' },
      });
    } finally {
      await plugin.stop();
    }
    expect(run.steps.map((step) => [step.id, step.skipped ?? step.exitCode])).to.deep.equal([
      ['__step0', 'uses'], ['npm-cache', 0], ['__step2', 'uses'], ['install', 0], ['run', 0],
    ]);
    expect(run.failed, run.log).to.equal(false);
    expect(stepNamed(run, 'npm-cache').outputs['key']).to.match(/^plugin-conformance-npm-Linux-[0-9a-f]{64}$/);
    expect(run.outputs).to.deep.equal({
      result: 'PASS',
      'exit-code': '0',
      junit: 'out/conformance/conformance.xml',
      json: 'out/conformance/conformance.json',
      html: 'out/conformance/conformance.html',
      markdown: 'out/conformance/conformance.md',
    });
    for (const report of ['junit', 'json', 'html', 'markdown']) expect(fs.existsSync(path.join(runner.workspace, run.outputs[report] ?? '')), report).to.equal(true);
    expect(run.summary).to.equal(fs.readFileSync(path.join(runner.workspace, 'out/conformance/conformance.md'), 'utf8'));
    expect(run.summary).to.match(/^### ✅ PASS: notification\.Protocol at `127\.0\.0\.1:\d+`/);
    expect(run.log).not.to.match(/^::error/m);
    expectNoSecretFileLeft(runner);
    expectNoCanary(run, runner, actionPath);
  });

  it('against a failing plugin that echoes the secret: the step fails with the CLI, outputs FAIL, annotates, leaks nothing', async () => {
    const plugin = await startReferencePlugin(TYPE, 'echo-secret');
    const runner = freshRunner();
    let run: ActionRun;
    try {
      run = await runAction({ actionPath, definition, ...runner, inputs: { type: TYPE, target: plugin.address, 'secret-data': SECRET_DATA } });
    } finally {
      await plugin.stop();
    }
    expect(stepNamed(run, 'run').exitCode).to.equal(1);
    expect(run.failed).to.equal(true);
    expect(run.outputs).to.deep.include({ result: 'FAIL', 'exit-code': '1', json: 'reports/conformance.json', markdown: 'reports/conformance.md' });
    const json = JSON.parse(fs.readFileSync(path.join(runner.workspace, 'reports/conformance.json'), 'utf8')) as { summary: { verdict: string } };
    expect(json.summary.verdict).to.equal('FAIL');
    expect(run.summary).to.include('### ❌ FAIL').and.include('`notification.Protocol/verify/active`').and.include('**core:**');
    expect(run.log).to.match(/^::error title=notification\.Protocol\/verify\/active::Protocol\.verify answered INVALID_ARGUMENT/m);
    expect(run.log).to.include('****');
    expectNoSecretFileLeft(runner);
    expectNoCanary(run, runner, actionPath);
  });

  it('follows the CLI when nothing could be checked: exit 3 (UNREACHABLE) and exit 2 (USAGE, no report)', async () => {
    const closed = await startReferencePlugin(TYPE, 'conforming');
    await closed.stop();
    const runner = freshRunner();
    const unreachable = await runAction({ actionPath, definition, ...runner, inputs: { type: TYPE, target: closed.address, 'secret-data': SECRET_DATA } });
    expect(stepNamed(unreachable, 'run').exitCode).to.equal(3);
    expect(unreachable.outputs).to.deep.include({ result: 'UNREACHABLE', 'exit-code': '3' });
    expect(unreachable.summary).to.include('UNREACHABLE');
    expectNoSecretFileLeft(runner);

    const usage = await runAction({ actionPath, definition, ...runner, inputs: { type: 'no.Such', target: closed.address, 'secret-data': SECRET_DATA } });
    expect(stepNamed(usage, 'run').exitCode).to.equal(2);
    // The reports of the run before are removed, so no output names a stale one.
    expect(usage.outputs).to.deep.equal({ result: 'USAGE', 'exit-code': '2', junit: '', json: '', html: '', markdown: '' });
    expect(usage.summary).to.include('plugin-conformance: USAGE (exit code 2)');
    expect(usage.log).to.include('unknown service type "no.Such"');
    expectNoSecretFileLeft(runner);
    expectNoCanary(usage, runner, actionPath);
  });
});

describe('GitHub Action: the command line its inputs build', () => {
  /** An action checkout whose bin records its arguments, so every input can be seen arriving as a flag. */
  function recordingCheckout(): { actionPath: string; argvFile: string } {
    const actionPath = tempDir();
    const argvFile = path.join(actionPath, 'argv.json');
    fs.writeFileSync(path.join(actionPath, 'package.json'), JSON.stringify({ name: 'recorder', bin: { 'plugin-conformance': 'bin/record.js' } }));
    fs.mkdirSync(path.join(actionPath, 'bin'));
    fs.writeFileSync(
      path.join(actionPath, 'bin', 'record.js'),
      `const fs = require('node:fs');\nconst args = process.argv.slice(2);\nconst at = args.indexOf('--secret-data');\nconst secret = at >= 0 ? args[at + 1] : undefined;\n` +
        `fs.writeFileSync(${JSON.stringify(argvFile)}, JSON.stringify({ args, secretMode: secret ? (fs.statSync(secret.slice(1)).mode & 0o777).toString(8) : null, env: Object.keys(process.env).filter((key) => key.startsWith('PC_')) }));\n`,
    );
    return { actionPath, argvFile };
  }

  async function recorded(inputs: Record<string, string>): Promise<{ run: ActionRun; args: string[]; secretMode: string | null; env: string[] }> {
    const { actionPath, argvFile } = recordingCheckout();
    const run = await runAction({ actionPath, definition, ...freshRunner(), inputs, only: ['run'], stepBoundMs: 30_000 });
    const seen = fs.existsSync(argvFile) ? (JSON.parse(fs.readFileSync(argvFile, 'utf8')) as { args: string[]; secretMode: string | null; env: string[] }) : { args: [], secretMode: null, env: [] };
    return { run, ...seen };
  }

  it('gives every input as its flag, --strict for strict: true, args split with quotes kept, the secret as a 0600 @file', async () => {
    const { run, args, secretMode, env } = await recorded({
      type: TYPE,
      target: '127.0.0.1:50051',
      exec: 'docker run --rm -p 127.0.0.1:50051:50051 my-plugin:ci',
      'startup-timeout': '120000',
      options: '{"region": "a b"}',
      'secret-data': SECRET_DATA,
      manifest: 'plugin.yml',
      profile: 'certification',
      'known-failures': 'known.yml',
      strict: 'true',
      grep: '^notification\\.Protocol/(init|verify)/',
      args: `--timeout 5000 --dispatch '{"channel_data": {"channel": "#ci"}, "message": {"title": "a \\"quoted\\" title"}}' --name "my plugin"`,
    });
    expect(run.failed, run.log).to.equal(false);
    const secretAt = args.indexOf('--secret-data');
    expect(args[secretAt + 1]).to.match(/^@.*\/plugin-conformance-secret\.\w+$/);
    expect(secretMode).to.equal('600');
    // The secret's value reaches the CLI only through the file, not its environment.
    expect(env).not.to.include('PC_SECRET_DATA');
    expect([...args.slice(0, secretAt), ...args.slice(secretAt + 2)]).to.deep.equal([
      '--type', TYPE,
      '--target', '127.0.0.1:50051',
      '--exec', 'docker run --rm -p 127.0.0.1:50051:50051 my-plugin:ci',
      '--startup-timeout', '120000',
      '--options', '{"region": "a b"}',
      '--manifest', 'plugin.yml',
      '--profile', 'certification',
      '--known-failures', 'known.yml',
      '--grep', '^notification\\.Protocol/(init|verify)/',
      '--strict',
      '--timeout', '5000',
      '--dispatch', '{"channel_data": {"channel": "#ci"}, "message": {"title": "a \\"quoted\\" title"}}',
      '--name', 'my plugin',
      '--junit', 'reports/conformance.xml', '--json', 'reports/conformance.json', '--html', 'reports/conformance.html', '--markdown', 'reports/conformance.md',
    ]);
  });

  it('leaves out what is not given: no --strict for strict: false, no --secret-data without a secret', async () => {
    const { args } = await recorded({ type: TYPE, target: '127.0.0.1:50051', strict: 'false' });
    expect(args).to.deep.equal(['--type', TYPE, '--target', '127.0.0.1:50051', '--junit', 'reports/conformance.xml', '--json', 'reports/conformance.json', '--html', 'reports/conformance.html', '--markdown', 'reports/conformance.md']);
  });

  it('refuses a strict that is not true or false, and args with unbalanced quotes (exit 2, the CLI not run)', async () => {
    const refused: Array<Record<string, string>> = [{ strict: 'yes' }, { args: `--name "unclosed` }];
    for (const inputs of refused) {
      const { run, args } = await recorded({ type: TYPE, target: '127.0.0.1:50051', ...inputs });
      expect(run.steps.find((step) => step.id === 'run')?.exitCode, JSON.stringify(inputs)).to.equal(2);
      expect(run.log).to.match(/^::error title=plugin-conformance::input (strict|args)/m);
      expect(args).to.deep.equal([]);
    }
  });
});
