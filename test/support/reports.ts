/** Reading what a run wrote, for assertions. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface JunitCase {
  name: string;
  status: 'passed' | 'failure' | 'error' | 'skipped';
  text: string;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-conformance-test-'));
}

export function readJunit(file: string): { cases: JunitCase[]; properties: Record<string, string>; xml: string } {
  const xml = fs.readFileSync(file, 'utf8');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  const document = parser.parse(xml) as { testsuites: { testsuite: Array<{ testcase?: Array<Record<string, unknown>>; properties?: { property: Array<{ name: string; value: string }> } }> } };
  const cases: JunitCase[] = [];
  const properties: Record<string, string> = {};
  for (const suite of document.testsuites.testsuite) {
    for (const property of suite.properties?.property ?? []) properties[property.name] = property.value;
    for (const testCase of suite.testcase ?? []) {
      const status = 'failure' in testCase ? 'failure' : 'error' in testCase ? 'error' : 'skipped' in testCase ? 'skipped' : 'passed';
      cases.push({ name: String(testCase['name']), status, text: JSON.stringify(testCase) });
    }
  }
  return { cases, properties, xml };
}

export function caseNamed(cases: readonly JunitCase[], id: string): JunitCase {
  const found = cases.find((testCase) => testCase.name === id);
  if (!found) throw new Error(`no testcase ${id} in ${cases.map((testCase) => testCase.name).join(', ')}`);
  return found;
}

/** Groups every type runs (checks/groups/every-type.ts) besides connect: type tests judge their own suite's cases. */
const COMMON_GROUPS = /\/(contract|robustness|manifest)\//;

export function suiteCases(cases: readonly JunitCase[]): JunitCase[] {
  return cases.filter((testCase) => !COMMON_GROUPS.test(testCase.name));
}

/** Console warnings of the type's own checks; the common groups' warnings have tests of their own. */
export function suiteWarnings(stdout: string): string[] {
  const warnings: string[] = [];
  let current = '';
  for (const line of stdout.split('\n')) {
    const check = /^\s{2}(?:PASS|FAIL|ERROR|SKIP|NOT RUN|XFAIL)\s+(\S+)/.exec(line);
    if (check) current = check[1] ?? '';
    else if (/^\s+warning:/.test(line) && !COMMON_GROUPS.test(current)) warnings.push(`${current}: ${line.trim()}`);
  }
  return warnings;
}
