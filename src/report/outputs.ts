/** Every report file a run writes, in one place: JUnit always, JSON, HTML and Markdown when asked for. */
import type { RunConfig } from '../config.js';
import type { RunReport } from '../model/results.js';
import { renderHtml } from './html.js';
import { toJsonReport } from './json.js';
import { renderJunit } from './junit.js';
import { STDOUT_PATH, writeAtomic } from './write-atomic.js';
import { renderMarkdown } from './markdown.js';

/** The flag and the file of each report the config asks for. */
export function reportFiles(config: RunConfig): Array<{ flag: string; file: string }> {
  const files = [{ flag: '--junit', file: config.junitPath }];
  if (config.jsonPath) files.push({ flag: '--json', file: config.jsonPath });
  if (config.htmlPath) files.push({ flag: '--html', file: config.htmlPath });
  if (config.markdownPath) files.push({ flag: '--markdown', file: config.markdownPath });
  return files;
}

/** Whether a report goes to stdout, so the console must not. */
export function reportsToStdout(config: RunConfig): boolean {
  return reportFiles(config).some(({ file }) => file === STDOUT_PATH);
}

export interface WrittenReports {
  /** Files written whole (`-` for stdout). */
  written: string[];
  /** One line per report that could not be written: its path changed since it was checked. */
  failed: string[];
}

/**
 * Writes each report whole (the report is already redacted). One that fails does not stop the
 * others; each write fails or completes at once (see writeAtomic), so this never hangs.
 */
export function writeReports(config: RunConfig, report: RunReport, exitCode: number): WrittenReports {
  const render: Record<string, () => string> = {
    '--junit': () => renderJunit(report),
    '--json': () => `${JSON.stringify(toJsonReport(report, exitCode), null, 2)}\n`,
    '--html': () => renderHtml(report, exitCode),
    '--markdown': () => renderMarkdown(report, exitCode),
  };
  const outcome: WrittenReports = { written: [], failed: [] };
  for (const { flag, file } of reportFiles(config)) {
    const content = render[flag]?.() ?? '';
    try {
      if (file === STDOUT_PATH) process.stdout.write(content);
      else writeAtomic(file, content);
      outcome.written.push(file);
    } catch (error) {
      outcome.failed.push(`cannot write the ${flag} report ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return outcome;
}
