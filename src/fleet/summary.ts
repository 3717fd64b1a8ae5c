/**
 * The fleet summary: one line per plugin (verdict, exit code, counts, where its reports are),
 * written by `run --config` per shard and by `merge` for all shards, as JSON and as a console
 * table. The fleet's exit code is the highest of its plugins'.
 */
import { SPEC_VERSION } from '../spec.js';
import { EXIT, verdictOf, type RunVerdict } from '../model/results.js';
import type { JsonReportSummary } from '../report/json.js';
import { harnessVersion } from '../version.js';
import type { Shard } from './shard.js';
import { writeAtomic } from '../report/write-atomic.js';

export const FLEET_FORMAT = 'plugin-conformance/fleet@1';

export interface FleetEntry {
  name: string;
  type: string;
  target: string;
  /** Its place in the fleet file, 0-based: `merge` lists the shards' plugins in this order. */
  position?: number;
  /** Null when the plugin's run never started (the fleet was interrupted first). */
  exitCode: number | null;
  verdict: RunVerdict | 'NOT RUN';
  counts?: JsonReportSummary['counts'];
  durationMs: number;
  /** Why there is no report or what went wrong outside the checks (a usage error, a kill). */
  message?: string;
  /** Report files, relative to the summary file. */
  reports: { junit?: string; json?: string; html?: string; log?: string };
}

export interface FleetSummary {
  format: typeof FLEET_FORMAT;
  harness: { name: string; version: string };
  spec: { version: string };
  verdict: RunVerdict;
  exitCode: number;
  startedAt: string;
  durationMs: number;
  /** This shard, for a sharded run; the shards joined, for a merge. */
  shards?: Shard[];
  targets: FleetEntry[];
}

export function buildSummary(targets: FleetEntry[], time: { startedAt: string; durationMs: number }, shards: Shard[] | undefined, interrupted?: number): FleetSummary {
  const exitCode = interrupted ?? worstExitCode(targets);
  const summary: FleetSummary = {
    format: FLEET_FORMAT,
    harness: { name: 'plugin-conformance', version: harnessVersion() },
    spec: { version: SPEC_VERSION },
    verdict: verdictOf(exitCode),
    exitCode,
    startedAt: time.startedAt,
    durationMs: time.durationMs,
    targets,
  };
  if (shards && shards.length > 0) summary.shards = shards;
  return summary;
}

/** The highest exit code of any plugin: one that failed fails the fleet, one unreachable more so. */
export function worstExitCode(targets: readonly FleetEntry[]): number {
  return targets.reduce<number>((worst, target) => Math.max(worst, target.exitCode ?? EXIT.passed), EXIT.passed);
}

export function writeSummary(file: string, summary: FleetSummary): void {
  writeAtomic(file, `${JSON.stringify(summary, null, 2)}\n`);
}

export function isFleetSummary(value: unknown): value is FleetSummary {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === FLEET_FORMAT;
}

/** The console table: one row per plugin, then the fleet's result line. */
export function summaryTable(summary: FleetSummary): string {
  const header = ['plugin', 'type', 'target', 'verdict', 'exit', 'passed', 'failed', 'errors', 'skipped', 'not run', 'ms'];
  const rows = summary.targets.map((target) => [
    target.name,
    target.type,
    target.target,
    target.verdict,
    target.exitCode === null ? '-' : String(target.exitCode),
    ...(target.counts ? [target.counts.passed, target.counts.failed, target.counts.error, target.counts.skipped, target.counts.notRun].map(String) : ['-', '-', '-', '-', '-']),
    String(target.durationMs),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = (column: number): boolean => column >= 4;
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  const notes = summary.targets.filter((target) => target.message).map((target) => `  ${target.name}: ${target.message}`);
  const tally = new Map<string, number>();
  for (const target of summary.targets) tally.set(target.verdict, (tally.get(target.verdict) ?? 0) + 1);
  const counts = [...tally].map(([verdict, count]) => `${count} ${verdict}`).join(', ');
  return [
    line(header),
    ...rows.map(line),
    ...notes,
    `Fleet: ${summary.verdict} (exit ${summary.exitCode}) — ${summary.targets.length} plugin(s): ${counts} in ${summary.durationMs} ms`,
    '',
  ].join('\n');
}
