/** Text forms of results, and their grouping, shared by the reporters. */
import type { CheckDetail, CheckResult, CheckStatus } from '../model/results.js';
import { isExpectedFailure } from '../model/results.js';

export const STATUS_LABEL: Record<CheckStatus, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  skipped: 'SKIP',
  'not-run': 'NOT RUN',
};

/** The label a person reads: an expected failure is XFAIL, not FAIL. */
export function statusLabel(result: CheckResult): string {
  return isExpectedFailure(result) ? 'XFAIL' : STATUS_LABEL[result.status];
}

/** Why a failure does not fail the run: the known-failures entry and its reason. */
export function expectation(result: CheckResult): string | undefined {
  if (!isExpectedFailure(result) || !result.knownFailure) return undefined;
  const { pattern, reason } = result.knownFailure;
  return `expected to fail (known-failures "${pattern}"${reason ? `: ${reason}` : ''})`;
}

export function detailLines(detail: CheckDetail): string[] {
  const lines = [`- ${detail.message}`];
  const facts: string[] = [];
  if (detail.grpcCode) facts.push(`gRPC ${detail.grpcCode}`);
  if (detail.expected !== undefined) facts.push(`expected: ${JSON.stringify(detail.expected)}`);
  if (detail.actual !== undefined) facts.push(`actual: ${truncate(JSON.stringify(detail.actual), 300)}`);
  if (facts.length > 0) lines.push(`  ${facts.join('  ')}`);
  if (detail.coreEffect) lines.push(`  core: ${detail.coreEffect}`);
  return lines;
}

/** The full explanation of a result: message, details and warnings, one fact per line. */
export function explanation(result: CheckResult): string {
  const lines: string[] = [];
  const expected = expectation(result);
  if (expected) lines.push(expected);
  if (result.message) lines.push(result.message);
  for (const detail of result.details) lines.push(...detailLines(detail));
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

const SEVERITY: CheckStatus[] = ['error', 'failed', 'passed', 'skipped', 'not-run'];

/** A group reads as its worst check; a group where nothing ran reads as skipped. */
export function worstStatus(checks: readonly CheckResult[]): CheckStatus {
  for (const status of SEVERITY) if (checks.some((check) => check.status === status)) return status;
  return 'skipped';
}

export function groupBy(results: readonly CheckResult[]): Map<string, CheckResult[]> {
  const groups = new Map<string, CheckResult[]>();
  for (const result of results) groups.set(result.group, [...(groups.get(result.group) ?? []), result]);
  return groups;
}
