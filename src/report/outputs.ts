/** Every report file a run writes, in one place: JUnit always, JSON and HTML when asked for. */
import type { RunConfig } from '../config.js';
import type { RunReport } from '../model/results.js';
import { writeHtmlReport } from './html.js';
import { writeJsonReport } from './json.js';
import { writeJunit } from './junit.js';

/** The flag and the file of each report the config asks for. */
export function reportFiles(config: RunConfig): Array<{ flag: string; file: string }> {
  const files = [{ flag: '--junit', file: config.junitPath }];
  if (config.jsonPath) files.push({ flag: '--json', file: config.jsonPath });
  if (config.htmlPath) files.push({ flag: '--html', file: config.htmlPath });
  return files;
}

/** Writes each report whole (the report is already redacted); returns the files written. */
export function writeReports(config: RunConfig, report: RunReport, exitCode: number): string[] {
  writeJunit(config.junitPath, report);
  if (config.jsonPath) writeJsonReport(config.jsonPath, report, exitCode);
  if (config.htmlPath) writeHtmlReport(config.htmlPath, report, exitCode);
  return reportFiles(config).map(({ file }) => file);
}
