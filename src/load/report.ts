/**
 * What a load profile found, as one JSON-ready report: throughput, latency percentiles, errors by
 * gRPC code and the verdict of each gate. The table is rendered from this report, never from the
 * raw samples, so the two cannot disagree.
 */
import { EXIT } from '../model/results.js';
import type { Redactor } from '../run/redact.js';
import { harnessVersion } from '../version.js';
import type { LoadConfig } from './config.js';
import type { LoadOutcome } from './profile.js';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface GateResult {
  flag: '--max-p99' | '--max-error-rate';
  limit: number;
  actual: number;
  passed: boolean;
}

export type LoadVerdict = 'passed' | 'failed' | 'unreachable' | 'interrupted';

export interface LoadReport {
  harness: { name: string; version: string };
  type: string;
  target: string;
  /** `Service.method` as the core calls it. */
  rpc: string;
  concurrency: number;
  /** The bound the load was given. */
  limit: { requests: number } | { durationS: number };
  timeoutMs: number;
  startedAt: string;
  /** From the first request sent to the last answer. */
  elapsedMs: number;
  requests: { answered: number; ok: number; errors: number };
  errorRate: number;
  throughputPerSecond: number;
  /** Of every answered request, successful or not; nearest-rank percentiles. */
  latencyMs: LatencySummary;
  errors: Array<{ code: string; count: number; example: string }>;
  gates: GateResult[];
  notes: string[];
  verdict: LoadVerdict;
  exitCode: number;
}

export function buildLoadReport(config: LoadConfig, outcome: LoadOutcome, redactor: Redactor): LoadReport {
  const answered = outcome.latenciesMs.length;
  const errors = answered - outcome.ok;
  const errorRate = answered === 0 ? 0 : errors / answered;
  const latencyMs = summarizeLatencies(outcome.latenciesMs);
  const gates: GateResult[] = [];
  if (config.maxP99Ms !== undefined) gates.push({ flag: '--max-p99', limit: config.maxP99Ms, actual: latencyMs.p99, passed: latencyMs.p99 <= config.maxP99Ms });
  if (config.maxErrorRate !== undefined) gates.push({ flag: '--max-error-rate', limit: config.maxErrorRate, actual: errorRate, passed: errorRate <= config.maxErrorRate });
  const notes: string[] = [];
  if (outcome.unreachable) notes.push(outcome.unreachable);
  if (outcome.targetLost) notes.push(outcome.targetLost);
  if (outcome.stopped) notes.push(`interrupted (${outcome.stopped}): sending stopped, answers in flight were counted`);
  if (outcome.capped) notes.push(`stopped at ${answered} requests, the most one load makes, before --duration was up`);
  const verdict: LoadVerdict = outcome.unreachable || outcome.targetLost ? 'unreachable' : outcome.stopped ? 'interrupted' : gates.every((gate) => gate.passed) ? 'passed' : 'failed';
  const report: LoadReport = {
    harness: { name: 'plugin-conformance', version: harnessVersion() },
    type: config.run.entry.name,
    target: config.run.targetText,
    rpc: config.spec.rpc,
    concurrency: config.concurrency,
    limit: config.durationMs === undefined ? { requests: config.requests ?? 0 } : { durationS: config.durationMs / 1000 },
    timeoutMs: config.run.timeoutMs,
    startedAt: outcome.startedAt,
    elapsedMs: round(outcome.elapsedMs),
    requests: { answered, ok: outcome.ok, errors },
    errorRate: round(errorRate, 4),
    throughputPerSecond: outcome.elapsedMs > 0 ? round((answered * 1000) / outcome.elapsedMs, 1) : 0,
    latencyMs,
    errors: [...outcome.failures].sort((a, b) => b[1].count - a[1].count).map(([code, failure]) => ({ code, ...failure })),
    gates,
    notes,
    verdict,
    exitCode: exitCodeOf(verdict),
  };
  // Plugins echo their inputs back in error messages; secrets never leave the run.
  return redactor.deep(report);
}

function exitCodeOf(verdict: LoadVerdict): number {
  switch (verdict) {
    case 'passed':
      return EXIT.passed;
    case 'failed':
      return EXIT.failed;
    case 'unreachable':
      return EXIT.unreachable;
    case 'interrupted':
      return EXIT.interrupted;
  }
}

export function summarizeLatencies(samples: Float64Array): LatencySummary {
  if (samples.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const sample of sorted) sum += sample;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sum / sorted.length),
  };
}

/** Nearest rank: the smallest sample with at least p% of samples at or below it. */
export function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The line a load starts with, before its progress: what is loaded, where, and how hard. */
export function renderLoadHeader(config: LoadConfig): string {
  const limit = config.durationMs === undefined ? `${config.requests ?? 0} requests` : `${config.durationMs / 1000} s`;
  return `plugin-conformance ${harnessVersion()} load: ${config.run.entry.name} ${config.spec.rpc} at ${config.run.targetText}, concurrency ${config.concurrency}, ${limit}, deadline ${config.run.timeoutMs} ms per call\n`;
}

/** The console form after the load: a few aligned lines (milliseconds to 0.1; the JSON keeps more) and the verdict. */
export function renderLoadTable(report: LoadReport): string {
  const { latencyMs: latency, requests } = report;
  const ms = (value: number): string => value.toFixed(1);
  const lines = [
    `  requests     ${requests.answered} answered: ${requests.ok} ok, ${requests.errors} errors (${percent(report.errorRate)}) in ${(report.elapsedMs / 1000).toFixed(2)} s`,
    `  throughput   ${report.throughputPerSecond.toFixed(1)} requests/s`,
    `  latency ms   p50 ${ms(latency.p50)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}  mean ${ms(latency.mean)}`,
  ];
  for (const error of report.errors) lines.push(`  error        ${error.code} × ${error.count}: ${error.example}`);
  for (const gate of report.gates) {
    const actual = gate.flag === '--max-p99' ? `p99 ${gate.actual.toFixed(1)} ms` : `error rate ${percent(gate.actual)}`;
    const limitText = gate.flag === '--max-p99' ? `${gate.limit} ms` : percent(gate.limit);
    lines.push(`  gate         ${gate.flag} ${limitText}: ${actual} ${gate.passed ? 'within' : 'EXCEEDS'} -> ${gate.passed ? 'PASS' : 'FAIL'}`);
  }
  for (const note of report.notes) lines.push(`  note         ${note}`);
  const label = { passed: 'PASS', failed: 'FAIL', unreachable: 'UNREACHABLE', interrupted: 'INTERRUPTED' }[report.verdict];
  lines.push(`Result: ${label} (exit ${report.exitCode})`);
  return `${lines.join('\n')}\n`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.001 ? 3 : 1)}%`;
}
