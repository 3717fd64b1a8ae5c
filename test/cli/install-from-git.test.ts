/**
 * Install from git, as a plugin's pipeline does (`npm install github:<org>/plugin-conformance`):
 * npm clones the repository, installs its dependencies (devDependencies too) and runs its
 * `prepare` script, which builds; then it packs `files` and installs that into the project. Here
 * the repository is a local one (git+file://) made from the working tree, and npm reads the warm
 * cache first (--prefer-offline), so the test needs no network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runProcess, startReferencePlugin, type Ran } from '../support/processes.js';
import { readJunit, tempDir } from '../support/reports.js';
import { commitWorkingCopy } from '../support/working-copy.js';

/** A run of the test suite under GitHub Actions would otherwise add annotations to the output. */
const ENV = { ...process.env, GITHUB_ACTIONS: '' };

describe('install from git', function () {
  this.timeout(600_000);
  let project: string;

  before(async () => {
    const root = tempDir();
    const repository = commitWorkingCopy(path.join(root, 'plugin-conformance'));
    project = path.join(root, 'my-plugin');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-plugin', version: '1.0.0', private: true }));
    const installed = await runProcess('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `git+file://${repository}`], { cwd: project, env: ENV, boundMs: 540_000 });
    expect(installed.code, installed.stderr + installed.stdout).to.equal(0);
  });

  it('installs the built package: the bin, its bundle, protos and schemas, and no sources or tests', () => {
    const installed = path.join(project, 'node_modules', 'plugin-conformance');
    expect(fs.realpathSync(path.join(project, 'node_modules', '.bin', 'plugin-conformance'))).to.equal(fs.realpathSync(path.join(installed, 'dist', 'bin', 'cli.js')));
    for (const kept of ['dist/precompiled', 'protos', 'schemas', 'package.json']) expect(fs.existsSync(path.join(installed, kept)), kept).to.equal(true);
    for (const left of ['src', 'test', 'dist/src', 'dist/test']) expect(fs.existsSync(path.join(installed, left)), left).to.equal(false);
  });

  it('runs a check through npx plugin-conformance', async () => {
    const plugin = await startReferencePlugin('notification.Protocol', 'conforming');
    let checked: Ran;
    try {
      checked = await runProcess('npx', ['--no-install', 'plugin-conformance', '--target', plugin.address, '--type', 'notification.Protocol', '--junit', 'reports/conformance.xml'], { cwd: project, env: ENV, boundMs: 120_000 });
    } finally {
      await plugin.stop();
    }
    expect(checked.code, checked.stderr + checked.stdout).to.equal(0);
    expect(checked.stdout).to.match(/^Result: PASS \(exit 0\)/m);
    const junit = readJunit(path.join(project, 'reports', 'conformance.xml'));
    expect(junit.cases.find((testCase) => testCase.name === 'notification.Protocol/verify/active')?.status).to.equal('passed');
  });
});
