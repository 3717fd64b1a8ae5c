#!/usr/bin/env node
/**
 * `node dist/bench/load-cost.js [rounds]`: what loading a client costs a fresh Node process, the
 * part of a run's start-up the floor client does not pay. Each way of getting a piece ready is
 * timed in its own process, rounds interleaved, medians printed beside bare Node:
 *
 *  health, as shipped     grpc-js, protobufjs and the project's health.proto, parsed
 *  health, official       grpc-js and grpc-health-check (which loads @grpc/proto-loader and parses
 *                         its own health.proto on require)
 *  reflection, as shipped grpc-js, protobufjs with its descriptor extension and the project's
 *                         reflection.proto, parsed
 *
 * Health/Check is called through whichever loads faster (src/grpc/health.ts says which).
 */
import path from 'node:path';
import { packageRoot, protosDir } from '../src/paths.js';
import { GNU_TIME, haveGnuTime, median, timedNode, type Sample } from './measure.js';

const parse = (file: string): string =>
  `const root = new protobuf.Root(); root.loadSync(${JSON.stringify(path.join(protosDir, file))}, { keepCase: true }); root.resolveAll();`;

const PIECES: Record<string, string> = {
  "node -e ''": '',
  'grpc-js alone': "await import('@grpc/grpc-js');",
  'health, as shipped': `await import('@grpc/grpc-js'); const { default: protobuf } = await import('protobufjs'); ${parse('grpc/health/v1/health.proto')}`,
  'health, official': "await import('@grpc/grpc-js'); await import('grpc-health-check');",
  'reflection, as shipped': `await import('@grpc/grpc-js'); const { default: protobuf } = await import('protobufjs'); await import('protobufjs/ext/descriptor.js'); ${parse('grpc/reflection/v1/reflection.proto')}`,
};

const rounds = Number(process.argv[2] ?? 15);
if (!Number.isInteger(rounds) || rounds < 3 || rounds > 101) {
  process.stderr.write('load-cost: rounds must be a whole number from 3 to 101\n');
  process.exit(2);
}
if (!haveGnuTime()) {
  process.stderr.write(`load-cost: ${GNU_TIME} not found: install GNU time (Debian package "time")\n`);
  process.exit(2);
}
// From the package root, so the packages resolve as the CLI's do.
process.chdir(packageRoot);
const samples = new Map<string, Sample[]>(Object.keys(PIECES).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, code] of Object.entries(PIECES)) {
    samples.get(name)?.push(await timedNode(['--input-type=module', '-e', code]));
  }
}
const bare = median((samples.get("node -e ''") ?? []).map((sample) => sample.ms));
for (const [name, taken] of samples) {
  const ms = median(taken.map((sample) => sample.ms));
  const cpu = median(taken.map((sample) => sample.cpuMs));
  process.stdout.write(`${name.padEnd(24)} ${ms.toFixed(0).padStart(5)} ms  (+${(ms - bare).toFixed(0)} ms over bare node, CPU ${cpu.toFixed(0)} ms)\n`);
}
