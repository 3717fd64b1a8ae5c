/** `run --config FILE`: many plugins from a fleet file, a report per plugin and a summary. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { wholeNumberIn } from '../config.js';
import { UsageError } from '../usage.js';
import { harnessVersion } from '../version.js';
import { displayPath } from '../paths.js';
import { assertWritable } from '../report/write-atomic.js';

const DEFAULT_PARALLEL = 2;

interface FleetRunFlags {
  config?: string;
  parallel?: string;
  shard?: string;
  out?: string;
}

export function registerFleetRun(program: Command): void {
  program
    .command('run')
    .description('check every plugin of a fleet file (YAML or JSON): a report per plugin, a summary, the worst exit code')
    .requiredOption('--config <file>', 'fleet file: targets with type, target or exec, options, secret_data_file, ...')
    .option('--parallel <n>', `plugins checked at once (default ${DEFAULT_PARALLEL})`)
    .option('--shard <i/n>', 'run only shard i of n (targets dealt round-robin by position), e.g. one per CI matrix job')
    .option('--out <dir>', 'directory for <name>.xml/.json/.html/.log and summary.json (default reports/fleet)')
    .action(async (flags: FleetRunFlags) => {
      process.exitCode = await fleetRun(flags);
    });
}

async function fleetRun(flags: FleetRunFlags): Promise<number> {
  const [{ loadFleetFile }, { parseShard, selectShard }, { FleetRun }, { summaryTable, writeSummary }, { Progress }] = await Promise.all([
    import('../fleet/config.js'),
    import('../fleet/shard.js'),
    import('../fleet/runner.js'),
    import('../fleet/summary.js'),
    import('../report/progress.js'),
  ]);
  const file = flags.config ?? '';
  const parallel = parseParallel(flags.parallel);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const outDir = path.resolve(flags.out ?? path.join('reports', 'fleet'));
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) throw new UsageError(`--out ${outDir} is not a directory`);
  assertWritable('--out', path.join(outDir, 'summary.json'));
  const all = loadFleetFile(file, (line) => process.stderr.write(`plugin-conformance: warning: ${line}\n`));
  const targets = selectShard(all, shard);
  const write = (text: string): void => void process.stdout.write(text);
  const part = shard ? `, shard ${shard.index}/${shard.count}: ${targets.length} of ${all.length}` : '';
  write(`plugin-conformance ${harnessVersion()}: fleet ${file} (${all.length} plugin(s)${part}), ${parallel} at a time, reports in ${displayPath(outDir)}\n`);
  const progress = new Progress({ label: 'fleet', unit: 'plugins', total: targets.length, stream: process.stdout });
  const fleet = new FleetRun({ targets, parallel, outDir, ...(shard ? { shard } : {}), log: (line) => progress.log(line), onDone: () => progress.advance() });
  const onSignal = (signal: NodeJS.Signals): void => fleet.interrupt(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    progress.start();
    const summary = await fleet.execute();
    progress.finish();
    const summaryFile = path.join(outDir, 'summary.json');
    writeSummary(summaryFile, summary);
    write(`\n${summaryTable(summary)}Summary: ${displayPath(summaryFile)}\n`);
    return summary.exitCode;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function parseParallel(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PARALLEL;
  const value = wholeNumberIn(raw, 1, 64);
  if (value === undefined) throw new UsageError(`--parallel "${raw}" must be a whole number from 1 to 64 (this machine has ${os.availableParallelism()} cores)`);
  return value;
}
