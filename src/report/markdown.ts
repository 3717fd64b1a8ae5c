/**
 * The Markdown report: what a reviewer reads first, where they already are (a GitHub job's
 * $GITHUB_STEP_SUMMARY, a GitLab merge-request note). Compact by design: the verdict, a table of
 * groups, each failure with what the core would do, the required checks that did not run and how
 * to run them, and the warnings. Every text from a plugin is escaped; values are cut short, and
 * the JUnit, JSON and HTML reports keep the rest.
 */
import type { Json } from '../grpc/struct.js';
import { exitCodeOf, skippedRequirements, summarize, verdictOf, type CheckDetail, type CheckResult, type RunReport, type RunVerdict } from '../model/results.js';
import { expectation, groupBy, STATUS_LABEL, statusLabel, truncate, worstStatus } from './format.js';

/** A value a plugin answered can be megabytes; a summary page shows its start. */
const MAX_VALUE_CHARS = 300;
/** A contract check can list hundreds of differences; the page lists the first ones. */
const MAX_DETAILS = 10;

const VERDICT_MARK: Record<RunVerdict, string> = {
  PASS: '✅',
  FAIL: '❌',
  UNREACHABLE: '⚠️',
  INTERRUPTED: '⏹️',
  USAGE: '⚠️',
  INTERNAL: '⚠️',
};

export function renderMarkdown(report: RunReport, exitCode: number = exitCodeOf(report)): string {
  const sections = [verdictSection(report, exitCode), groupTable(report.results), failureSection(report.results), skippedRequiredSection(report.results), warningSection(report.results)];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function verdictSection(report: RunReport, exitCode: number): string {
  const verdict = verdictOf(exitCode);
  const counts = summarize(report.results);
  const subject = report.plugin?.name ? `${inline(report.plugin.name)} (${inline(report.type)})` : inline(report.type);
  const expected = counts.expectedFailures > 0 ? `, ${counts.expectedFailures} expected failures` : '';
  const lines = [
    `### ${VERDICT_MARK[verdict]} ${verdict}: ${subject} at ${code(report.target)}`,
    '',
    `${counts.passed} passed, ${counts.failed} failed, ${counts.error} errors${expected}, ${counts.skipped} skipped, ${counts.notRun} not run in ${report.durationMs} ms · exit code ${exitCode} · ${inline(report.harness.name)} ${inline(report.harness.version)}`,
  ];
  const facts: string[] = [];
  if (report.plugin?.version) facts.push(`plugin version ${code(report.plugin.version)}`);
  if (report.plugin?.metadataDigest) facts.push(`metadata ${code(report.plugin.metadataDigest)}`);
  if (report.profile && report.profile !== 'ci') facts.push(`profile ${code(report.profile)}`);
  if (facts.length > 0) lines.push('', facts.join(' · '));
  if (report.targetLost) lines.push('', `> **Target:** ${inline(report.targetLost)}`);
  if (report.interrupted) lines.push('', `> **Interrupted:** ${inline(report.interrupted)}`);
  const process = report.pluginProcess;
  if (process && !process.served) lines.push('', `> **Plugin process (--exec):** did not serve: ${inline(process.failure ?? 'unknown reason')}`);
  for (const note of report.notes ?? []) lines.push('', `> **Note:** ${inline(note)}`);
  return lines.join('\n');
}

function groupTable(results: readonly CheckResult[]): string {
  if (results.length === 0) return '';
  const rows = [...groupBy(results)].map(([group, checks]) => {
    const counts = summarize(checks);
    return `| ${inline(group)} | ${STATUS_LABEL[worstStatus(checks)]} | ${counts.passed} | ${counts.failed} | ${counts.error} | ${counts.skipped} | ${counts.notRun} |`;
  });
  return ['| group | result | passed | failed | errors | skipped | not run |', '|---|---|--:|--:|--:|--:|--:|', ...rows].join('\n');
}

function failureSection(results: readonly CheckResult[]): string {
  const failures = results.filter((result) => result.status === 'failed' || result.status === 'error');
  if (failures.length === 0) return '';
  return [`#### Failures (${failures.length})`, '', ...failures.flatMap(failureItem)].join('\n');
}

function failureItem(result: CheckResult): string[] {
  const lines = [`- **${statusLabel(result)}** ${code(result.id)}: ${inline(result.message)}`];
  const expected = expectation(result);
  if (expected) lines.push(`  - ${inline(expected)}`);
  for (const detail of result.details.slice(0, MAX_DETAILS)) lines.push(...detailItem(detail));
  if (result.details.length > MAX_DETAILS) lines.push(`  - … and ${result.details.length - MAX_DETAILS} more (see the JUnit, JSON or HTML report)`);
  return lines;
}

function detailItem(detail: CheckDetail): string[] {
  const facts: string[] = [];
  if (detail.path !== undefined) facts.push(`at ${code(detail.path)}`);
  if (detail.expected !== undefined) facts.push(`expected ${value(detail.expected)}`);
  if (detail.actual !== undefined) facts.push(`actual ${value(detail.actual)}`);
  if (detail.grpcCode !== undefined) facts.push(`gRPC ${code(detail.grpcCode)}`);
  const lines = [`  - ${inline(detail.message)}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`];
  if (detail.coreEffect) lines.push(`    - **core:** ${inline(detail.coreEffect)}`);
  return lines;
}

/** Required checks skipped for want of an input, as the results model lists them for every reporter. */
function skippedRequiredSection(results: readonly CheckResult[]): string {
  const skipped = skippedRequirements(results);
  if (skipped.length === 0) return '';
  return [`#### Required checks not run (${skipped.length})`, '', ...skipped.map((requirement) => `- ${code(requirement.id)}: ${inline(requirement.reason)}`)].join('\n');
}

function warningSection(results: readonly CheckResult[]): string {
  const warnings = results.flatMap((result) => result.warnings.map((warning) => `- ${code(result.id)}: ${inline(warning)}`));
  if (warnings.length === 0) return '';
  return [`#### Warnings (${warnings.length})`, '', ...warnings].join('\n');
}

function value(json: Json): string {
  return code(truncate(JSON.stringify(json) ?? 'undefined', MAX_VALUE_CHARS));
}

/** Text on one line with nothing Markdown or HTML would read as markup (`|` included, so it also fits a table cell). */
export function inline(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]|~#]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span that holds any text: its fence is longer than every backtick run inside it. */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
