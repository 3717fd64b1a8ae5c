/** Text forms of results shared by the console and JUnit reporters. */
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

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}
