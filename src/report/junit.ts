/** JUnit XML: one testsuite per group, one testcase per check, named by its stable ID. */
import junitModule, { type Builder } from 'junit-report-builder';
import type { RunReport } from '../run/results.js';
import { isExpectedFailure } from '../run/results.js';
import { explanation } from './format.js';
import { writeAtomic } from './write-atomic.js';

// The package is CommonJS exporting the builder itself; its typings describe an ES default export.
const junit = junitModule as unknown as Builder;

export function renderJunit(report: RunReport): string {
  const builder = junit.newBuilder();
  builder.name(`plugin-conformance ${report.type}`);
  const runProperties = Object.assign({}, ...report.results.map((result) => result.properties ?? {})) as Record<string, string>;
  for (const [group, results] of groupBy(report.results, (result) => result.group)) {
    const suite = builder
      .testSuite()
      .name(`${report.type}/${group}`)
      .timestamp(report.startedAt)
      .property('target', report.target)
      .property('type', report.type)
      .property('harness.version', report.harness.version)
      .property('profile', report.profile ?? 'ci');
    if (report.targetLost) suite.property('target.lost', report.targetLost);
    for (const [name, value] of Object.entries(runProperties)) suite.property(name, value);
    for (const result of results) {
      const testCase = suite
        .testCase()
        .className(`${report.type}.${group}`)
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
  return builder.build();
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
