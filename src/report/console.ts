/** Live console output: one line per check as it finishes, details indented under failures. */
import type { CheckResult, RunReport } from '../model/results.js';
import { exitCodeOf, summarize, uncertified, verdictOf, verifyNotRunNotice } from '../model/results.js';
import type { RunPlan } from '../run/runner.js';
import { annotationLines } from './annotations.js';
import { STATUS_LABEL, detailLines, expectation, statusLabel } from './format.js';

export class ConsoleReporter {
  /** `annotate`: also print each failure and warning as a GitHub Actions workflow command. */
  constructor(
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
    private readonly annotate = false,
  ) {}

  start(header: string): void {
    this.write(`${header}\n`);
  }

  /** The bound is stated up front, so a CI job's own timeout can be set above it. */
  plan(plan: RunPlan, timeoutMs: number, streamTimeoutMs: number): void {
    const streams = plan.streams > 0 ? ` (${plan.streams} of them streams of up to ${streamTimeoutMs} ms, ${timeoutMs} ms between messages)` : '';
    this.write(`  ${plan.checks} checks, at most ${plan.calls} calls of ${timeoutMs} ms${streams}: the run ends within ${plan.boundMs} ms\n`);
  }

  /** A line about the run itself, e.g. the --exec plugin starting. */
  note(text: string): void {
    this.write(`${text}\n`);
  }

  check(result: CheckResult): void {
    const label = statusLabel(result).padEnd(7);
    const time = result.status === 'passed' || result.status === 'failed' || result.status === 'error' ? `  (${result.durationMs} ms)` : '';
    const reason = result.status === 'skipped' || result.status === 'not-run' ? ` — ${result.message}` : '';
    this.write(`  ${label} ${result.id}${time}${reason}\n`);
    if (result.status === 'failed' || result.status === 'error') {
      const expected = expectation(result);
      if (expected) this.write(`           ${expected}\n`);
      this.write(`           ${result.message}\n`);
      for (const detail of result.details) for (const line of detailLines(detail)) this.write(`           ${line}\n`);
    }
    // A passed check's details are observations (e.g. which reflection versions are served).
    if (result.status === 'passed') for (const detail of result.details) this.write(`           note: ${detail.message}\n`);
    for (const warning of result.warnings) this.write(`           warning: ${warning}\n`);
    if (this.annotate) for (const line of annotationLines(result)) this.write(`${line}\n`);
  }

  finish(report: RunReport, written: readonly string[]): void {
    const summary = summarize(report.results);
    const code = exitCodeOf(report);
    const verdict = report.interrupted ? 'INTERRUPTED' : verdictOf(code);
    if (report.targetLost) this.write(`Target: ${report.targetLost}\n`);
    if (report.interrupted) this.write(`Interrupted: ${report.interrupted}\n`);
    for (const note of report.notes ?? []) this.write(`Note: ${note}\n`);
    // Known only once every check has run, so not on the check's own line.
    for (const stale of report.results.filter((result) => result.overruled?.by.startsWith('--known-failures'))) this.write(`FAIL    ${stale.id}: ${stale.message}\n`);
    if (report.profile === 'certification') for (const line of certificationLines(report)) this.write(`${line}\n`);
    const expected = summary.expectedFailures > 0 ? `, ${summary.expectedFailures} expected failures` : '';
    // A run that never confirmed verify must not read like one that did.
    const verifyNotice = verifyNotRunNotice(report.results);
    this.write(
      `Result: ${verdict} (exit ${code}) — ${summary.passed} passed, ${summary.failed} failed, ${summary.error} errors${expected}, ` +
        `${summary.skipped} skipped, ${summary.notRun} not run in ${report.durationMs} ms${verifyNotice ? `; ${verifyNotice}` : ''}\n`,
    );
    for (const file of written) this.write(`Report: ${file}\n`);
  }
}

/** Certification's verdict on its own: which required checks did not run and pass, and why. */
function certificationLines(report: RunReport): string[] {
  const missing = uncertified(report);
  if (missing.length === 0) return ['Certification: every required check ran and passed'];
  return [
    `Certification: FAILED — ${missing.length} required check(s) did not run and pass:`,
    ...missing.map((result) => `  ${STATUS_LABEL[result.status].padEnd(7)} ${result.id} — ${result.message || 'did not pass'}`),
  ];
}
