/**
 * The one result model every reporter reads: a check's stable ID, its status and the details
 * that explain it. Nothing leaves a run except through these types.
 */
import type { Json } from '../grpc/struct.js';
import type { CheckSource } from '../spec.js';
import { EXIT } from './exit-codes.js';

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
  /** Where the check's rule comes from (CheckDefinition.sources); absent only on entries no check made. */
  sources?: CheckSource[];
  /** Required to conform (see CheckDefinition.required). */
  required: boolean;
  status: CheckStatus;
  /** One line: why it failed, errored, was skipped or not run; empty when passed. */
  message: string;
  details: CheckDetail[];
  /** Things the core tolerates but a person should know; never change the status. */
  warnings: string[];
  durationMs: number;
  /** Facts about the run this check established; every report shows them for the whole run. */
  properties?: Record<string, string>;
  /** Set on a failure or error the --known-failures file expects: it does not fail the run. */
  knownFailure?: KnownFailureMatch;
  /** Set when the run's policy changed the status the check reached: what it was and why it changed. */
  overruled?: { status: CheckStatus; by: string };
  /** On a check skipped for want of an input: what to give to run it (e.g. `give --secret-data JSON|@file`). */
  howToRun?: string;
}

/** A required check this run skipped for want of an input: the run did not confirm it. */
export interface SkippedRequirement {
  id: string;
  /** Why it was skipped, as the check said. */
  reason: string;
  howToRun: string;
  /** A verify check: the run never confirmed that verify answers OK (ACTIVE). */
  verify: boolean;
}

/** The --known-failures entry a check matched. */
export interface KnownFailureMatch {
  pattern: string;
  reason?: string;
}

export interface RunSummary {
  passed: number;
  /** Failures and errors that count: expected failures are counted apart. */
  failed: number;
  error: number;
  skipped: number;
  notRun: number;
  /** Failures and errors listed in --known-failures. */
  expectedFailures: number;
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
  /** `ci` when absent. In `certification` every required check must run and pass. */
  profile?: Profile;
  /** --strict (implied by certification): a check that carried a warning failed. */
  strict?: boolean;
  /** Without --type: how the type was read from the plugin's reflection (`detected: ...` or `assumed: ...`). */
  typeDetection?: string;
  /** What the run says once, beside the results (e.g. a known-failures entry that matched no check). */
  notes?: string[];
  results: CheckResult[];
}

export type Profile = 'ci' | 'certification';

/** Defined once, with what each code means, in exit-codes.ts; re-exported for the code that reads results. */
export { EXIT };

/** 128 + the signal's number, as shells report a process a signal ended. */
export function interruptedExitCode(signal: string): number {
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  return 128 + (numbers[signal] ?? 2);
}

export function summarize(results: readonly CheckResult[]): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, error: 0, skipped: 0, notRun: 0, expectedFailures: 0 };
  for (const result of results) {
    if (isExpectedFailure(result)) summary.expectedFailures++;
    else if (result.status === 'not-run') summary.notRun++;
    else summary[result.status]++;
  }
  return summary;
}

/** The status the check itself reached, before the run's policy overruled it. */
export function ownStatus(result: CheckResult): CheckStatus {
  return result.overruled?.status ?? result.status;
}

/** A failure or error the --known-failures file lists: reported, but it does not fail the run. */
export function isExpectedFailure(result: CheckResult): boolean {
  return result.knownFailure !== undefined && (result.status === 'failed' || result.status === 'error');
}

/**
 * The required checks the run skipped for want of an input, with what runs them: a run that never
 * confirmed verify must not read like one that did. Every reporter reads this, not the messages.
 */
export function skippedRequirements(results: readonly CheckResult[]): SkippedRequirement[] {
  return results
    .filter((result) => result.required && ownStatus(result) === 'skipped' && result.howToRun !== undefined)
    .map((result) => ({ id: result.id, reason: result.message, howToRun: result.howToRun ?? '', verify: isVerifyGroup(result.group) }));
}

/** `verify`, or a legacy surface's own verify group (identity.Domain's `auth-verify`). */
export function isVerifyGroup(group: string): boolean {
  return group === 'verify' || group.endsWith('-verify');
}

/** One line naming the skipped verify check(s) and how to run them; undefined when verify ran (or the type has none). */
export function verifyNotRunNotice(results: readonly CheckResult[]): string | undefined {
  const skipped = skippedRequirements(results).filter((requirement) => requirement.verify);
  if (skipped.length === 0) return undefined;
  return `verify NOT run: ${skipped.map((requirement) => `${requirement.id} (${requirement.howToRun} to run it)`).join(', ')}`;
}

/** Certification: the required checks that did not pass, whatever kept them from it. */
export function uncertified(report: RunReport): CheckResult[] {
  if (report.profile !== 'certification') return [];
  return report.results.filter((result) => result.required && result.status !== 'passed');
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
  if (report.interrupted) return interruptedExitCode(report.interrupted);
  if (report.targetLost) return EXIT.unreachable;
  const summary = summarize(report.results);
  return summary.failed + summary.error > 0 || uncertified(report).length > 0 ? EXIT.failed : EXIT.passed;
}
