#!/usr/bin/env node
/**
 * `npm run bench`: what the harness costs next to the plugin itself, measured in one run on one
 * machine, each figure as a ratio to a baseline measured in the same loop:
 *
 *  run       the CLI's full notification.Protocol run, exactly as a user runs it, against the
 *            floor: bench/floor-client, a fresh Node process with a minimal @grpc/grpc-js client
 *            making the same RPCs in the same order (reflection, health, init, verify and the
 *            robustness calls). Before timing, both are run once against a plugin that records
 *            the calls it gets; the bench stops if the two sequences differ. Goal: at most 1.5x.
 *  start-up  `--version` and `list-types` against `node -e ''`. Goal for --version: at most 1.5x.
 *  memory    peak RSS of a full run (GNU time's %M). Goal: at most 83 MB, the peak before the
 *            reflection client was the project's own.
 *  load      `load --method init` throughput against bench/raw-load, a raw grpc-js loop at the
 *            same concurrency and request count. Goal: at least 1.0x.
 *
 * The plugin is the conforming reference plugin serving both reflection versions, in a process of
 * its own. Each comparison is repeated (bounded by --repeat) with the pair's order alternating;
 * medians are compared. Prints a table; writes the samples as JSON under reports/bench/. Exits 1
 * when a goal is missed or the floor no longer makes the harness's calls, 2 on bad arguments or a
 * missing tool.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DOMAIN_ID } from '../src/config.js';
import { cliPath, packageRoot, protosDir } from '../src/paths.js';
import { writeAtomic } from '../src/report/write-atomic.js';
import { findServiceType } from '../src/catalog/index.js';
import type { ServiceTypeEntry } from '../src/model/service-type.js';
import { runCallPlan, type PlannedCall } from './call-plan.js';
import { alternate, GNU_TIME, haveGnuTime, median, timedNode, type Sample } from './measure.js';
import { firstCallDifference, startRecordingPlugin } from './recording-plugin.js';
import { startReferencePlugin } from '../test/support/processes.js';

const TYPE = 'notification.Protocol';
const FLOOR_CLIENT = path.join(packageRoot, 'dist', 'bench', 'floor-client.js');
const RAW_LOAD = path.join(packageRoot, 'dist', 'bench', 'raw-load.js');

interface Settings {
  repeat: number;
  loadRepeat: number;
  loadRequests: number;
  concurrency: number;
}

interface Comparison {
  name: string;
  unit: 'ms' | 'MB' | 'requests/s';
  measured: number[];
  baselineName?: string;
  baseline?: number[];
  median: number;
  baselineMedian?: number;
  ratio?: number;
  /** For times: the same comparison in CPU time, shown beside the wall-time goal. */
  cpu?: { measured: number[]; baseline: number[]; ratio: number };
  goal?: string;
  passed?: boolean;
}

