/**
 * The bench's floor client must make the RPCs a full run makes, in the same order, or the ratio
 * `npm run bench` prints compares unlike work. Checked here as behaviour (which calls reach the
 * plugin), never timed: bench/ measures speed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { DEFAULT_DOMAIN_ID } from '../../src/config.js';
import { packageRoot, protosDir } from '../../src/paths.js';
import { planPaths, runCallPlan, type CallPlan } from '../../bench/call-plan.js';
import { firstCallDifference, startRecordingPlugin, type RecordingPlugin } from '../../bench/recording-plugin.js';
import { runCli } from '../support/processes.js';
import { tempDir } from '../support/reports.js';

const TYPE = 'notification.Protocol';
const FLOOR_CLIENT = path.join(packageRoot, 'dist', 'bench', 'floor-client.js');
const INPUTS = { options: {}, secretData: {}, domainId: DEFAULT_DOMAIN_ID };

function runFloor(plugin: RecordingPlugin, steps: CallPlan): Promise<number | null> {
  const planFile = path.join(tempDir(), 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify({ protosDir, protoFiles: plugin.entry.protoFiles, steps }));
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [FLOOR_CLIENT, plugin.address, planFile], { timeout: 60_000 }, () => resolve(child.exitCode));
  });
}

describe('bench floor client', function () {
  this.timeout(60_000);
  let plugin: RecordingPlugin;
  before(async () => {
    plugin = await startRecordingPlugin(TYPE);
  });
  after(() => plugin.stop());

  it('makes the same calls as a full run, in the same order: reflection, health, the planned calls, the version', async () => {
    plugin.take();
    const run = await runCli(['--target', plugin.address, '--type', TYPE, '--junit', path.join(tempDir(), 'run.xml')]);
    expect(run.code, run.stdout).to.equal(0);
    const harnessCalls = plugin.take();
    const plan = runCallPlan(plugin.entry, INPUTS);
    expect(await runFloor(plugin, plan)).to.equal(0);
    const floorCalls = plugin.take();
    expect(firstCallDifference(harnessCalls, floorCalls)).to.equal(undefined);
    // Reflection and health, the planned calls, then the version for the report: nothing left out.
    expect(floorCalls.slice(-planPaths(plan).length - 1, -1)).to.deep.equal(planPaths(plan));
    expect(floorCalls.at(-1)).to.equal('/spaceone.api.core.v1.ServerInfo/get_version');
    expect(floorCalls.slice(0, -planPaths(plan).length - 1).every((call) => /\/grpc\.(reflection|health)\./.test(call)), floorCalls.join('\n')).to.equal(true);
  });

  it('is caught when it drifts: one planned call fewer is a difference the bench reports', async () => {
    const plan = runCallPlan(plugin.entry, INPUTS);
    plugin.take();
    await runFloor(plugin, plan);
    const full = plugin.take();
    await runFloor(plugin, plan.slice(0, -1));
    const difference = firstCallDifference(full, plugin.take());
    expect(difference).to.match(/^call \d+ of \d+ \(harness\) \/ \d+ \(floor\): harness \/spaceone\.api\.notification\.plugin\.Protocol\/init, floor \/spaceone\.api\.core\.v1\.ServerInfo\/get_version$/);
  });
});
