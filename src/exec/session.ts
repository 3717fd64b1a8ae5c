/**
 * The --exec part of a run: start the plugin before the suite, say on the console how that
 * went, and after the run stop it and put its record in the report. A plugin that never serves
 * is stopped at once, so the run finds the target unreachable (exit 3) without waiting, and the
 * report says why and keeps what the plugin printed.
 */
import type { RunConfig } from '../config.js';
import { requireTarget } from '../config.js';
import { UsageError } from '../usage.js';
import type { Redactor } from '../run/redact.js';
import type { RunReport } from '../model/results.js';
import { PluginProcess, PortInUseError, type ExecConfig, type Startup } from './plugin-process.js';

/** Enough for a Python traceback's last frames and its exception line. */
const STDERR_TAIL_LINES = 12;

export class ExecutedPlugin {
  private process: PluginProcess | undefined;
  private startup: Startup | undefined;

  constructor(
    private readonly config: RunConfig & { exec: ExecConfig },
    private readonly redactor: Redactor,
    private readonly log: (line: string) => void,
  ) {}

  async start(): Promise<void> {
    const { exec, targetText } = this.config;
    const target = requireTarget(this.config);
    try {
      this.process = await PluginProcess.start(exec, target);
    } catch (error) {
      if (error instanceof PortInUseError) throw new UsageError(`${error.message} (${targetText}); stop that process or choose another port`);
      throw error;
    }
    this.log(`Plugin: started \`${this.redactor.text(exec.command)}\` (process group ${this.process.pid ?? '?'}); waiting up to ${exec.startupTimeoutMs} ms for gRPC on ${targetText}`);
    this.startup = await this.process.waitUntilServing(target);
    if (this.startup.served) {
      this.log(`Plugin: serving after ${this.startup.startupMs} ms`);
      return;
    }
    this.log(`Plugin: ${this.redactor.text(this.startup.reason)}`);
    await this.process.stop();
    // On the console too, where a CI log shows it, not only in the report files.
    const tail = this.process.stderrTail(STDERR_TAIL_LINES);
    if (tail.length > 0) this.log([`Plugin: last ${tail.length} line(s) of its stderr:`, ...tail.map((line) => `  | ${this.redactor.text(line)}`)].join('\n'));
  }

  /** A target lost because the plugin never served is reported as that, not only as a refused port. */
  explainUnreachable(report: RunReport): void {
    if (this.startup && !this.startup.served && report.targetLost) {
      report.targetLost = this.redactor.text(`the plugin started by --exec ${this.startup.reason}; ${report.targetLost}`);
    }
  }

  /** Stops the plugin (bounded) and records how it went, redacted, in the report. */
  async finish(report: RunReport): Promise<void> {
    if (!this.process) return;
    await this.process.stop();
    report.pluginProcess = this.process.record((text) => this.redactor.text(text));
  }
}
