/** The default command: check one running plugin and write its reports. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { allOptInInputs } from '../catalog/index.js';
import { buildRunConfig, DEFAULT_DOMAIN_ID, DEFAULT_STARTUP_TIMEOUT_MS, UsageError, type RawRunOptions, type RunConfig } from '../config.js';
import { exitCodeOf, type RunReport } from '../run/results.js';
import { harnessVersion } from '../version.js';
import { displayPath } from '../paths.js';

export function registerRun(program: Command): void {
  program
    .option('--target <host:port>', 'address of the running plugin (plain gRPC, as the core dials it)')
    .option('--type <service-type>', `the plugin's resource_type, as in its manifest (see list-types)`)
    .option('--options <json|@file>', 'options sent to every call (default {})')
    .option('--secret-data <json|@file>', 'secret_data sent where the core sends it; masked in all output (default {})')
    .option('--domain-id <id>', `domain_id sent where the core sends it (default ${DEFAULT_DOMAIN_ID})`)
    .option('--junit <path>', 'JUnit XML report path (default reports/<type>.xml)')
    .option('--json <path>', 'also write the JSON report (format plugin-conformance/report@1, schemas/report.json)')
    .option('--html <path>', 'also write a self-contained HTML report')
    .option('--exec <command>', 'start the plugin with this shell command, wait until it serves on --target, stop it after the run')
    .option('--startup-timeout <ms>', `how long --exec waits for the plugin to serve (default ${DEFAULT_STARTUP_TIMEOUT_MS})`)
    .option('--name <label>', 'name of the plugin in reports (default: its type)')
    .option('--timeout <ms>', 'deadline of each RPC in milliseconds (default 10000)')
    .option('--grep <pattern>', 'run only checks whose ID matches this regular expression (and what they need)');
  for (const input of allOptInInputs()) {
    program.addOption(new Option(`--${input.name} <json|@file>`, `opt-in: ${input.rpc.rpc} ${input.reaches}; ${input.help}`));
  }
  program.action(async (options: RawRunOptions) => {
    process.exitCode = await runCommand(options);
  });
}

async function runCommand(raw: RawRunOptions): Promise<number> {
  const config = buildRunConfig(raw);
  // Loaded here so that --version, --help and list-types do not pay for gRPC, mocha and ajv.
  const [{ Run }, { ConsoleReporter }, { reportFiles, writeReports }, { ExecutedPlugin }, { fetchServerVersion }] = await Promise.all([
    import('../run/runner.js'),
    import('../report/console.js'),
    import('../report/outputs.js'),
    import('../exec/session.js'),
    import('../run/identity.js'),
  ]);
  for (const { flag, file } of reportFiles(config)) assertWritable(flag, file);
  const console = new ConsoleReporter();
  console.start(header(config));
  const run = new Run(config, { onResult: (result) => console.check(result) });
  const plugin = config.exec ? new ExecutedPlugin({ ...config, exec: config.exec }, run.redact, (line) => console.note(line)) : undefined;
  const finish = async (report: RunReport, code: number): Promise<number> => {
    if (!report.targetLost && !report.interrupted) {
      const version = await fetchServerVersion(config.target, config.timeoutMs);
      if (version) report.plugin = { ...report.plugin, version: run.redact.text(version) };
    }
    if (config.name) report.plugin = { name: config.name, ...report.plugin };
    await plugin?.finish(report);
    console.finish(report, writeReports(config, report, code).map(displayPath));
    return code;
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = 128 + (os.constants.signals[signal] ?? 2);
    // A second signal while the first is being handled: leave now (an --exec plugin gets SIGKILL on exit).
    if (interrupted) process.exit(code);
    interrupted = true;
    void finish(run.interrupt(signal), code).then(() => process.exit(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await plugin?.start();
    const report = await run.execute();
    plugin?.explainUnreachable(report);
    return await finish(report, exitCodeOf(report));
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function header(config: RunConfig): string {
  return `plugin-conformance ${harnessVersion()}: ${config.entry.name} at ${config.targetText} (deadline ${config.timeoutMs} ms per call)`;
}

/** Fails before the run, not after it, when a report could not be written. */
function assertWritable(flag: string, file: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`${flag} ${file} is a directory`);
  let directory = path.dirname(file);
  while (!fs.existsSync(directory)) directory = path.dirname(directory);
  if (!fs.statSync(directory).isDirectory()) throw new UsageError(`${flag} ${file}: ${directory} is not a directory`);
  try {
    fs.accessSync(directory, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${file}: directory ${directory} is not writable`);
  }
}
