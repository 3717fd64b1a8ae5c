/** Live console output: one line per check as it finishes, details indented under failures. */
import type { CheckResult, RunReport } from '../run/results.js';
import { exitCodeOf, summarize, verdictOf } from '../run/results.js';
import { STATUS_LABEL, detailLines } from './format.js';

export class ConsoleReporter {
  constructor(private readonly write: (text: string) => void = (text) => process.stdout.write(text)) {}

  start(header: string): void {
    this.write(`${header}\n`);
  }

  /** A line about the run itself, e.g. the --exec plugin starting. */
  note(text: string): void {
    this.write(`${text}\n`);
  }

  check(result: CheckResult): void {
    const label = STATUS_LABEL[result.status].padEnd(7);
    const time = result.status === 'passed' || result.status === 'failed' || result.status === 'error' ? `  (${result.durationMs} ms)` : '';
    const reason = result.status === 'skipped' || result.status === 'not-run' ? ` — ${result.message}` : '';
    this.write(`  ${label} ${result.id}${time}${reason}\n`);
    if (result.status === 'failed' || result.status === 'error') {
      this.write(`           ${result.message}\n`);
      for (const detail of result.details) for (const line of detailLines(detail)) this.write(`           ${line}\n`);
    }
    for (const warning of result.warnings) this.write(`           warning: ${warning}\n`);
  }

  finish(report: RunReport, written: readonly string[]): void {
    const summary = summarize(report.results);
    const code = exitCodeOf(report);
    const verdict = verdictOf(code);
    if (report.targetLost) this.write(`Target: ${report.targetLost}\n`);
    if (report.interrupted) this.write(`Interrupted: ${report.interrupted}\n`);
    this.write(
      `Result: ${verdict} (exit ${code}) — ${summary.passed} passed, ${summary.failed} failed, ${summary.error} errors, ` +
        `${summary.skipped} skipped, ${summary.notRun} not run in ${report.durationMs} ms\n`,
    );
    for (const file of written) this.write(`Report: ${file}\n`);
  }
}
