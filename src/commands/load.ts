/**
 * `load`: how a plugin holds up when the core calls it in parallel. Reports throughput, latency
 * percentiles and errors by gRPC code; --max-p99 and --max-error-rate make it a CI gate.
 */
import os from 'node:os';
import { Option, type Command } from 'commander';
import { allOptInInputs } from '../catalog/index.js';
import { DEFAULT_DOMAIN_ID } from '../config.js';
import { buildLoadConfig, DEFAULT_CONCURRENCY, DEFAULT_REQUESTS, MAX_CONCURRENCY, MAX_DURATION_S, MAX_REQUESTS, type LoadConfig, type RawLoadOptions } from '../load/config.js';
import { assertWritable } from '../report/write-atomic.js';

const LOAD_EXIT_CODES = `
Exit codes:
  0    within the gates (or no gate given)
  1    a gate was exceeded
  2    usage or input error; nothing was sent
  3    the target could not be reached, or went away during the load
  130  interrupted by SIGINT (143 for SIGTERM); what was answered is still reported`;

export function registerLoad(program: Command): void {
  const command = program
    .command('load')
    .description('call one method of a running plugin in parallel and report throughput, latency and errors (a gate with --max-p99 / --max-error-rate)')
    .option('--target <host:port>', 'address of the running plugin')
    .option('--type <service-type>', `the plugin's resource_type (see list-types)`)
    .option('--method <name>', 'init, verify, or an opt-in call whose input is given (default init)')
    .option('--concurrency <n>', `requests in flight at once, 1-${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY})`)
    .option('--requests <n>', `how many requests, 1-${MAX_REQUESTS} (default ${DEFAULT_REQUESTS})`)
    .option('--duration <seconds>', `or how long, up to ${MAX_DURATION_S} s (and at most ${MAX_REQUESTS} requests)`)
    .option('--timeout <ms>', 'deadline of each request in milliseconds (default 10000)')
    .option('--max-p99 <ms>', 'gate: exit 1 when the 99th percentile latency exceeds this')
    .option('--max-error-rate <fraction>', 'gate: exit 1 when more than this fraction of requests fail (0.01 = 1%)')
    .option('--json <path>', "write the report as JSON to this file ('-': JSON on stdout, the table on stderr)")
    .option('--options <json|@file>', 'options sent with every request (default {})')
    .option('--secret-data <json|@file>', 'secret_data sent where the core sends it; masked in all output (default {})')
    .option('--domain-id <id>', `domain_id sent where the core sends it (default ${DEFAULT_DOMAIN_ID})`);
  command.addHelpText('after', LOAD_EXIT_CODES);
  for (const input of allOptInInputs()) {
    command.addOption(new Option(`--${input.name} <json|@file>`, `input of --method ${input.name}: ${input.rpc.rpc} ${input.reaches}`));
  }
  command.action(async (options: RawLoadOptions) => {
    process.exitCode = await loadCommand(options);
  });
}

async function loadCommand(raw: RawLoadOptions): Promise<number> {
  const config = buildLoadConfig(raw);
  if (config.json && config.json !== '-') assertWritable('--json', config.json);
  (await import('../run/calls.js')).assertEncodableInputs(config.run);
  // Loaded here so that --version, --help and the other commands do not pay for gRPC.
  const [{ runLoad }, { buildLoadReport, renderLoadHeader, renderLoadTable }, { Progress }, { Redactor }, { writeAtomic }] = await Promise.all([
    import('../load/profile.js'),
    import('../load/report.js'),
    import('../report/progress.js'),
    import('../run/redact.js'),
    import('../report/write-atomic.js'),
  ]);
  const jsonOnStdout = config.json === '-';
  const console = jsonOnStdout ? process.stderr : process.stdout;
  const progress = new Progress({ label: 'load', unit: 'requests', ...progressBound(config), stream: console });
  let signal: NodeJS.Signals | undefined;
  const onSignal = (received: NodeJS.Signals): void => {
    signal = received;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  console.write(renderLoadHeader(config));
  progress.start();
  try {
    const outcome = await runLoad(config, { onAnswer: () => progress.advance(), stopReason: () => signal });
    progress.finish();
    const redactor = Redactor.fromInputs([config.run.secretData], [config.run.options, ...Object.values(config.run.optIn)]);
    const report = buildLoadReport(config, outcome, redactor);
    if (signal) report.exitCode = 128 + (os.constants.signals[signal] ?? 2);
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (config.json && !jsonOnStdout) writeAtomic(config.json, json);
    console.write(renderLoadTable(report));
    if (jsonOnStdout) process.stdout.write(json);
    return report.exitCode;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function progressBound(config: LoadConfig): { total: number } | { durationMs: number } {
  return config.durationMs === undefined ? { total: config.requests ?? 0 } : { durationMs: config.durationMs };
}
