/**
 * The built CLI, spawned as a user runs it, against reference plugins: each a real gRPC server on
 * loopback, started in this process (no node start-up per plugin) and stopped after its run. Runs
 * go a few at a time, so a table of defects stays fast.
 */
import path from 'node:path';
import { findServiceType } from '../../src/catalog/index.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { startPluginServer } from '../plugins/server.js';
import { runCli } from './processes.js';
import { readJunit, tempDir, suiteCases } from './reports.js';

export interface ReferenceRun {
  code: number | null;
  stdout: string;
  stderr: string;
  junit: ReturnType<typeof readJunit>;
}

export async function runAgainst(type: string, variant: string, args: readonly string[] = []): Promise<ReferenceRun> {
  const entry = findServiceType(type);
  const behaviour = REFERENCE_PLUGINS[type]?.[variant];
  if (!entry || !behaviour) throw new Error(`no reference plugin ${type} ${variant}`);
  const plugin = await startPluginServer(entry, behaviour);
  try {
    const junitPath = path.join(tempDir(), 'report.xml');
    const result = await runCli(['--target', `127.0.0.1:${plugin.port}`, '--type', type, '--junit', junitPath, ...args]);
    return { ...result, junit: readJunit(junitPath) };
  } finally {
    await plugin.stop();
  }
}

/** Runs every `[label, variant, args]` with at most `parallel` at once; results by label. */
export async function runAllAgainst(
  type: string,
  runs: ReadonlyArray<readonly [label: string, variant: string, args: readonly string[]]>,
  parallel = 4,
): Promise<Map<string, ReferenceRun>> {
  const results = new Map<string, ReferenceRun>();
  const queue = [...runs];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [label, variant, args] = next;
      results.set(label, await runAgainst(type, variant, args));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, runs.length) }, worker));
  return results;
}

/**
 * The type's own checks that failed or errored, for asserting that exactly one rule broke (a
 * missing service also fails the contract group, which is judged elsewhere).
 */
export function brokenChecks(run: ReferenceRun): string[] {
  return suiteCases(run.junit.cases).filter((testCase) => testCase.status === 'failure' || testCase.status === 'error').map((testCase) => testCase.name);
}
