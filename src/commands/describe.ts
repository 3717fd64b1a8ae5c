/** `describe`: what a running plugin serves, read from its reflection, and the type(s) it matches. */
import type { Command } from 'commander';
import { parseCommonInputs, requireTarget } from '../config.js';
import { EXIT } from '../model/results.js';
import type { ReflectionVersion, VersionProbe } from '../grpc/reflection.js';

interface DescribeOptions {
  target?: string;
  timeout?: string;
  json?: boolean;
}

export interface Description {
  target: string;
  reflection: { version: ReflectionVersion; probes: Record<ReflectionVersion, VersionProbe> };
  services: Array<{
    name: string;
    shortName: string;
    file: string;
    methods: Array<{ name: string; requestType: string; responseType: string; requestStream: boolean; responseStream: boolean }>;
  }>;
  unresolved: Array<{ name: string; reason: string }>;
  types: Array<{ name: string; matchedBy: string; services: string[] }>;
  detected: { type: string; reason: string } | { type: null; reason: string };
}

export function registerDescribe(program: Command): void {
  program
    .command('describe')
    .description('print the services and methods a running plugin serves (read by reflection) and the service type(s) they match')
    .option('--target <host:port>', 'address of the running plugin')
    .option('--timeout <ms>', 'deadline of each reflection request in milliseconds (default 10000)')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', '\nExit codes: 0 described, 1 the plugin serves no reflection, 2 usage error, 3 target unreachable')
    .action(async (options: DescribeOptions) => {
      process.exitCode = await describeCommand(options);
    });
}

async function describeCommand(options: DescribeOptions): Promise<number> {
  const inputs = parseCommonInputs({ target: options.target, timeout: options.timeout });
  // Loaded here so that --help does not pay for gRPC.
  const [{ assertServesGrpc }, { readReflection, probeText }, { matchTypes, detectType }] = await Promise.all([
    import('./detect-type.js'),
    import('../grpc/reflection.js'),
    import('../catalog/detect.js'),
  ]);
  await assertServesGrpc(requireTarget(inputs), inputs.targetText, inputs.timeoutMs);
  const outcome = await readReflection(requireTarget(inputs), inputs.timeoutMs);
  if (!outcome.ok) {
    process.stderr.write(`plugin-conformance: ${inputs.targetText} serves no gRPC reflection, so neither this command nor the core can see its services: ${outcome.reason}\n`);
    return EXIT.failed;
  }
  const reflection = outcome.reflection;
  const detection = detectType(reflection.listed);
  const description: Description = {
    target: inputs.targetText,
    reflection: { version: reflection.version, probes: reflection.probes },
    services: reflection.services.map((service) => ({
      name: service.fullName,
      shortName: service.shortName,
      file: service.file,
      methods: service.service.methodsArray.map((method) => {
        method.resolve();
        return {
          name: method.name,
          requestType: method.resolvedRequestType?.fullName.replace(/^\./, '') ?? method.requestType,
          responseType: method.resolvedResponseType?.fullName.replace(/^\./, '') ?? method.responseType,
          requestStream: Boolean(method.requestStream),
          responseStream: Boolean(method.responseStream),
        };
      }),
    })),
    unresolved: reflection.unresolved,
    types: matchTypes(reflection.listed).map((match) => ({ name: match.entry.name, matchedBy: match.by, services: match.services })),
    detected: detection.ok ? { type: detection.match.entry.name, reason: detection.reason } : { type: null, reason: detection.reason },
  };
  process.stdout.write(options.json ? `${JSON.stringify(description, null, 2)}\n` : renderTable(description, probeText));
  return EXIT.passed;
}

function renderTable(description: Description, probeText: (version: ReflectionVersion, probe: VersionProbe) => string): string {
  const rows = description.services.flatMap((service) =>
    service.methods.map((method, index) => [
      index === 0 ? service.name : '',
      method.name,
      kind(method),
      `${method.requestType} -> ${method.responseType}`,
    ]),
  );
  const lines = [
    `plugin at ${description.target}`,
    `reflection: read with grpc.reflection.${description.reflection.version}; ${probeText('v1alpha', description.reflection.probes.v1alpha)}; ${probeText('v1', description.reflection.probes.v1)}`,
    '',
    ...table([['SERVICE', 'METHOD', 'KIND', 'REQUEST -> RESPONSE'], ...rows]),
    ...description.unresolved.map((service) => `unresolved: ${service.name} (${service.reason})`),
    '',
    ...(description.types.length > 0
      ? description.types.map((type) => `matches ${type.name} by ${type.matchedBy}: ${type.services.join(', ')}`)
      : ['matches no catalogued service type']),
    description.detected.type ? `type: ${description.detected.type} — ${description.detected.reason}` : `type: not decided — ${description.detected.reason}`,
  ];
  return `${lines.join('\n')}\n`;
}

function kind(method: { requestStream: boolean; responseStream: boolean }): string {
  if (method.requestStream && method.responseStream) return 'bidi stream';
  if (method.requestStream) return 'client stream';
  return method.responseStream ? 'server stream' : 'unary';
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd());
}
