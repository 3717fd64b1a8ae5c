/**
 * Many CLI runs against reference plugin variants, a few at a time: the plugins are real gRPC
 * servers on loopback started in this process (no process of their own to wait for), the CLI
 * runs as a user runs it. For suites with one defective variant per rule.
 */
import path from 'node:path';
import { expect } from 'chai';
import { findServiceType } from '../../src/catalog/index.js';
import { startPluginServer } from '../plugins/server.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { runCli, type CliResult } from './processes.js';
import { caseNamed, readJunit, tempDir } from './reports.js';

export interface VariantRun {
  variant: string;
  args?: readonly string[];
}

export interface VariantResult extends CliResult {
  junit: ReturnType<typeof readJunit>;
}

/** Runs each labelled run once; at most `concurrency` CLI processes at a time. */
export async function runVariants(type: string, runs: Readonly<Record<string, VariantRun>>, concurrency = 4): Promise<Map<string, VariantResult>> {
  const entry = findServiceType(type);
  if (!entry) throw new Error(`unknown type ${type}`);
  const results = new Map<string, VariantResult>();
  const queue = Object.entries(runs);
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [label, run] = next;
      const variant = REFERENCE_PLUGINS[type]?.[run.variant];
      if (!variant) throw new Error(`no reference plugin ${type} ${run.variant}`);
      const server = await startPluginServer(entry, variant);
      try {
        const junitPath = path.join(tempDir(), 'report.xml');
        const result = await runCli(['--target', `127.0.0.1:${server.port}`, '--type', type, '--junit', junitPath, ...(run.args ?? [])]);
        results.set(label, { ...result, junit: readJunit(junitPath) });
      } finally {
        server.server.forceShutdown();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return results;
}

/** Exit 1, the check named FAIL on the console, and in JUnit it alone failed, with the reason and what the core does. */
export function expectOnlyFailure(result: VariantResult | undefined, checkId: string, reason: RegExp): void {
  if (!result) throw new Error(`no run for ${checkId}`);
  expect(result.code, result.stdout).to.equal(1);
  expect(result.stdout).to.match(new RegExp(`FAIL\\s+${checkId.replace(/[./]/g, '\\$&')}`));
  const testCase = caseNamed(result.junit.cases, checkId);
  expect(testCase.status, testCase.text).to.equal('failure');
  expect(testCase.text).to.match(reason);
  expect(testCase.text).to.match(/core: /);
  expect(result.junit.cases.filter((other) => other.status === 'failure' || other.status === 'error').map((other) => other.name)).to.deep.equal([checkId]);
}

/** Exit 0 with the check passed and the warning on the console. */
export function expectPassWithWarning(result: VariantResult | undefined, checkId: string, warning: RegExp): void {
  if (!result) throw new Error(`no run for ${checkId}`);
  expect(result.code, result.stdout).to.equal(0);
  expect(caseNamed(result.junit.cases, checkId).status).to.equal('passed');
  expect(result.stdout).to.match(warning);
}
