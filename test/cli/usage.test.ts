/** Bad invocations: one line on stderr, exit 2, no stack trace, no report left behind. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli } from '../support/processes.js';
import { tempDir } from '../support/reports.js';

/** Inputs a usage test needs on disk, made in the run's own directory before it starts. */
const CANARY = 'CANARY-usage-5e8b1c';
function prepare(dir: string): void {
  fs.writeFileSync(path.join(dir, 'broken-secret.json'), `{"token": ${CANARY}}`);
  fs.writeFileSync(path.join(dir, 'list.json'), '[1, 2]');
  fs.mkdirSync(path.join(dir, 'a-directory'));
  fs.writeFileSync(path.join(dir, 'a-file'), '');
}

describe('CLI usage', () => {
  const base = ['--target', '127.0.0.1:1', '--type', 'notification.Protocol'];
  const cases: Array<[title: string, args: string[], message: RegExp]> = [
    ['an unknown flag', [...base, '--bogus'], /unknown option '--bogus'/],
    ['a flag without its value', ['--type', 'notification.Protocol', '--target'], /option '--target <host:port>' argument missing/],
    ['an unknown flag of list-types', ['list-types', '--bogus'], /^plugin-conformance: error: unknown option '--bogus'/],
    ['a missing --target', ['--type', 'notification.Protocol'], /--target host:port is required/],
    ['an unknown type', ['--target', '127.0.0.1:1', '--type', 'nope.Type'], /unknown service type "nope\.Type"/],
    ['a target that is not host:port', ['--target', 'localhost', '--type', 'notification.Protocol'], /--target "localhost" is not host:port/],
    ['a port out of range (0)', ['--target', '127.0.0.1:0', '--type', 'notification.Protocol'], /port 0 is out of range/],
    ['a port out of range (65536)', ['--target', '127.0.0.1:65536', '--type', 'notification.Protocol'], /port 65536 is out of range 1-65535/],
    ['malformed JSON in --options', [...base, '--options', '{"a":'], /--options: value is not valid JSON \(Unexpected end of JSON input\)/],
    ['--options that are not an object', [...base, '--options', '@list.json'], /--options must be a JSON object, got an array/],
    ['malformed JSON in a --secret-data file, without quoting the file', [...base, '--secret-data', '@broken-secret.json'], /--secret-data: file broken-secret\.json is not valid JSON \(Unexpected token 'C'\)$/],
    ['a missing --secret-data file', [...base, '--secret-data', '@/no/such/secret.json'], /cannot read file \/no\/such\/secret\.json: no such file/],
    ['a directory given as --options file', [...base, '--options', '@a-directory'], /--options: cannot read file a-directory: EISDIR/],
    ['malformed JSON in --dispatch', [...base, '--dispatch', '{nope'], /--dispatch: value is not valid JSON/],
    ['--dispatch without its required keys', [...base, '--dispatch', '{}'], /--dispatch lacks required key\(s\): message/],
    ['an empty --domain-id', [...base, '--domain-id', ' '], /--domain-id must not be empty/],
    ['a non-numeric --timeout', [...base, '--timeout', 'soon'], /--timeout "soon"/],
    ['a --timeout of 0', [...base, '--timeout', '0'], /--timeout "0" must be whole milliseconds from 1 to 3600000/],
    ['an invalid --grep pattern', [...base, '--grep', '(unclosed'], /--grep "\(unclosed" is not a valid regular expression/],
    [
      'an opt-in input the core could not send (a list of strings where it wants objects)',
      ['--target', '127.0.0.1:1', '--type', 'cost_analysis.DataSource', '--cost-tasks', '{"linked_accounts":["111122223333"]}'],
      /^plugin-conformance: --cost-tasks: not a valid Job\.get_tasks request \(\.spaceone\.api\.cost_analysis\.plugin\.GetTasksRequest\.linked_accounts: object expected\); the core could not send it either$/,
    ],
    [
      'a load of an opt-in call the core could not send',
      ['load', '--target', '127.0.0.1:1', '--type', 'notification.Protocol', '--method', 'dispatch', '--dispatch', '{"message":"just text"}'],
      /^plugin-conformance: --dispatch: not a valid Notification\.dispatch request \(.*message: object expected\); the core could not send it either$/,
    ],
  ];
  for (const [title, args, message] of cases) {
    it(`rejects ${title}: exit 2, one line, no stack trace, nothing written`, async () => {
      const dir = tempDir();
      prepare(dir);
      const before = fs.readdirSync(dir);
      const junit = path.join(dir, 'out.xml');
      // Subcommands write no JUnit; the default command is given one, to show it is not written.
      const { code, stdout, stderr } = await runCli(args[0] === 'list-types' || args[0] === 'load' ? args : ['--junit', junit, ...args], { cwd: dir });
      expect(code, stderr).to.equal(2);
      expect(stderr.trim()).to.match(message);
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stderr).not.to.match(/\n\s+at /);
      expect(stderr).not.to.include(CANARY);
      expect(stdout).to.equal('');
      expect(fs.readdirSync(dir)).to.deep.equal(before);
    });
  }

  const reportPaths: Array<[title: string, junit: (dir: string) => string, message: RegExp]> = [
    ['a --junit path that is a directory', (dir) => path.join(dir, 'a-directory'), /--junit .*a-directory is a directory/],
    ['a --junit path under a file', (dir) => path.join(dir, 'a-file', 'report.xml'), /--junit .*a-file is not a directory/],
  ];
  for (const [title, junit, message] of reportPaths) {
    it(`rejects ${title} before anything runs`, async () => {
      const dir = tempDir();
      prepare(dir);
      const before = fs.readdirSync(dir, { recursive: true });
      const { code, stdout, stderr } = await runCli([...base, '--junit', junit(dir)], { cwd: dir });
      expect(code, stderr).to.equal(2);
      expect(stderr.trim()).to.match(message);
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stdout).to.equal('');
      expect(fs.readdirSync(dir, { recursive: true })).to.deep.equal(before);
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
