/**
 * `merge`: the shards of a fleet, downloaded as CI artifacts into directories, joined into one
 * summary and one JUnit file. Summaries say which shard they were and which plugins they ran,
 * so a missing shard, a shard counted twice or a report lost on the way is an input error, not a
 * silently smaller fleet. JSON reports no summary names (a single run's --json) join as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../usage.js';
import { fromJsonReport, isJsonReport, type JsonReport } from '../report/json.js';
import type { RunReport } from '../model/results.js';
import { harnessVersion } from '../version.js';
import { buildSummary, isFleetSummary, type FleetEntry, type FleetSummary } from './summary.js';
import type { Shard } from './shard.js';

/** Artifact downloads nest a directory or two; deeper than this is not a report tree. */
const MAX_DEPTH = 6;

export interface Merged {
  summary: FleetSummary;
  /** One per plugin, in summary order: what the merged JUnit is made from. */
  runs: RunReport[];
}

interface Found<T> {
  file: string;
  value: T;
}

export function mergeDirectories(directories: readonly string[], summaryFile: string): Merged {
  const summaries: Array<Found<FleetSummary>> = [];
  const reports = new Map<string, JsonReport>();
  for (const directory of directories) {
    for (const file of jsonFiles(directory)) {
      if (file === path.resolve(summaryFile)) continue; // an earlier merge's output, not an input
      const value = readJson(file);
      if (isFleetSummary(value)) summaries.push({ file, value });
      else if (isJsonReport(value)) reports.set(file, value);
    }
  }
  if (summaries.length === 0 && reports.size === 0) throw new UsageError(`merge: no plugin-conformance summary or JSON report under ${directories.join(', ')}`);
  const shards = checkShards(summaries);
  const entries: FleetEntry[] = [];
  const runs: RunReport[] = [];
  const relative = (file: string): string => path.relative(path.dirname(summaryFile), file);
  const add = (entry: FleetEntry, report: JsonReport | undefined): void => {
    if (entries.some((other) => other.name === entry.name)) throw new UsageError(`merge: two plugins are named "${entry.name}"; merge the shards of one fleet, or name plugins uniquely`);
    entries.push(entry);
    const run = report ? fromJsonReport(report) : missingRun(entry);
    runs.push({ ...run, plugin: { ...run.plugin, name: entry.name } });
  };
  for (const { file, value } of summaries) {
    for (const entry of value.targets) {
      const reportFile = entry.reports.json ? path.resolve(path.dirname(file), entry.reports.json) : undefined;
      const report = reportFile ? reports.get(reportFile) : undefined;
      if (reportFile && !report) throw new UsageError(`merge: ${file} names ${entry.reports.json} for ${entry.name}, but it is not there`);
      if (reportFile) reports.delete(reportFile);
      add({ ...entry, reports: relocate(entry.reports, path.dirname(file), relative) }, report);
    }
  }
  for (const [file, report] of reports) {
    const name = report.summary.plugin.name ?? path.basename(file, '.json');
    const { exitCode, verdict, counts, durationMs } = report.summary;
    add({ name, type: report.summary.plugin.type, target: report.summary.plugin.target, exitCode, verdict, counts, durationMs, reports: { json: relative(file) } }, report);
  }
  const order = inFleetFileOrder(entries);
  return { summary: buildSummary(order.map((index) => entries[index] as FleetEntry), span(summaries, [...runs]), shards), runs: order.map((index) => runs[index] as RunReport) };
}

/**
 * Indexes of the entries in fleet-file order: by position where the summary gave one (shards
 * hold every n-th plugin), the rest (loose JSON reports) after them in the order found.
 */
function inFleetFileOrder(entries: readonly FleetEntry[]): number[] {
  const rank = (entry: FleetEntry): number => entry.position ?? Number.MAX_SAFE_INTEGER;
  return entries.map((_entry, index) => index).sort((a, b) => rank(entries[a] as FleetEntry) - rank(entries[b] as FleetEntry) || a - b);
}

/** Sharded summaries must be one fleet's shards, each once, none missing. */
function checkShards(summaries: ReadonlyArray<Found<FleetSummary>>): Shard[] | undefined {
  const sharded = summaries.flatMap(({ file, value }) => (value.shards ?? []).map((shard) => ({ file, shard })));
  if (sharded.length === 0) return undefined;
  const count = sharded[0]?.shard.count ?? 0;
  const other = sharded.find(({ shard }) => shard.count !== count);
  if (other) throw new UsageError(`merge: shards of different splits (${sharded[0]?.file} is of ${count}, ${other.file} of ${other.shard.count})`);
  const seen = new Map<number, string>();
  for (const { file, shard } of sharded) {
    const earlier = seen.get(shard.index);
    if (earlier) throw new UsageError(`merge: shard ${shard.index}/${count} appears twice (${earlier} and ${file})`);
    seen.set(shard.index, file);
  }
  const missing = Array.from({ length: count }, (_unused, index) => index + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new UsageError(`merge: shard(s) ${missing.map((index) => `${index}/${count}`).join(', ')} missing; found ${[...seen.keys()].sort((a, b) => a - b).map((index) => `${index}/${count}`).join(', ')}`);
  return [...seen.keys()].sort((a, b) => a - b).map((index) => ({ index, count }));
}

/** From the earliest start to the latest end among what was merged. */
function span(summaries: ReadonlyArray<Found<FleetSummary>>, runs: readonly RunReport[]): { startedAt: string; durationMs: number } {
  const intervals = [...summaries.map(({ value }) => value), ...runs].map((item) => ({ start: Date.parse(item.startedAt), duration: item.durationMs })).filter((item) => !Number.isNaN(item.start));
  if (intervals.length === 0) return { startedAt: new Date().toISOString(), durationMs: 0 };
  const start = Math.min(...intervals.map((item) => item.start));
  const end = Math.max(...intervals.map((item) => item.start + item.duration));
  return { startedAt: new Date(start).toISOString(), durationMs: end - start };
}

/** A plugin whose run wrote no report (an input error, a kill) still shows in JUnit, as an error. */
function missingRun(entry: FleetEntry): RunReport {
  const message = entry.message ?? `no report (exit ${entry.exitCode ?? 'none'})`;
  return {
    harness: { name: 'plugin-conformance', version: harnessVersion() },
    type: entry.type,
    target: entry.target,
    plugin: { name: entry.name },
    startedAt: new Date().toISOString(),
    durationMs: entry.durationMs,
    results: [
      { id: `${entry.type}/run/completed`, group: 'run', description: 'the harness ran against this plugin and wrote its report', status: entry.exitCode === null ? 'not-run' : 'error', required: true, message, details: [], warnings: [], durationMs: entry.durationMs },
    ],
  };
}

function relocate(reports: FleetEntry['reports'], from: string, relative: (file: string) => string): FleetEntry['reports'] {
  const moved: FleetEntry['reports'] = {};
  for (const [kind, file] of Object.entries(reports) as Array<[keyof FleetEntry['reports'], string]>) moved[kind] = relative(path.resolve(from, file));
  return moved;
}

function jsonFiles(directory: string, depth = 0): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`merge: cannot read directory ${directory}${code === 'ENOENT' ? ': no such directory' : code ? `: ${code}` : ''}`);
  }
  return entries.flatMap((entry) => {
    const full = path.resolve(directory, entry.name);
    if (entry.isDirectory() && depth < MAX_DEPTH) return jsonFiles(full, depth + 1);
    return entry.isFile() && entry.name.endsWith('.json') ? [full] : [];
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`merge: ${file} is not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
}
