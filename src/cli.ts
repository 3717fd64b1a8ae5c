#!/usr/bin/env node
/**
 * plugin-conformance: registers the commands and turns every way a command can end into an exit
 * code. Input errors are one line on stderr and exit 2, before anything is dialled or written.
 */
import { Command, CommanderError } from 'commander';
import { CommandExit, UsageError } from './usage.js';
import { EXIT } from './model/results.js';
import { exitCodesHelp } from './model/exit-codes.js';
import { harnessVersion } from './version.js';
import { registerRun } from './commands/run.js';
import { registerListTypes } from './commands/list-types.js';
import { registerDescribe } from './commands/describe.js';
import { registerList } from './commands/list.js';
import { registerFleetRun } from './commands/fleet-run.js';
import { registerMerge } from './commands/merge.js';
import { registerLoad } from './commands/load.js';

function buildProgram(): Command {
  const program = new Command('plugin-conformance')
    .description('Checks a running Cloudforet plugin against what the core expects of its service type, and writes JUnit XML.')
    .version(harnessVersion(), '-V, --version')
    .addHelpText('after', exitCodesHelp())
    // Before the commands are registered: subcommands copy these settings when they are created.
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text.startsWith('error:') ? `plugin-conformance: ${text}` : text) })
    .enablePositionalOptions();
  registerRun(program);
  registerListTypes(program);
  registerDescribe(program);
  registerList(program);
  registerFleetRun(program);
  registerMerge(program);
  registerLoad(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? EXIT.passed);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.passed : EXIT.usage;
    }
    if (error instanceof CommandExit) {
      process.stderr.write(`plugin-conformance: ${error.message}\n`);
      return error.exitCode;
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
