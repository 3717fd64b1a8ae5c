/**
 * --exec: the plugin as a child of the harness. It runs in its own process group, so stopping it
 * reaches whatever it started (a shell, `docker run`, a server's workers); it is waited for until
 * it serves gRPC on the target, never longer than the startup timeout; what it prints is kept,
 * bounded, for the reports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PluginClient, probeTcp, type Target } from '../grpc/client.js';
import type { PluginProcessRecord } from '../model/results.js';
import { BoundedOutput } from './bounded-output.js';

/** Between SIGTERM and SIGKILL: python-core plugins and `docker run` stop well within it. */
export const STOP_GRACE_MS = 5_000;
/** After SIGKILL the kernel ends the group at once; this only bounds the wait for it. */
const KILL_WAIT_MS = 2_000;
const POLL_MS = 50;
/** One connection attempt while waiting: short, so a plugin that comes up is seen soon. */
const ATTEMPT_MS = 1_000;

export interface ExecConfig {
  command: string;
  startupTimeoutMs: number;
}

export type Startup = { served: true; startupMs: number } | { served: false; startupMs: number; reason: string };

export class PortInUseError extends Error {}

export class PluginProcess {
  private readonly stdout = new BoundedOutput();
  private readonly stderr = new BoundedOutput();
  private exit: { code: number | null; signal: string | null } | undefined;
  private stoppedBy: 'SIGTERM' | 'SIGKILL' | undefined;
  private startup: Startup | undefined;
  private readonly exited: Promise<void>;
  private readonly killOnExit = (): void => this.signalGroup('SIGKILL');

  private constructor(private readonly config: ExecConfig, private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.stdout.append(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.append(chunk));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
    });
    // The harness may end abruptly (an uncaught error, process.exit): the plugin must not outlive it.
    process.once('exit', this.killOnExit);
  }

  /**
   * Starts the command with /bin/sh in a new process group. Refuses when something already
   * answers on the target: the run would otherwise judge that process instead of the plugin.
   */
  static async start(config: ExecConfig, target: Target): Promise<PluginProcess> {
    if ((await probeTcp(target, ATTEMPT_MS)).ok) throw new PortInUseError(`--exec: something already accepts connections on the --target port before the plugin started`);
    const child = spawn('/bin/sh', ['-c', config.command], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    return new PluginProcess(config, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Polls until a gRPC channel is ready on the target, the process exits, or the timeout passes. */
  async waitUntilServing(target: Target): Promise<Startup> {
    const started = Date.now();
    const deadline = started + this.config.startupTimeoutMs;
    const client = new PluginClient(target);
    let lastReason = 'nothing listened';
    try {
      while (Date.now() < deadline) {
        if (this.exit) return (this.startup = { served: false, startupMs: Date.now() - started, reason: `exited before serving (${this.describeExit()})` });
        const attempt = await Promise.race([client.connect(Math.max(1, Math.min(ATTEMPT_MS, deadline - Date.now()))), this.exited.then(() => undefined)]);
        if (attempt?.ok) return (this.startup = { served: true, startupMs: Date.now() - started });
        if (attempt) lastReason = attempt.reason;
        await sleep(Math.min(POLL_MS * 2, Math.max(0, deadline - Date.now())));
      }
      const reason = this.exit ? `exited before serving (${this.describeExit()})` : `did not serve within ${this.config.startupTimeoutMs} ms (last attempt: ${lastReason})`;
      return (this.startup = { served: false, startupMs: Date.now() - started, reason });
    } finally {
      client.close();
    }
  }

  /** SIGTERM to the whole group, SIGKILL after the grace period; resolves when the group is gone. */
  async stop(): Promise<void> {
    if (this.groupAlive()) {
      this.stoppedBy = 'SIGTERM';
      this.signalGroup('SIGTERM');
      if (!(await this.waitForGroupEnd(STOP_GRACE_MS))) {
        this.stoppedBy = 'SIGKILL';
        this.signalGroup('SIGKILL');
        await this.waitForGroupEnd(KILL_WAIT_MS);
      }
    }
    // Only now: should the harness exit while stopping (a second Ctrl-C), the group still gets SIGKILL.
    process.removeListener('exit', this.killOnExit);
  }

  /** The last lines the plugin wrote to stderr: where a crash says why (a Python traceback ends there). */
  stderrTail(lines: number): string[] {
    return this.stderr.text().trimEnd().split('\n').filter((line) => line.trim() !== '').slice(-lines);
  }

  /** The record for the reports; `redact` masks secrets in the command and the output. */
  record(redact: (text: string) => string): PluginProcessRecord {
    const record: PluginProcessRecord = {
      command: redact(this.config.command),
      served: this.startup?.served ?? false,
      startupMs: this.startup?.startupMs ?? 0,
      exit: { code: this.exit?.code ?? null, signal: this.exit?.signal ?? null },
      stdout: redact(this.stdout.text()),
      stderr: redact(this.stderr.text()),
    };
    if (this.startup && !this.startup.served) record.failure = redact(this.startup.reason);
    if (this.stoppedBy) record.exit.stoppedBy = this.stoppedBy;
    return record;
  }

  private describeExit(): string {
    if (!this.exit) return 'running';
    return this.exit.code !== null ? `exit code ${this.exit.code}` : `signal ${this.exit.signal ?? 'unknown'}`;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  }

  /** The group lives while any member does, even after the shell that led it has exited. */
  private groupAlive(): boolean {
    if (this.child.pid === undefined) return false;
    try {
      process.kill(-this.child.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  private async waitForGroupEnd(boundMs: number): Promise<boolean> {
    const deadline = Date.now() + boundMs;
    while (Date.now() < deadline) {
      if (!this.groupAlive()) {
        // Let the 'exit' event of our own child land, so the record says how it ended.
        await Promise.race([this.exited, sleep(POLL_MS)]);
        return true;
      }
      await sleep(POLL_MS);
    }
    return !this.groupAlive();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
