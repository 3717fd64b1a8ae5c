/**
 * Replays of real public Cloudforet plugins (test/replays), served by a Python server shaped
 * like spaceone-core's: the harness's verdict must be the core's, with no false failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { findServiceType } from '../../src/catalog/index.js';
import { packageRoot } from '../../src/paths.js';
import { runCli, startPythonPlugin } from '../support/processes.js';
import { readJunit, tempDir } from '../support/reports.js';

interface Replay {
  type: string;
  plugin: string;
  expected_verdict?: string;
  inputs?: Record<string, unknown>;
}

const REPLAYS = path.join(packageRoot, 'test', 'replays');

function replayFiles(): Array<{ file: string; replay: Replay }> {
  if (!fs.existsSync(REPLAYS)) return [];
  return fs
    .readdirSync(REPLAYS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && findServiceType(entry.name))
    .flatMap((entry) => fs.readdirSync(path.join(REPLAYS, entry.name)).filter((name) => name.endsWith('.json')).map((name) => path.join(REPLAYS, entry.name, name)))
    .map((file) => ({ file, replay: JSON.parse(fs.readFileSync(file, 'utf8')) as Replay }));
}

/**
 * CLI flags for a replay's recorded inputs: options, secret data and any opt-in input. A request
 * field an opt-in input carries whole (e.g. Event.parse `data` for --event) goes to that input.
 */
function inputFlags(replay: Replay): string[] {
  const optIn = findServiceType(replay.type)?.optIn ?? [];
  const flags: string[] = [];
  for (const [key, value] of Object.entries(replay.inputs ?? {})) {
    const carrier = optIn.find((input) => input.field === key);
    const flag = carrier ? `--${carrier.name}` : key === 'secret_data' ? '--secret-data' : `--${key.replace(/_/g, '-')}`;
    flags.push(flag, JSON.stringify(value));
  }
  return flags;
}

describe('replays of real plugins on a python-core shaped server', function () {
  this.timeout(60_000);
  const replays = replayFiles();

  it('has replays for the catalogue types to judge', () => {
    expect(replays.length).to.be.greaterThan(0);
  });

  for (const { file, replay } of replays) {
    const expected = replay.expected_verdict ?? 'pass';
    it(`${replay.type} ${replay.plugin}: ${expected}`, async () => {
      const plugin = await startPythonPlugin(file);
      try {
        const junitPath = path.join(tempDir(), 'report.xml');
        const { code, stdout } = await runCli(['--target', plugin.address, '--type', replay.type, '--junit', junitPath, ...inputFlags(replay)]);
        const failures = readJunit(junitPath).cases.filter((testCase) => testCase.status === 'failure' || testCase.status === 'error');
        if (expected === 'pass') {
          expect(failures.map((testCase) => testCase.name), stdout).to.deep.equal([]);
          expect(code, stdout).to.equal(0);
        } else {
          expect(code, stdout).to.equal(1);
          const rule = expected.replace(/^fail:\s*/, '');
          expect(failures.map((testCase) => testCase.text).join('\n'), `${stdout}\nexpected rule: ${rule}`).to.match(new RegExp(rule.split(/\s+/).slice(0, 1).join(''), 'i'));
        }
      } finally {
        await plugin.stop();
      }
    });
  }
});
