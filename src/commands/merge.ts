/** `merge DIR...`: join the JSON reports of a fleet's shards into one summary and one JUnit file. */
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../usage.js';

interface MergeFlags {
  junit?: string;
  json?: string;
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description("join the JSON reports and summaries of a fleet's shards (directories, e.g. downloaded CI artifacts) into one summary and one JUnit file")
    .argument('<dirs...>', 'directories holding the shards\' reports (searched recursively)')
    .option('--junit <path>', 'write one JUnit XML file with every plugin\'s testsuites')
    .option('--json <path>', 'write the merged summary (format plugin-conformance/fleet@1)')
    .action(async (directories: string[], flags: MergeFlags) => {
      process.exitCode = await merge(directories, flags);
    });
}

async function merge(directories: string[], flags: MergeFlags): Promise<number> {
  if (!flags.junit && !flags.json) throw new UsageError('merge: give --junit PATH and/or --json PATH');
  const [{ mergeDirectories }, { summaryTable, writeSummary }, { renderJunitOf }, { writeAtomic }, { displayPath }] = await Promise.all([
    import('../fleet/merge.js'),
    import('../fleet/summary.js'),
    import('../report/junit.js'),
    import('../report/write-atomic.js'),
    import('../paths.js'),
  ]);
  const summaryFile = path.resolve(flags.json ?? 'merged-summary.json');
  const { summary, runs } = mergeDirectories(directories, summaryFile);
  const written: string[] = [];
  if (flags.junit) {
    const file = path.resolve(flags.junit);
    writeAtomic(file, renderJunitOf(runs, `plugin-conformance fleet (${runs.length} plugins)`));
    written.push(file);
  }
  if (flags.json) {
    writeSummary(summaryFile, summary);
    written.push(summaryFile);
  }
  process.stdout.write(summaryTable(summary));
  for (const file of written) process.stdout.write(`Report: ${displayPath(file)}\n`);
  return summary.exitCode;
}
