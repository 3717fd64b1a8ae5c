/**
 * Runs a fleet: each plugin in its own child process running the single-plugin CLI, at most
 * `parallel` at a time. A child process, not a second Run in this process, because mocha's
 * runner hooks process-wide uncaughtException/unhandledRejection handlers (two runs at once would
 * blame each other's errors), because a plugin's run can then be bounded and killed on its own,
 * and because each plugin's reports and exit code are exactly those of a single run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BoundedOutput } from '../exec/bounded-output.js';
import { cliPath } from '../paths.js';
import { isJsonReport } from '../report/json.js';
import { writeAtomic, ensureDirectory } from '../report/write-atomic.js';
import { verdictOf } from '../model/results.js';
import type { FleetTarget } from './config.js';
import { buildSummary, type FleetEntry, type FleetSummary } from './summary.js';
import type { Shard } from './shard.js';

/** A plugin's run is bounded by its own checks; this is the backstop past its startup timeout. */
export const TARGET_BOUND_MS = 10 * 60_000;
/** Between SIGTERM (the run writes its reports and stops its plugin) and SIGKILL. */
const KILL_GRACE_MS = 15_000;

export interface FleetRunOptions {
  targets: readonly FleetTarget[];
  parallel: number;
  outDir: string;
  shard?: Shard;
  /** One line per event, for the console. */
  log(line: string): void;
  /** Called when a plugin's run has ended, whatever its verdict. */
  onDone?(): void;
  /** Test hook: a shorter backstop. */
  targetBoundMs?: number;
}

export class FleetRun {
  private readonly started = Date.now();
  private readonly running = new Set<ChildProcess>();
  private readonly entries = new Map<string, FleetEntry>();
  private interruptedBy: NodeJS.Signals | undefined;
  private readonly terminateChildren = (): void => {
    for (const child of this.running) child.kill('SIGTERM');
  };

  constructor(private readonly options: FleetRunOptions) {}

  async execute(): Promise<FleetSummary> {
    ensureDirectory(this.options.outDir);
    // If this process ends abruptly, the runs still stop their plugins and write what they have.
    process.once('exit', this.terminateChildren);
    try {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < this.options.targets.length && !this.interruptedBy) {
          const target = this.options.targets[next++] as FleetTarget;
          this.entries.set(target.name, await this.runTarget(target));
          this.options.onDone?.();
        }
      };
      const workers = Math.max(1, Math.min(this.options.parallel, this.options.targets.length));
      await Promise.all(Array.from({ length: workers }, worker));
    } finally {
      process.removeListener('exit', this.terminateChildren);
    }
    return this.summary();
  }

  /** Starts no further plugin and asks the running ones to stop; their reports are still written. */
  interrupt(signal: NodeJS.Signals): void {
    this.interruptedBy = signal;
    this.terminateChildren();
  }

  summary(): FleetSummary {
    const targets = this.options.targets.map((target) => this.entries.get(target.name) ?? notStarted(target));
    const interrupted = this.interruptedBy ? 128 + (os.constants.signals[this.interruptedBy] ?? 2) : undefined;
    return buildSummary(targets, { startedAt: new Date(this.started).toISOString(), durationMs: Date.now() - this.started }, this.options.shard ? [this.options.shard] : undefined, interrupted);
  }

  private async runTarget(target: FleetTarget): Promise<FleetEntry> {
    const files = {
      junit: `${target.name}.xml`,
      json: `${target.name}.json`,
      html: `${target.name}.html`,
      log: `${target.name}.log`,
    };
    const full = (file: string): string => path.join(this.options.outDir, file);
    // A report left by an earlier run must not pass for this run's.
    for (const file of Object.values(files)) fs.rmSync(full(file), { force: true });
    const args = [cliPath, ...target.args, '--name', target.name, '--junit', full(files.junit), '--json', full(files.json), '--html', full(files.html)];
    const started = Date.now();
    this.options.log(`  start   ${target.name} (${target.type} at ${target.target})`);
    const outcome = await this.spawnRun(args, target.startupTimeoutMs + (this.options.targetBoundMs ?? TARGET_BOUND_MS));
    writeAtomic(full(files.log), outcome.output);
    const entry = this.entryFor(target, outcome, Date.now() - started, files, full);
    this.options.log(`  ${entry.verdict.padEnd(7)} ${target.name}${entry.counts ? `: ${entry.counts.passed} passed, ${entry.counts.failed} failed, ${entry.counts.error} errors` : ''} (exit ${entry.exitCode}, ${entry.durationMs} ms)${entry.message ? ` — ${entry.message}` : ''}`);
    return entry;
  }

  private spawnRun(args: string[], boundMs: number): Promise<{ exitCode: number; output: string; lastError: string; killedAfterMs?: number }> {
    return new Promise((resolve) => {
      // Its own process group: a Ctrl-C reaches only this process, which forwards one SIGTERM.
      const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      this.running.add(child);
      const output = new BoundedOutput();
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => output.append(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        output.append(chunk);
        stderr = (stderr + chunk.toString()).slice(-4096);
      });
      let killedAfterMs: number | undefined;
      const kill = setTimeout(() => {
        killedAfterMs = boundMs;
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
      }, boundMs);
      child.once('close', (code, signal) => {
        clearTimeout(kill);
        this.running.delete(child);
        const exitCode = code ?? 128 + (signal ? (os.constants.signals[signal] ?? 9) : 9);
        const lastError = stderr.trim().split('\n').at(-1) ?? '';
        resolve({ exitCode, output: output.text(), lastError, ...(killedAfterMs !== undefined ? { killedAfterMs } : {}) });
      });
    });
  }

  private entryFor(
    target: FleetTarget,
    outcome: { exitCode: number; lastError: string; killedAfterMs?: number },
    durationMs: number,
    files: FleetEntry['reports'],
    full: (file: string) => string,
  ): FleetEntry {
    const reports: FleetEntry['reports'] = {};
    for (const [kind, file] of Object.entries(files) as Array<[keyof FleetEntry['reports'], string]>) if (fs.existsSync(full(file))) reports[kind] = file;
    const entry: FleetEntry = { name: target.name, type: target.type, target: target.target, position: target.position, exitCode: outcome.exitCode, verdict: verdictOf(outcome.exitCode), durationMs, reports };
    const json = reports.json ? readJson(full(reports.json)) : undefined;
    if (isJsonReport(json)) {
      entry.counts = json.summary.counts;
      // A type left out of the fleet file is the one the run detected.
      entry.type = json.summary.plugin.type;
    }
    if (outcome.killedAfterMs !== undefined) entry.message = `stopped by the fleet after ${outcome.killedAfterMs} ms`;
    else if (!reports.json) entry.message = outcome.lastError.replace(/^plugin-conformance: /, '') || 'the run wrote no report';
    return entry;
  }
}

function notStarted(target: FleetTarget): FleetEntry {
  return { name: target.name, type: target.type, target: target.target, position: target.position, exitCode: null, verdict: 'NOT RUN', durationMs: 0, message: 'not started: the fleet run was interrupted', reports: {} };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
