/** JUnit XML: one testsuite per group, one testcase per check, named by its stable ID. */
import junitModule, { type Builder } from 'junit-report-builder';
import type { PluginProcessRecord, RunReport, CheckResult } from '../model/results.js';
import { isExpectedFailure, isVerifyGroup, skippedRequirements, verifyNotRunNotice } from '../model/results.js';
import { explanation, groupBy } from './format.js';

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
  const plugin = report.pluginProcess;
  if (plugin) Object.assign(runProperties, processProperties(plugin));
  const carrier = plugin ? outputCarrier(report.results) : undefined;
  Object.assign(runProperties, confirmationProperties(report));
  for (const [group, results] of groupBy(report.results)) {
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
      const own = explanation(result);
      // The --exec plugin's output rides on one case, so the counts stay the run's checks.
      const text = plugin && result === carrier && plugin.stdout ? [own, `plugin stdout (--exec):\n${plugin.stdout}`].filter(Boolean).join('\n\n') : own;
      if (plugin && result === carrier && plugin.stderr) testCase.standardError(`plugin stderr (--exec):\n${plugin.stderr}`);
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
          testCase.error(result.message, 'error', own);
          if (text !== own) testCase.standardOutput(text);
          break;
        case 'skipped':
        case 'not-run':
          testCase.skipped().standardOutput([`${result.status === 'not-run' ? 'not run' : 'skipped'}: ${result.message}`, text === own ? '' : text].filter(Boolean).join('\n\n'));
          break;
        case 'passed':
          if (text) testCase.standardOutput(text);
          break;
      }
    }
  }
}

/** How the --exec plugin went, as properties of every suite of the run. */
function processProperties(record: PluginProcessRecord): Record<string, string> {
  const properties: Record<string, string> = {
    'plugin.command': record.command,
    'plugin.served': String(record.served),
    'plugin.exit': record.exit.code !== null ? `code ${record.exit.code}` : (record.exit.signal ?? 'running'),
  };
  if (record.exit.stoppedBy) properties['plugin.stopped-by'] = record.exit.stoppedBy;
  if (record.failure) properties['plugin.failure'] = record.failure;
  return properties;
}

/** The case that shows the plugin's output: the first error (a plugin that never served), else the first case. */
function outputCarrier(results: readonly CheckResult[]): CheckResult | undefined {
  return results.find((result) => result.status === 'error' && !isExpectedFailure(result)) ?? results[0];
}

/** What the run did not confirm, and how to run it: `verify.run`, `verify.not-run` and `skipped.required`. */
function confirmationProperties(report: RunReport): Record<string, string> {
  const properties: Record<string, string> = {};
  if (report.strict) properties['strict'] = 'true';
  if (report.typeDetection) properties['type.detection'] = report.typeDetection;
  const skipped = skippedRequirements(report.results);
  const verifyNotice = verifyNotRunNotice(report.results);
  if (report.results.some((result) => isVerifyGroup(result.group))) properties['verify.run'] = verifyNotice ? 'false' : 'true';
  if (verifyNotice) properties['verify.not-run'] = verifyNotice;
  if (skipped.length > 0) properties['skipped.required'] = skipped.map((requirement) => `${requirement.id}: ${requirement.howToRun}`).join('; ');
  return properties;
}

