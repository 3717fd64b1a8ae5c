/** The default command: check one running plugin and write its reports. */
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { allChoiceInputs, allOptInInputs } from '../catalog/index.js';
import { buildRunConfig, DEFAULT_DOMAIN_ID, DEFAULT_STARTUP_TIMEOUT_MS, parseCommonInputs, type RawRunOptions, type RunConfig } from '../config.js';
import { UsageError } from '../usage.js';
import type { DetectedType } from './detect-type.js';
import { exitCodeOf, type RunReport } from '../model/results.js';
import { harnessVersion } from '../version.js';
import { displayPath } from '../paths.js';
import { assertWritable } from '../report/write-atomic.js';

export function registerRun(program: Command): void {
  program
    .option('--target <host:port>', 'address of the running plugin (plain gRPC, as the core dials it)')
    .option('--type <service-type>', `the plugin's resource_type, as in its manifest (see list-types); detected from its reflection when left out`)
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
    .option('--grep <pattern>', 'run only checks whose ID matches this regular expression (and what they need)')
    .option('--manifest <file>', 'the plugin\'s register manifest (the YAML for spacectl exec register repository.Plugin -f): checked and cross-checked with the plugin; without --target only the manifest is checked')
    .option('--profile <name>', 'ci (default): failed checks fail the run; certification: every required check must also run and pass')
    .option('--known-failures <file>', 'YAML or JSON list of check IDs or globs (or {id, reason}) allowed to fail; a listed check that passes fails the run as stale');
  for (const choice of allChoiceInputs()) {
    program.addOption(new Option(`--${choice.name} <${choice.values.join('|')}>`, choice.help));
  }
  for (const input of allOptInInputs()) {
    program.addOption(new Option(`--${input.name} <json|@file>`, `opt-in: ${input.rpc.rpc} ${input.reaches}; ${input.help}`));
  }
  program.action(async (options: RawRunOptions) => {
    process.exitCode = await runCommand(options);
  });
}

async function runCommand(raw: RawRunOptions): Promise<number> {
  const detected = raw.type === undefined && raw.manifest === undefined ? await detectForRun(raw) : undefined;
  const config = buildRunConfig(raw, detected?.entry);
  await assertCertifiable(config);
  (await import('../run/calls.js')).assertEncodableInputs(config);
  // Loaded here so that --version, --help and list-types do not pay for gRPC, mocha and ajv.
  const [{ Run }, { ConsoleReporter }, { reportFiles, writeReports }, { ExecutedPlugin }, { fetchServerVersion }] = await Promise.all([
    import('../run/runner.js'),
    import('../report/console.js'),
    import('../report/outputs.js'),
    import('../exec/session.js'),
    import('../run/plugin-identity.js'),
  ]);
  for (const { flag, file } of reportFiles(config)) assertWritable(flag, file);
  const console = new ConsoleReporter();
  console.start(header(config));
  if (detected) console.start(`  type ${config.entry.name} detected: ${detected.reason}`);
  const run = new Run(config, { onPlan: (plan) => console.plan(plan, config.timeoutMs), onResult: (result) => console.check(result) });
  const plugin = config.exec ? new ExecutedPlugin({ ...config, exec: config.exec }, run.redact, (line) => console.note(line)) : undefined;
  const finish = async (report: RunReport, code: number): Promise<number> => {
    if (!report.targetLost && !report.interrupted) {
      const version = config.target ? await fetchServerVersion(config.target, config.timeoutMs) : undefined;
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

/** Every input is checked before the plugin is dialled to read its type. */
async function detectForRun(raw: RawRunOptions): Promise<DetectedType> {
  if (raw.exec !== undefined) throw new UsageError('--exec needs --type (or --manifest): a type is detected from a plugin that already serves, and --exec starts it later');
  const inputs = parseCommonInputs(raw);
  if (raw.junit !== undefined) assertWritable('--junit', path.resolve(raw.junit));
  const { detectServiceType } = await import('./detect-type.js');
  return detectServiceType(inputs);
}

function header(config: RunConfig): string {
  const subject = config.target ? `at ${config.targetText} (deadline ${config.timeoutMs} ms per call)` : 'manifest only (no --target)';
  const manifest = config.manifest ? `, manifest ${config.manifest.file}` : '';
  const profile = config.profile === 'ci' ? '' : `, profile ${config.profile}`;
  return `plugin-conformance ${harnessVersion()}: ${config.entry.name} ${subject}${manifest}${profile}`;
}

/** Certification runs every required check: the inputs they need are asked for before anything runs. */
async function assertCertifiable(config: RunConfig): Promise<void> {
  if (config.profile !== 'certification') return;
  const [{ checksOf }, { missingCertificationInputs }] = await Promise.all([import('../checks/requirements.js'), import('../run/policy.js')]);
  const missing = missingCertificationInputs(config, await checksOf(config.entry));
  if (missing.length > 0) throw new UsageError(`--profile certification needs ${missing.join(', ')}: every required check must run`);
}
