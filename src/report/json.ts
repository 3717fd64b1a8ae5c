/**
 * The JSON report: every check as the run recorded it, and a summary a machine reads first
 * (verdict, exit code, plugin identity, harness and spec versions, counts). Versioned by
 * `format`; schemas/report.json describes it. `merge` reads it back, so it carries everything
 * the other reports are made from.
 */
import { SPEC_SOURCES, SPEC_VERSION, type SpecSource } from '../spec.js';
import {
  exitCodeOf,
  summarize,
  verdictOf,
  type CheckResult,
  skippedRequirements,
  type PluginProcessRecord,
  type RunReport,
  type RunVerdict,
  type SkippedRequirement,
} from '../model/results.js';

export const REPORT_FORMAT = 'plugin-conformance/report@1';

export interface JsonReportSummary {
  verdict: RunVerdict;
  exitCode: number;
  plugin: { type: string; target: string; name?: string; version?: string; metadataDigest?: string };
  harness: { name: string; version: string };
  spec: { version: string; sources: readonly SpecSource[] };
  startedAt: string;
  durationMs: number;
  counts: { total: number; passed: number; failed: number; error: number; skipped: number; notRun: number };
  /** Without --type: how the type was read from the plugin's reflection (`detected: ...`, or `assumed: ...` for a partial match). */
  typeDetection?: string;
  /** --strict was in force (given, or implied by certification): warnings failed their checks. */
  strict: boolean;
  /** Whether every verify check of the type ran; false names them in skippedRequired. */
  verifyRun: boolean;
  /** Required checks skipped for want of an input, and what runs them. */
  skippedRequired: SkippedRequirement[];
  targetLost?: string;
  interrupted?: string;
}

export interface JsonReport {
  format: typeof REPORT_FORMAT;
  summary: JsonReportSummary;
  checks: CheckResult[];
  pluginProcess?: PluginProcessRecord;
}

/** `exitCode` is the command's own when it differs from the report's (128 + the signal that cut it short). */
export function toJsonReport(report: RunReport, exitCode: number = exitCodeOf(report)): JsonReport {
  const counts = summarize(report.results);
  const skipped = skippedRequirements(report.results);
  const summary: JsonReportSummary = {
    verdict: verdictOf(exitCode),
    exitCode,
    plugin: { type: report.type, target: report.target, ...report.plugin },
    harness: report.harness,
    spec: { version: SPEC_VERSION, sources: SPEC_SOURCES },
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    counts: { total: report.results.length, ...counts },
    strict: report.strict ?? false,
    verifyRun: !skipped.some((requirement) => requirement.verify),
    skippedRequired: skipped,
  };
  if (report.typeDetection) summary.typeDetection = report.typeDetection;
  if (report.targetLost) summary.targetLost = report.targetLost;
  if (report.interrupted) summary.interrupted = report.interrupted;
  const json: JsonReport = { format: REPORT_FORMAT, summary, checks: report.results };
  if (report.pluginProcess) json.pluginProcess = report.pluginProcess;
  return json;
}

/** The run report a JSON report was made from, so merged shards render like single runs. */
export function fromJsonReport(json: JsonReport): RunReport {
  const { plugin, harness, startedAt, durationMs, targetLost, interrupted, strict } = json.summary;
  const { type, target, ...identity } = plugin;
  const report: RunReport = { harness, type, target, startedAt, durationMs, results: json.checks };
  if (strict) report.strict = strict;
  if (json.summary.typeDetection) report.typeDetection = json.summary.typeDetection;
  if (Object.keys(identity).length > 0) report.plugin = identity;
  if (json.pluginProcess) report.pluginProcess = json.pluginProcess;
  if (targetLost) report.targetLost = targetLost;
  if (interrupted) report.interrupted = interrupted;
  return report;
}

export function isJsonReport(value: unknown): value is JsonReport {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === REPORT_FORMAT;
}

