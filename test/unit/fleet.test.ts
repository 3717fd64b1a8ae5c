import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { UsageError } from '../../src/usage.js';
import { loadFleetFile } from '../../src/fleet/config.js';
import { parseShard, selectShard } from '../../src/fleet/shard.js';
import { worstExitCode, type FleetEntry } from '../../src/fleet/summary.js';
import { BoundedOutput } from '../../src/exec/bounded-output.js';
import { tempDir } from '../support/reports.js';

function fleetFile(text: string, name = 'fleet.yml'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('fleet file', () => {
  it('turns each target into the flags of a single run, files resolved beside the fleet file', () => {
    const file = fleetFile(`
defaults:
  timeout: 2000
targets:
  - name: slack
    type: notification.Protocol
    target: 127.0.0.1:50051
    options: { region: eu }
    secret_data_file: secrets/slack.json
  - type: notification.Protocol
    exec: ./start-email.sh
    target: 127.0.0.1:50052
    startup_timeout: 60000
    dispatch: { message: { title: hi }, notification_type: INFO }
`);
    fs.mkdirSync(path.join(path.dirname(file), 'secrets'));
    fs.writeFileSync(path.join(path.dirname(file), 'secrets', 'slack.json'), '{"token":"t0ken-value"}');
    const [slack, email] = loadFleetFile(file);
    expect(slack?.name).to.equal('slack');
    expect(slack?.args).to.deep.equal([
      '--timeout', '2000', '--type', 'notification.Protocol', '--target', '127.0.0.1:50051', '--options', '{"region":"eu"}',
      '--secret-data', `@${path.join(path.dirname(file), 'secrets', 'slack.json')}`,
    ]);
    expect(email?.name).to.equal('notification.Protocol-2');
    expect(email?.startupTimeoutMs).to.equal(60_000);
    expect(email?.args).to.include.members(['--exec', './start-email.sh', '--dispatch']);
  });

  it('takes every run option in snake_case, and the old kebab-case spellings with one warning each', () => {
    const file = fleetFile(`
targets:
  - { name: m, type: monitoring.DataSource, target: "127.0.0.1:1", monitoring_type: metric, profile: ci, stream_timeout: 60000, metric_list: { query: {} } }
  - { name: c, type: cost_analysis.DataSource, target: "127.0.0.1:2", cost-tasks: {} }
  - { name: d, type: cost_analysis.DataSource, target: "127.0.0.1:3", cost-tasks: {} }
  - { name: any, target: "127.0.0.1:4", strict: false }
  - { name: s, type: notification.Protocol, target: "127.0.0.1:5", strict: true }
`);
    const warnings: string[] = [];
    const [monitoring, cost, , detected, strict] = loadFleetFile(file, (line) => warnings.push(line));
    expect(monitoring?.args).to.include.members(['--monitoring-type', 'metric', '--profile', 'ci', '--stream-timeout', '60000', '--metric-list', '{"query":{}}']);
    expect(cost?.args).to.include.members(['--cost-tasks', '{}']);
    expect(warnings).to.deep.equal([`fleet file ${file}: key "cost-tasks" is deprecated; write "cost_tasks"`]);
    expect(detected).to.deep.include({ name: 'any', type: '(detected)' });
    expect(detected?.args).to.not.include('--strict');
    expect(strict?.args).to.include('--strict');
  });

  it('passes a manifest path through to --manifest, resolved beside the fleet file and read as the run reads it', () => {
    const file = fleetFile('targets:\n  - { name: slack, type: notification.Protocol, target: "127.0.0.1:1", manifest: slack/plugin.yml }\n');
    const manifest = path.join(path.dirname(file), 'slack', 'plugin.yml');
    fs.mkdirSync(path.dirname(manifest));
    fs.writeFileSync(manifest, 'name: slack\nresource_type: notification.Protocol\nimage: cloudforet/plugin-slack-noti-protocol\ncapability: { supported_schema: [] }\n');
    const args = loadFleetFile(file)[0]?.args ?? [];
    expect(args[args.indexOf('--manifest') + 1]).to.equal(manifest);
    fs.writeFileSync(manifest, 'name: [unclosed');
    expect(() => loadFleetFile(file)).to.throw(UsageError);
  });

  it('reads the same fleet as JSON', () => {
    const file = fleetFile(JSON.stringify({ targets: [{ name: 'a', type: 'notification.Protocol', target: '127.0.0.1:1' }] }), 'fleet.json');
    expect(loadFleetFile(file).map((target) => target.target)).to.deep.equal(['127.0.0.1:1']);
  });

  const bad: Array<[title: string, text: string, message: RegExp]> = [
    ['invalid YAML', 'targets: [\n a: 1', /is not valid YAML/],
    ['no targets list', 'plugins: []', /needs a top-level "targets:" list/],
    ['an unknown key', 'targets:\n  - { type: notification.Protocol, target: "127.0.0.1:1", colour: red }', /targets\[0\]: unknown key "colour"/],
    ['inline secret data', 'targets:\n  - { type: notification.Protocol, target: "127.0.0.1:1", secret_data: { token: x } }', /put secret_data in a file/],
    ['an unknown type', 'targets:\n  - { name: x, type: nope.Type, target: "127.0.0.1:1" }', /targets\[0\] \(x\): unknown service type "nope.Type"/],
    ['a missing secret file', 'targets:\n  - { type: notification.Protocol, target: "127.0.0.1:1", secret_data_file: none.json }', /cannot read file .*none\.json: no such file/],
    ['a strict that is not a boolean', 'targets:\n  - { name: x, type: notification.Protocol, target: "127.0.0.1:1", strict: "yes" }', /targets\[0\] \(x\): "strict" must be true or false/],
    ['duplicate names', 'targets:\n  - { name: a, type: notification.Protocol, target: "127.0.0.1:1" }\n  - { name: a, type: notification.Protocol, target: "127.0.0.1:2" }', /two targets are named "a"/],
    ['a name unfit for a file', 'targets:\n  - { name: "../x", type: notification.Protocol, target: "127.0.0.1:1" }', /name "..\/x" may hold only/],
  ];
  for (const [title, text, message] of bad) {
    it(`rejects ${title} with one line naming the entry`, () => {
      expect(() => loadFleetFile(fleetFile(text))).to.throw(UsageError, message);
    });
  }
});

describe('shards', () => {
  const targets = Array.from({ length: 7 }, (_unused, position) => ({ position, name: `t${position}` }));

  it('deals targets round-robin: shards are disjoint, even, and together the whole fleet', () => {
    const shards = [1, 2, 3].map((index) => selectShard(targets, { index, count: 3 }).map((target) => target.name));
    expect(shards).to.deep.equal([['t0', 't3', 't6'], ['t1', 't4'], ['t2', 't5']]);
    expect(shards.flat().sort()).to.deep.equal(targets.map((target) => target.name).sort());
    expect(selectShard(targets, undefined)).to.have.length(7);
  });

  it('parses i/n and rejects the rest', () => {
    expect(parseShard('2/5')).to.deep.equal({ index: 2, count: 5 });
    expect(() => parseShard('0/2')).to.throw(UsageError, /i must be from 1 to 2/);
    expect(() => parseShard('3/2')).to.throw(UsageError, /i must be from 1 to 2/);
    expect(() => parseShard('half')).to.throw(UsageError, /not i\/n/);
  });
});

describe('fleet exit code', () => {
  const entry = (exitCode: number | null): FleetEntry => ({ name: 'x', type: 't', target: 'h:1', exitCode, verdict: 'PASS', durationMs: 0, reports: {} });
  it('is the highest of its plugins', () => {
    expect(worstExitCode([entry(0), entry(0)])).to.equal(0);
    expect(worstExitCode([entry(0), entry(1), entry(null)])).to.equal(1);
    expect(worstExitCode([entry(3), entry(1)])).to.equal(3);
  });
});

describe('bounded process output', () => {
  it('keeps the start and the end and says how much was left out', () => {
    const output = new BoundedOutput(4, 6);
    for (const chunk of ['head', '-middle-', 'the-end']) output.append(Buffer.from(chunk));
    expect(output.text()).to.equal('head\n… 9 bytes left out …\nhe-end');
  });

  it('keeps short output whole', () => {
    const output = new BoundedOutput(4, 6);
    output.append(Buffer.from('hi'));
    expect(output.text()).to.equal('hi');
  });
});
