/** The default command: check one running plugin and write its reports. */
import os from 'node:os';
import { Option, type Command } from 'commander';
import { allChoiceInputs, allOptInInputs } from '../catalog/index.js';
import { buildRunConfig, DEFAULT_DOMAIN_ID, DEFAULT_STARTUP_TIMEOUT_MS, parseCommonInputs, type RawRunOptions, type RunConfig, DEFAULT_STREAM_TIMEOUT_MS, reportPath, type ReflectedType } from '../config.js';
import { UsageError, CommandExit } from '../usage.js';
import type { DetectedType } from './detect-type.js';
import { exitCodeOf, type RunReport, EXIT } from '../model/results.js';
import { harnessVersion } from '../version.js';
import { displayPath } from '../paths.js';
import { assertDistinctPaths, assertWritable } from '../report/write-atomic.js';

/** Exit codes from 128 up are signals (130 SIGINT, 143 SIGTERM). */
const EXIT_SIGNAL_BASE = 128;
/**
 * After SIGINT or SIGTERM the process ends within this, whatever stage it is in: stopping an
 * --exec plugin takes at most 7 s (SIGTERM, then SIGKILL), writing the reports well under a second.
 */
export const SIGNAL_BOUND_MS = 10_000;

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
    .option('--markdown <path>', 'also write a compact Markdown report (for $GITHUB_STEP_SUMMARY or a merge-request note)')
    .option('--exec <command>', 'start the plugin with this shell command, wait until it serves on --target, stop it after the run')
    .option('--startup-timeout <ms>', `how long --exec waits for the plugin to serve (default ${DEFAULT_STARTUP_TIMEOUT_MS})`)
    .option('--name <label>', 'name of the plugin in reports (default: its type)')
    .option('--timeout <ms>', 'deadline of each RPC in milliseconds, and of each message of a server stream after the one before (default 10000)')
    .option('--stream-timeout <ms>', `deadline of a whole server stream (collect, get_data, Log.list) in milliseconds (default ${DEFAULT_STREAM_TIMEOUT_MS})`)
    .option('--grep <pattern>', 'run only checks whose ID matches this regular expression (and what they need)')
    .option('--manifest <file>', 'the plugin\'s register manifest (the YAML for spacectl exec register repository.Plugin -f): checked and cross-checked with the plugin; without --target only the manifest is checked')
    .option('--profile <name>', 'ci (default): failed checks fail the run; certification: every required check must also run and pass (implies --strict)')
    .option('--strict', 'a check that passes with a warning fails (what the core tolerates but leaves a user worse off)')
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
  if (detected) config.typeDetection = `${detected.assumed ? 'assumed' : 'detected'}: ${detected.reason}`;
  if (config.typeSource === 'manifest' && config.target && !config.exec) {
    const reflected = await reflectedTypeFor(raw);
    if (reflected) config.reflectedType = reflected;
  }
  await assertCertifiable(config);
  await assertSelectsChecks(config);
  (await import('../run/calls.js')).assertEncodableInputs(config);
  // Loaded here so that --version, --help and list-types do not pay for gRPC, mocha and ajv.
  const [{ Run }, { ConsoleReporter }, { reportFiles, reportsToStdout, writeReports }, { ExecutedPlugin }, { fetchServerVersion }, { annotationsWanted }] = await Promise.all([
    import('../run/runner.js'),
    import('../report/console.js'),
    import('../report/outputs.js'),
    import('../exec/session.js'),
    import('../run/plugin-identity.js'),
    import('../report/annotations.js'),
  ]);
  assertDistinctPaths(reportFiles(config));
  for (const { flag, file } of reportFiles(config)) assertWritable(flag, file);
  // A report on stdout (`-`) keeps stdout to itself: the console goes to stderr.
  const console = new ConsoleReporter(reportsToStdout(config) ? (text) => process.stderr.write(text) : undefined, annotationsWanted());
  console.start(header(config));
  if (config.typeDetection) console.start(`  type ${config.entry.name} ${config.typeDetection}`);
  const run = new Run(config, { onPlan: (plan) => console.plan(plan, config.timeoutMs, config.streamTimeoutMs), onResult: (result) => console.check(result) });
  const plugin = config.exec ? new ExecutedPlugin({ ...config, exec: config.exec }, run.redact, (line) => console.note(line)) : undefined;
  const finish = async (report: RunReport, code: number): Promise<number> => {
    if (!report.targetLost && !report.interrupted) {
      const version = config.target ? await fetchServerVersion(config.target, config.timeoutMs) : undefined;
      if (version) report.plugin = { ...report.plugin, version: run.redact.text(version) };
    }
    if (config.name) report.plugin = { name: config.name, ...report.plugin };
    await plugin?.finish(report);
    const { written, failed } = writeReports(config, report, code);
    console.finish(report, written.map(displayPath));
    for (const line of failed) process.stderr.write(`plugin-conformance: ${line}\n`);
    // A run whose report did not land must not pass: CI would read an old file, or none.
    return failed.length > 0 && code < EXIT_SIGNAL_BASE ? EXIT.internal : code;
  };
  let finishing: Promise<number> | undefined;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = EXIT_SIGNAL_BASE + (os.constants.signals[signal] ?? 2);
    // A second signal while the first is being handled: leave now (an --exec plugin gets SIGKILL on exit).
    if (interrupted) process.exit(code);
    interrupted = true;
    // Whatever is in progress (stopping the plugin, writing), the process ends within the bound.
    setTimeout(() => process.exit(code), SIGNAL_BOUND_MS);
    // Reports already being written are not written twice: that finish ends the process.
    void (finishing ?? finish(run.interrupt(signal), code)).then(() => process.exit(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await plugin?.start();
    const report = await run.execute();
    plugin?.explainUnreachable(report);
    finishing = finish(report, exitCodeOf(report));
    return await finishing;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** Every input is checked before the plugin is dialled to read its type. */
async function detectForRun(raw: RawRunOptions): Promise<DetectedType> {
  if (raw.exec !== undefined) throw new UsageError('--exec needs --type (or --manifest): a type is detected from a plugin that already serves, and --exec starts it later');
  const inputs = parseCommonInputs(raw);
  const given = (['junit', 'json', 'html'] as const).flatMap((kind) => (raw[kind] === undefined ? [] : [{ flag: `--${kind}`, file: reportPath(raw[kind]) }]));
  assertDistinctPaths(given);
  for (const { flag, file } of given) assertWritable(flag, file);
  const { detectServiceType } = await import('./detect-type.js');
  return detectServiceType(inputs);
}

/**
 * The type the plugin's reflection points to, for manifest/type-matches when the type came from the
 * manifest. Best effort: a plugin whose type cannot be read is checked as the manifest says.
 */
async function reflectedTypeFor(raw: RawRunOptions): Promise<ReflectedType | undefined> {
  try {
    const detected = await detectForRun(raw);
    return { name: detected.entry.name, reason: detected.reason, listed: detected.listed };
  } catch (error) {
    if (error instanceof UsageError || error instanceof CommandExit) return undefined;
    throw error;
  }
}

function header(config: RunConfig): string {
  const subject = config.target ? `at ${config.targetText} (deadline ${config.timeoutMs} ms per call)` : 'manifest only (no --target)';
  const manifest = config.manifest ? `, manifest ${config.manifest.file}` : '';
  const profile = config.profile === 'ci' ? '' : `, profile ${config.profile}`;
  const strict = config.strict && config.profile === 'ci' ? ', strict' : '';
  return `plugin-conformance ${harnessVersion()}: ${config.entry.name} ${subject}${manifest}${profile}${strict}`;
}

/** --grep and --known-failures must each select something, or the gate passes without checking it. */
async function assertSelectsChecks(config: RunConfig): Promise<void> {
  if (!config.grep && !config.knownFailures) return;
  const [{ checksOf, checksForRun }, { checkId }, { assertSelectionsMatch }] = await Promise.all([import('../checks/requirements.js'), import('../model/suite.js'), import('../run/policy.js')]);
  const ids = (checks: ReadonlyArray<Parameters<typeof checkId>[1]>): string[] => checks.map((check) => checkId(config.entry, check));
  assertSelectionsMatch(config, ids(await checksForRun(config)), ids(await checksOf(config.entry)));
}

/** Certification runs every required check: the inputs they need are asked for before anything runs. */
async function assertCertifiable(config: RunConfig): Promise<void> {
  if (config.profile !== 'certification') return;
  const [{ checksOf }, { missingCertificationInputs }] = await Promise.all([import('../checks/requirements.js'), import('../run/policy.js')]);
  const missing = missingCertificationInputs(config, await checksOf(config.entry));
  if (missing.length > 0) throw new UsageError(`--profile certification needs ${missing.join(', ')}: every required check must run`);
}
