/** JUnit XML: one testsuite per group, one testcase per check, named by its stable ID. */
import junitModule, { type Builder } from 'junit-report-builder';
import type { PluginProcessRecord, RunReport } from '../model/results.js';
import { isExpectedFailure } from '../model/results.js';
import { explanation } from './format.js';
import { writeAtomic } from './write-atomic.js';

// The package is CommonJS exporting the builder itself; its typings describe an ES default export.
const junit = junitModule as unknown as Builder;

export function renderJunit(report: RunReport): string {
  return renderJunitOf([report], `plugin-conformance ${report.type}`);
}

/** Several runs in one file (a fleet, merged shards): each run's suites carry its plugin's name. */
export function renderJunitOf(reports: readonly RunReport[], title: string): string {
  const builder = junit.newBuilder();
  builder.name(title);
  for (const report of reports) addRunSuites(builder, report);
  return builder.build();
}

function addRunSuites(builder: Builder, report: RunReport): void {
  const prefix = report.plugin?.name ? `${report.plugin.name}/` : '';
  const runProperties = Object.assign({}, ...report.results.map((result) => result.properties ?? {})) as Record<string, string>;
  for (const [group, results] of groupBy(report.results, (result) => result.group)) {
    const suite = builder
      .testSuite()
      .name(`${prefix}${report.type}/${group}`)
      .timestamp(report.startedAt)
      .property('target', report.target)
      .property('type', report.type)
      .property('harness.version', report.harness.version)
      .property('profile', report.profile ?? 'ci');
    for (const [key, value] of Object.entries(report.plugin ?? {})) if (value !== undefined) suite.property(`plugin.${key}`, value);
    if (report.targetLost) suite.property('target.lost', report.targetLost);
    for (const [name, value] of Object.entries(runProperties)) suite.property(name, value);
    for (const result of results) {
      const testCase = suite
        .testCase()
        .className(`${prefix.replace(/\//g, '.')}${report.type}.${group}`)
        .name(result.id)
        .time(result.durationMs / 1000);
      const text = explanation(result);
      // As pytest reports an xfail: skipped, so CI shows it apart from failures, with why.
      if (isExpectedFailure(result)) {
        testCase.skipped().property('known-failure', result.knownFailure?.pattern ?? '').standardOutput(text);
        continue;
      }
      switch (result.status) {
        case 'failed':
          testCase.failure(result.message, 'conformance').standardOutput(text);
          break;
        case 'error':
          testCase.error(result.message, 'error', text);
          break;
        case 'skipped':
        case 'not-run':
          testCase.skipped().standardOutput(`${result.status === 'not-run' ? 'not run' : 'skipped'}: ${result.message}`);
          break;
        case 'passed':
          if (text) testCase.standardOutput(text);
          break;
      }
    }
  }
  if (report.pluginProcess) addProcessSuite(builder, report, report.pluginProcess, prefix);
}

/**
 * The --exec plugin's own testsuite: one case that errors when it never served, with what it
 * printed in system-out and system-err, where every CI's JUnit view shows it.
 */
function addProcessSuite(builder: Builder, report: RunReport, record: PluginProcessRecord, prefix: string): void {
  const suite = builder
    .testSuite()
    .name(`${prefix}${report.type}/plugin-process`)
    .timestamp(report.startedAt)
    .property('plugin.command', record.command)
    .property('plugin.exit', record.exit.code !== null ? `code ${record.exit.code}` : (record.exit.signal ?? 'running'));
  if (record.exit.stoppedBy) suite.property('plugin.stopped-by', record.exit.stoppedBy);
  const testCase = suite
    .testCase()
    .className(`${prefix.replace(/\//g, '.')}${report.type}.plugin-process`)
    .name('plugin process (--exec)')
    .time(record.startupMs / 1000);
  if (!record.served) testCase.error(`the plugin ${record.failure ?? 'did not serve'}`, 'startup');
  if (record.stdout) testCase.standardOutput(record.stdout);
  if (record.stderr) testCase.standardError(record.stderr);
}

export function writeJunit(file: string, report: RunReport): void {
  writeAtomic(file, renderJunit(report));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = groups.get(name) ?? [];
    list.push(item);
    groups.set(name, list);
  }
  return groups;
}
