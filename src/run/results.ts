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
}

export interface RunSummary {
  passed: number;
  failed: number;
  error: number;
  skipped: number;
  notRun: number;
}

/** Who was checked, beyond type and address; every field is best effort and never fails a run. */
export interface PluginIdentity {
  /** The label the run was given (--name), e.g. its entry in a fleet file. */
  name?: string;
  /** spaceone.api.core.v1.ServerInfo.get_version, where the plugin serves it. */
  version?: string;
  /** sha256 of the init metadata as the core sees it (Struct semantics: sorted keys, numbers as floats). */
  metadataDigest?: string;
}

/** The plugin process a run started with --exec: how it went, and what it printed (bounded, redacted). */
export interface PluginProcessRecord {
  command: string;
  /** Whether it served gRPC on the target within the startup timeout. */
  served: boolean;
  /** Time from start until it served, or until the harness gave up. */
  startupMs: number;
  /** Why it was not served, when it was not. */
  failure?: string;
  /** How it ended: its own exit, or the signal the harness stopped it with. */
  exit: { code: number | null; signal: string | null; stoppedBy?: 'SIGTERM' | 'SIGKILL' };
  stdout: string;
  stderr: string;
}

export interface RunReport {
  harness: { name: string; version: string };
  type: string;
  target: string;
  plugin?: PluginIdentity;
  pluginProcess?: PluginProcessRecord;
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
  /** The run was interrupted by a signal (128 + SIGINT). */
  interrupted: 130,
} as const;

export function summarize(results: readonly CheckResult[]): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, error: 0, skipped: 0, notRun: 0 };
  for (const result of results) {
    if (result.status === 'not-run') summary.notRun++;
    else summary[result.status]++;
  }
  return summary;
}

export type RunVerdict = 'PASS' | 'FAIL' | 'UNREACHABLE' | 'INTERRUPTED' | 'USAGE' | 'INTERNAL';

/** The one word a person reads first, from the exit code. */
export function verdictOf(exitCode: number): RunVerdict {
  switch (exitCode) {
    case EXIT.passed:
      return 'PASS';
    case EXIT.failed:
      return 'FAIL';
    case EXIT.unreachable:
      return 'UNREACHABLE';
    case EXIT.usage:
      return 'USAGE';
    case EXIT.internal:
      return 'INTERNAL';
    default:
      return exitCode >= 128 ? 'INTERRUPTED' : 'INTERNAL';
  }
}

export function exitCodeOf(report: RunReport): number {
  if (report.interrupted) return EXIT.interrupted;
  if (report.targetLost) return EXIT.unreachable;
  const summary = summarize(report.results);
  return summary.failed + summary.error > 0 ? EXIT.failed : EXIT.passed;
}