function parseSettings(argv: readonly string[]): Settings {
  const settings: Settings = { repeat: 21, loadRepeat: 5, loadRequests: 3_000, concurrency: 16 };
  const bounds: Record<string, [keyof Settings, number, number]> = {
    '--repeat': ['repeat', 3, 101],
    '--load-repeat': ['loadRepeat', 1, 51],
    '--load-requests': ['loadRequests', 100, 200_000],
    '--concurrency': ['concurrency', 1, 256],
  };
  for (let index = 0; index < argv.length; index += 2) {
    const bound = bounds[argv[index] ?? ''];
    const value = Number(argv[index + 1]);
    if (!bound || !Number.isInteger(value) || value < bound[1] || value > bound[2]) {
      usage(`bad argument ${argv[index]} ${argv[index + 1] ?? ''}; options: ${Object.entries(bounds).map(([flag, [, min, max]]) => `${flag} ${min}-${max}`).join(', ')}`);
    }
    settings[bound[0]] = value;
  }
  return settings;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function timeComparison(name: string, measured: Sample[], baselineName: string, baseline: Sample[], goal: { max?: number }): Comparison {
  const comparison = ratioComparison(name, 'ms', measured.map((s) => s.ms), baselineName, baseline.map((s) => s.ms), goal);
  const cpu = { measured: measured.map((s) => s.cpuMs), baseline: baseline.map((s) => s.cpuMs) };
  comparison.cpu = { ...cpu, ratio: median(cpu.measured) / median(cpu.baseline) };
  return comparison;
}

function ratioComparison(name: string, unit: Comparison['unit'], measured: number[], baselineName: string, baseline: number[], goal: { max?: number; min?: number }): Comparison {
  const comparison: Comparison = { name, unit, measured, baselineName, baseline, median: median(measured), baselineMedian: median(baseline) };
  comparison.ratio = comparison.median / (comparison.baselineMedian ?? 1);
  if (goal.max !== undefined) {
    comparison.goal = `<= ${goal.max}x`;
    comparison.passed = comparison.ratio <= goal.max;
  }
  if (goal.min !== undefined) {
    comparison.goal = `>= ${goal.min}x`;
    comparison.passed = comparison.ratio >= goal.min;
  }
  return comparison;
}

function memoryComparison(harness: Sample[], floor: Sample[], limitMb: number): Comparison {
  const megabytes = (samples: Sample[]): number[] => samples.map((sample) => sample.maxRssKb / 1024);
  const peak = Math.max(...megabytes(harness));
  return { name: 'peak memory of a run', unit: 'MB', measured: megabytes(harness), median: peak, baselineName: 'floor client', baseline: megabytes(floor), baselineMedian: median(megabytes(floor)), goal: `<= ${limitMb} MB (max of runs)`, passed: peak <= limitMb };
}

function table(comparisons: readonly Comparison[]): string {
  const rows = [['measurement', 'median', 'baseline', 'baseline median', 'ratio', 'goal', 'result', 'cpu ratio']];
  const show = (value: number | undefined, unit: string): string => (value === undefined ? '' : `${value.toFixed(unit === 'MB' ? 1 : 0)} ${unit}`);
  for (const comparison of comparisons) {
    rows.push([
      comparison.name,
      show(comparison.median, comparison.unit),
      comparison.baselineName ?? '',
      show(comparison.baselineMedian, comparison.unit),
      comparison.ratio === undefined ? '' : `${comparison.ratio.toFixed(2)}x`,
      comparison.goal ?? '(info)',
      comparison.passed === undefined ? '' : comparison.passed ? 'PASS' : 'FAIL',
      comparison.cpu ? `${comparison.cpu.ratio.toFixed(2)}x` : '',
    ]);
  }
  const widths = rows[0]!.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

interface MachineFacts {
  date: string;
  cpus: number;
  cpuModel: string;
  platform: string;
  node: string;
  loadAverageAtStart: number[];
}

function machineFacts(): MachineFacts {
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}

async function main(): Promise<number> {
  const settings = parseSettings(process.argv.slice(2));
  if (!haveGnuTime()) usage(`${GNU_TIME} not found: install GNU time (Debian package "time")`);
  const machine = machineFacts();
  process.stdout.write(`bench: ${machine.cpus} × ${machine.cpuModel}, ${machine.platform}, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}\n`);

  const entry = findServiceType(TYPE);
  if (!entry) usage(`${TYPE} is not in the catalog`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-conformance-bench-'));
  const comparisons: Comparison[] = [];
  const inputs = { options: {}, secretData: {}, domainId: DEFAULT_DOMAIN_ID };
  const planFile = path.join(scratch, 'plan.json');
  const plan = runCallPlan(entry, inputs);
  fs.writeFileSync(planFile, JSON.stringify({ protosDir, protoFiles: entry.protoFiles, steps: plan }));
  const junit = path.join(scratch, 'run.xml');
  const harnessRun = (address: string) => (): Promise<Sample> => timedNode([cliPath, '--target', address, '--type', TYPE, '--junit', junit]);
  const floorRun = (address: string) => (): Promise<Sample> => timedNode([FLOOR_CLIENT, address, planFile]);
  const bare = (): Promise<Sample> => timedNode(['-e', '']);

  // The comparison means something only while both sides make the same calls.
  const calls = await sameCalls(harnessRun, floorRun);
  if (typeof calls === 'string') {
    process.stderr.write(`bench: the floor client no longer makes the harness's calls (${calls}); update bench/call-plan.ts\n`);
    return 1;
  }
  process.stdout.write(`bench: harness and floor make the same ${calls} calls; ${settings.repeat} rounds of each comparison\n`);
  // Timed against a plugin in a process of its own, as plugins run: in this process, its calls
  // would wait behind the reading of the harness's console output.
  const plugin = await startReferencePlugin(TYPE, 'reflection-both');
  try {

    const [harness, floor] = await alternate(settings.repeat, harnessRun(plugin.address), floorRun(plugin.address));
    comparisons.push(timeComparison(`full run (${calls} calls)`, harness, 'grpc-js floor client', floor, { max: 1.5 }));
    const [versions, bareForVersion] = await alternate(settings.repeat, () => timedNode([cliPath, '--version']), bare);
    comparisons.push(timeComparison('--version', versions, "node -e ''", bareForVersion, { max: 1.5 }));
    const [lists, bareForList] = await alternate(settings.repeat, () => timedNode([cliPath, 'list-types']), bare);
    comparisons.push(timeComparison('list-types', lists, "node -e ''", bareForList, {}));
    comparisons.push(memoryComparison(harness, floor, 83));
    comparisons.push(await loadComparison(settings, plugin.address, entry, plan[0]?.[0]));
  } finally {
    await plugin.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const result = { machine: { ...machine, loadAverageAtEnd: os.loadavg().map((value) => Number(value.toFixed(2))) }, settings, type: TYPE, calls, comparisons };
  const file = path.join(packageRoot, 'reports', 'bench', `bench-${machine.date.replace(/[:.]/g, '-')}.json`);
  writeAtomic(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${table(comparisons)}\n`);
  process.stdout.write(`bench: load average at end ${result.machine.loadAverageAtEnd.join(' ')}; samples in ${path.relative(process.cwd(), file)}\n`);
  return comparisons.every((comparison) => comparison.passed !== false) ? 0 : 1;
}

/**
 * Runs each side once against the recording plugin; the number of calls when both made the same
 * ones, else where they first differ.
 */
async function sameCalls(harnessRun: (address: string) => () => Promise<Sample>, floorRun: (address: string) => () => Promise<Sample>): Promise<number | string> {
  const recording = await startRecordingPlugin(TYPE);
  try {
    await harnessRun(recording.address)();
    const harnessCalls = recording.take();
    await floorRun(recording.address)();
    return firstCallDifference(harnessCalls, recording.take()) ?? harnessCalls.length;
  } finally {
    await recording.stop();
  }
}

/** `load --method init` against the raw loop, same concurrency and count, throughput compared. */
async function loadComparison(settings: Settings, address: string, entry: ServiceTypeEntry, init: PlannedCall | undefined): Promise<Comparison> {
  if (!init) throw new Error(`${TYPE} has no init to load`);
  const count = String(settings.loadRequests);
  const concurrency = String(settings.concurrency);
  const loadRun = (): Promise<Sample> => timedNode([cliPath, 'load', '--target', address, '--type', TYPE, '--method', 'init', '--concurrency', concurrency, '--requests', count, '--json', '-']);
  const rawRun = (): Promise<Sample> =>
    timedNode([RAW_LOAD, address, protosDir, entry.protoFiles.join(','), init.service, init.method, JSON.stringify(init.request), concurrency, count]);
  const throughput = (sample: Sample): number => (JSON.parse(sample.stdout) as { throughputPerSecond: number }).throughputPerSecond;
  await loadRun();
  await rawRun();
  const [loads, raws] = await alternate(settings.loadRepeat, loadRun, rawRun);
  return ratioComparison(`load throughput (c=${concurrency}, n=${count})`, 'requests/s', loads.map(throughput), 'raw grpc-js loop', raws.map(throughput), { min: 1.0 });
}

try {
  process.exit(await main());
} catch (error) {
  // A child that failed or hung: what it printed, without a stack trace.
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
