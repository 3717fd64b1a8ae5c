/**
 * --markdown and the GitHub Actions annotations, from the CLI against reference plugins on
 * loopback: the report is written whole, secrets masked; annotations appear only under
 * GITHUB_ACTIONS=true.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, startReferencePlugin, type CliResult } from '../support/processes.js';
import { tempDir } from '../support/reports.js';

const TYPE = 'notification.Protocol';
const SECRET = 'sk-markdown-canary-7d1e';

async function against(variant: string, extra: string[], env: Record<string, string> = {}): Promise<CliResult & { markdown: string }> {
  const dir = tempDir();
  const file = path.join(dir, 'summary', 'conformance.md');
  const plugin = await startReferencePlugin(TYPE, variant);
  try {
    const result = await runCli(['--target', plugin.address, '--type', TYPE, '--junit', path.join(dir, 'r.xml'), '--markdown', file, ...extra], { env });
    return { ...result, markdown: fs.readFileSync(file, 'utf8') };
  } finally {
    await plugin.stop();
  }
}

describe('--markdown and GitHub annotations (CLI)', function () {
  this.timeout(60_000);

  it('a failing plugin that echoes the secret: Markdown with the failure and the core effect, one ::error, nothing leaked', async () => {
    const run = await against('echo-secret', ['--secret-data', JSON.stringify({ token: SECRET })], { GITHUB_ACTIONS: 'true' });
    expect(run.code, run.stdout).to.equal(1);
    expect(run.markdown).to.match(/^### ❌ FAIL: notification\.Protocol at `127\.0\.0\.1:\d+`\n/);
    expect(run.markdown).to.include('| verify | FAIL | 0 | 1 | 0 | 0 | 0 |');
    expect(run.markdown).to.include('- **FAIL** `notification.Protocol/verify/active`: Protocol.verify answered INVALID\\_ARGUMENT');
    expect(run.markdown).to.include('**core:** Plugin.verify returns this error to the user');
    expect(run.markdown).to.include('#### Required checks not run (1)\n\n- `notification.Protocol/dispatch/sends`: not requested');
    expect(run.markdown).to.include('\\*\\*\\*\\*').and.not.to.include(SECRET);
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).to.deep.equal([
      '::error title=notification.Protocol/verify/active::Protocol.verify answered INVALID_ARGUMENT: ERROR_INVALID_ARGUMENT: bad secret {"token":"****"}%0Acore: Plugin.verify returns this error to the user; the notification core itself never calls verify',
    ]);
    expect(run.stdout + run.stderr).not.to.include(SECRET);
    expect(run.stdout).to.match(/^Report: .*conformance\.md$/m);
  });

  it('warnings are ::warning lines under GITHUB_ACTIONS=true, and no workflow command is printed without it', async () => {
    const annotated = await against('no-channel-schema', [], { GITHUB_ACTIONS: 'true' });
    expect(annotated.code, annotated.stdout).to.equal(0);
    const lines = annotated.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(lines.length).to.be.greaterThan(0);
    expect(lines.every((line) => /^::warning title=notification\.Protocol\/[\w-]+\/[\w-]+::\S/.test(line)), lines.join('\n')).to.equal(true);
    expect(lines.some((line) => line.startsWith('::warning title=notification.Protocol/init/schema-compiles::'))).to.equal(true);
    expect(annotated.markdown).to.match(/^### ✅ PASS/).and.include('#### Warnings');

    const plain = await against('no-channel-schema', []);
    expect(plain.stdout).not.to.match(/^::/m);
  });

  it('refuses a --markdown path that is a directory before dialling (exit 2, nothing written)', async () => {
    const dir = tempDir();
    const result = await runCli(['--target', '127.0.0.1:1', '--type', TYPE, '--junit', path.join(dir, 'r.xml'), '--markdown', dir]);
    expect(result.code).to.equal(2);
    expect(result.stderr.trim()).to.match(/^plugin-conformance: --markdown .* is a directory$/);
    expect(fs.existsSync(path.join(dir, 'r.xml'))).to.equal(false);
  });
});
