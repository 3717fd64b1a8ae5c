/** Bad invocations: one line on stderr, exit 2, no stack trace, no report left behind. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli } from '../support/processes.js';
import { tempDir } from '../support/reports.js';

describe('CLI usage', () => {
  const cases: Array<[title: string, args: string[], message: RegExp]> = [
    ['an unknown flag', ['--target', '127.0.0.1:1', '--type', 'notification.Protocol', '--bogus'], /unknown option '--bogus'/],
    ['a missing --target', ['--type', 'notification.Protocol'], /--target host:port is required/],
    ['an unknown type', ['--target', '127.0.0.1:1', '--type', 'nope.Type'], /unknown service type "nope\.Type"/],
    ['a port out of range', ['--target', '127.0.0.1:0', '--type', 'notification.Protocol'], /port 0 is out of range/],
    ['malformed JSON in --options', ['--target', '127.0.0.1:1', '--type', 'notification.Protocol', '--options', '{"a":'], /--options: value is not valid JSON/],
    ['a missing --secret-data file', ['--target', '127.0.0.1:1', '--type', 'notification.Protocol', '--secret-data', '@/no/such/secret.json'], /cannot read file \/no\/such\/secret\.json: no such file/],
    ['a non-numeric --timeout', ['--target', '127.0.0.1:1', '--type', 'notification.Protocol', '--timeout', 'soon'], /--timeout "soon"/],
  ];
  for (const [title, args, message] of cases) {
    it(`rejects ${title}`, async () => {
      const dir = tempDir();
      const junit = path.join(dir, 'out.xml');
      const { code, stdout, stderr } = await runCli([...args, '--junit', junit], { cwd: dir });
      expect(code, stderr).to.equal(2);
      expect(stderr).to.match(message);
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stderr).not.to.match(/\n\s+at /);
      expect(stdout).to.equal('');
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });
  }

  it('prints version, help with exit codes and opt-in flags, and the type list', async () => {
    expect((await runCli(['--version'])).stdout.trim()).to.equal('0.1.0');
    const help = await runCli(['--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/Exit codes:[\s\S]*3 +the target could not be reached/);
    expect(help.stdout).to.match(/--dispatch <json\|@file>\s+opt-in: Notification\.dispatch sends\s+a\s+REAL\s+notification/);
    const types = await runCli(['list-types']);
    expect(types.stdout).to.match(/^notification\.Protocol\s+\S/m);
  });
});
