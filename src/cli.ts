#!/usr/bin/env node
/**
 * plugin-conformance: argv -> RunConfig -> run -> reports -> exit code.
 * Every input error is one line on stderr and exit 2, before anything is dialled or written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { SERVICE_TYPES, allOptInInputs } from './catalog/index.js';
import { buildRunConfig, UsageError, type RawRunOptions, type RunConfig } from './config.js';
import { EXIT, exitCodeOf, type RunReport } from './run/results.js';
import { harnessVersion } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0    every check that ran passed
  1    a conformance check failed or errored (a timeout is an error)
  2    usage or input error (bad flag, bad JSON, unreadable file, unknown type); nothing was run
  3    the target could not be reached, or went away during the run
  4    internal harness error (a bug in plugin-conformance)
  130  interrupted by SIGINT (143 for SIGTERM); the report of what ran is still written`;

function buildProgram(): Command {
  const program = new Command('plugin-conformance')
    .description('Checks a running Cloudforet plugin against what the core expects of its service type, and writes JUnit XML.')
    .version(harnessVersion(), '-V, --version')
    .option('--target <host:port>', 'address of the running plugin (plain gRPC, as the core dials it)')
    .option('--type <service-type>', `the plugin's resource_type, as in its manifest (see list-types)`)
    .option('--options <json|@file>', 'options sent to init and verify (default {})')
    .option('--secret-data <json|@file>', 'secret_data sent to verify; masked in all output (default {})')
    .option('--junit <path>', 'JUnit XML report path (default reports/<type>.xml)')
    .option('--timeout <ms>', 'deadline of each RPC in milliseconds (default 10000)')
    .option('--grep <pattern>', 'run only checks whose ID matches this regular expression');
  for (const input of allOptInInputs()) {
    program.addOption(new Option(`--${input.name} <json|@file>`, `opt-in: ${input.rpc.rpc} ${input.reaches}; ${input.help}`));
  }
  program
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: RawRunOptions) => {
      process.exitCode = await runCommand(options);
    });
  program
    .command('list-types')
    .description('list the plugin service types this harness checks')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) => listTypes(Boolean(options.json)));
  return program;
}

function listTypes(json: boolean): void {
  if (json) {
    const types = SERVICE_TYPES.map((entry) => ({ name: entry.name, aliases: entry.aliases, description: entry.description, services: Object.values(entry.services).map((service) => service.fullName) }));
    process.stdout.write(`${JSON.stringify(types, null, 2)}\n`);
    return;
  }
  const width = Math.max(...SERVICE_TYPES.map((entry) => entry.name.length));
  for (const entry of SERVICE_TYPES) {
    const aliases = entry.aliases.length > 0 ? ` (also: ${entry.aliases.join(', ')})` : '';
    process.stdout.write(`${entry.name.padEnd(width)}  ${entry.description}${aliases}\n`);
  }
}

async function runCommand(raw: RawRunOptions): Promise<number> {
  const config = buildRunConfig(raw);
  assertWritable(config.junitPath);
  // Loaded here so that --version, --help and list-types do not pay for gRPC, mocha and ajv.
  const [{ Run }, { ConsoleReporter }, { writeJunit }] = await Promise.all([
    import('./run/runner.js'),
    import('./report/console.js'),
    import('./report/junit.js'),
  ]);
  const console = new ConsoleReporter();
  console.start(header(config));
  const run = new Run(config, { onResult: (result) => console.check(result) });
  const finish = (report: RunReport, code: number): number => {
    writeJunit(config.junitPath, report);
    console.finish(report, [displayPath(config.junitPath)]);
    return code;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    const report = run.interrupt(signal);
    process.exit(finish(report, 128 + (os.constants.signals[signal] ?? 2)));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await run.execute();
    return finish(report, exitCodeOf(report));
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function header(config: RunConfig): string {
  return `plugin-conformance ${harnessVersion()}: ${config.entry.name} at ${config.targetText} (deadline ${config.timeoutMs} ms per call)`;
}

/** Fails before the run, not after it, when the report could not be written. */
function assertWritable(file: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`--junit ${file} is a directory`);
  let directory = path.dirname(file);
  while (!fs.existsSync(directory)) directory = path.dirname(directory);
  try {
    fs.accessSync(directory, fs.constants.W_OK);
  } catch {
    throw new UsageError(`--junit ${file}: directory ${directory} is not writable`);
  }
  if (!fs.statSync(directory).isDirectory()) throw new UsageError(`--junit ${file}: ${directory} is not a directory`);
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text.startsWith('error:') ? `plugin-conformance: ${text}` : text) });
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`plugin-conformance: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`plugin-conformance: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}

// Exit explicitly: a plugin that never answers must not keep the harness alive past its report.
process.exit(await main(process.argv));
