/**
 * Many CLI runs against reference plugins, fast: each plugin is a real gRPC server started in
 * this process on loopback (no spawn per variant), the CLI is the built one run as a user runs
 * it, and a few runs go at once. Results are kept per case for the tests to assert on.
 */
import path from 'node:path';
import { findServiceType } from '../../src/catalog/index.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { startPluginServer } from '../plugins/server.js';
import { runCli, type CliResult } from './processes.js';
import { readJunit, tempDir } from './reports.js';

export interface CliCase {
  variant: string;
  args?: readonly string[];
}

export type CaseResult = CliResult & { junit: ReturnType<typeof readJunit> };

export async function runCases(type: string, cases: Record<string, CliCase>, concurrency = 3): Promise<Record<string, CaseResult>> {
  const entry = findServiceType(type);
  if (!entry) throw new Error(`unknown type ${type}`);
  const results: Record<string, CaseResult> = {};
  const queue = Object.entries(cases);
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, { variant, args = [] }] = next;
      const definition = REFERENCE_PLUGINS[type]?.[variant];
      if (!definition) throw new Error(`no reference plugin ${type} ${variant}`);
      const server = await startPluginServer(entry, definition);
      try {
        const junitPath = path.join(tempDir(), 'report.xml');
        const result = await runCli(['--target', `127.0.0.1:${server.port}`, '--type', type, '--junit', junitPath, ...args]);
        results[name] = { ...result, junit: readJunit(junitPath) };
      } finally {
        await server.stop();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Names of the cases with this JUnit status. */
export function casesWith(result: CaseResult, status: 'failure' | 'error' | 'skipped' | 'passed'): string[] {
  return result.junit.cases.filter((testCase) => testCase.status === status).map((testCase) => testCase.name);
}
