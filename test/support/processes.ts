/**
 * Real processes for tests: reference plugins on loopback, the built CLI run as a user runs it.
 * Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { cliPath, packageRoot } from '../../src/paths.js';

/** The CLI as users run it: the bundle. */
export const CLI = cliPath;
const SERVE = path.join(packageRoot, 'dist', 'test', 'plugins', 'serve.js');
const PYTHON_SERVER = path.join(packageRoot, 'test', 'plugins', 'python', 'plugin_server.py');
const STARTUP_BOUND_MS = 15_000;

export interface StartedPlugin {
  port: number;
  address: string;
  process: ChildProcess;
  /** What the plugin wrote to stderr, for diagnosing a test. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Spawns a server that prints `LISTENING <port>` once bound. */
export function spawnServer(command: string, args: readonly string[]): Promise<StartedPlugin> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(args[0] ?? command)} did not listen within ${STARTUP_BOUND_MS} ms: ${stderr}`));
    }, STARTUP_BOUND_MS);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /LISTENING (\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const port = Number(match[1]);
      resolve({ port, address: `127.0.0.1:${port}`, process: child, stderr: () => stderr, stop: () => stopProcess(child) });
    });
  });
}

export function startReferencePlugin(type: string, variant: string): Promise<StartedPlugin> {
  return spawnServer(process.execPath, [SERVE, type, variant, '0', '127.0.0.1']);
}

export function startPythonPlugin(replayFile: string): Promise<StartedPlugin> {
  return spawnServer('/usr/bin/python3', [PYTHON_SERVER, '--replay', replayFile, '--protos', path.join(packageRoot, 'protos'), '--port', '0']);
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** The bound the run stated in its plan line, when it got that far. */
  statedBoundMs?: number;
}

const STATED_BOUND = /the run ends within (\d+) ms/;

/**
 * Runs the built CLI; killed (and the test fails on the code) if it outlives the bound. A run
 * that took longer than the bound it stated itself rejects: no run in the suite may outlive it.
 */
export function runCli(
  args: readonly string[],
  options: { boundMs?: number; cwd?: string; env?: Record<string, string>; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<CliResult> {
  const started = Date.now();
  // GitHub Actions annotations only where a test asks for them, also when the suite runs in a workflow.
  const env = { ...process.env, GITHUB_ACTIONS: '', ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? packageRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.boundMs ?? 60_000);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const result: CliResult = { code, signal, stdout, stderr, durationMs: Date.now() - started };
      const stated = STATED_BOUND.exec(stdout);
      if (stated) result.statedBoundMs = Number(stated[1]);
      if (result.statedBoundMs !== undefined && result.durationMs > result.statedBoundMs) {
        reject(new Error(`the run took ${result.durationMs} ms, over the bound it stated (${result.statedBoundMs} ms):\n${stdout}`));
      } else {
        resolve(result);
      }
    });
  });
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end and keeps what it printed; killed with SIGKILL if it outlives boundMs. */
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; boundMs: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.boundMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
