/**
 * The one result model every reporter reads: a check's stable ID, its status and the details
 * that explain it. Nothing leaves a run except through these types.
 */
import type { Json } from '../grpc/struct.js';

export type CheckStatus = 'passed' | 'failed' | 'error' | 'skipped' | 'not-run';

/** One violation or observation behind a status. */
export interface CheckDetail {
  message: string;
  path?: string;
  expected?: Json;
  actual?: Json;
  grpcCode?: string;
  /** What the Cloudforet core would do with this, so a failure reads as a consequence, not a style rule. */
  coreEffect?: string;
}

export interface CheckResult {
  id: string;
  group: string;
  description: string;
  status: CheckStatus;
  /** One line: why it failed, errored, was skipped or not run; empty when passed. */
  message: string;
  details: CheckDetail[];
  /** Things the core tolerates but a person should know; never change the status. */
  warnings: string[];
  durationMs: number;
  /** Facts about the run this check established; every report shows them for the whole run. */
  properties?: Record<string, string>;
}

export interface RunSummary {
  passed: number;
  failed: number;
  error: number;
  skipped: number;
  notRun: number;
}

export interface RunReport {
  harness: { name: string; version: string };
  type: string;
  target: string;
  startedAt: string;
  durationMs: number;
  /** Set when the target could not be reached or went away: the run says so once. */
  targetLost?: string;
  /** Set when SIGINT/SIGTERM cut the run short. */
  interrupted?: string;
  results: CheckResult[];
}

export const EXIT = {
  /** Every check that ran passed. */
  passed: 0,
  /** A conformance check failed or errored. */
  failed: 1,
  /** Usage or input error; nothing was run. */
  usage: 2,
  /** The target could not be reached, or died during the run. */
  unreachable: 3,
  /** A bug in the harness itself. */
  internal: 4,
  /** The run was interrupted by SIGINT (128 + 2); SIGTERM gives 143, see interruptedExitCode. */
  interrupted: 130,
} as const;

/** 128 + the signal's number, as shells report a process a signal ended. */
export function interruptedExitCode(signal: string): number {
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  return 128 + (numbers[signal] ?? 2);
}

export function summarize(results: readonly CheckResult[]): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, error: 0, skipped: 0, notRun: 0 };
  for (const result of results) {
    if (result.status === 'not-run') summary.notRun++;
    else summary[result.status]++;
  }
  return summary;
}

export function exitCodeOf(report: RunReport): number {
  if (report.interrupted) return interruptedExitCode(report.interrupted);
  if (report.targetLost) return EXIT.unreachable;
  const summary = summarize(report.results);
  return summary.failed + summary.error > 0 ? EXIT.failed : EXIT.passed;
}
