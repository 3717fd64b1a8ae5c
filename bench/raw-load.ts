#!/usr/bin/env node
/**
 * The raw loop the load profile is measured against: plain @grpc/grpc-js with the serializers
 * @grpc/proto-loader generates, one channel, C workers calling back to back, the core's call
 * metadata and a deadline on every call. Imports nothing from the harness.
 *
 * Usage: raw-load <host:port> <protosDir> <protoFiles,comma-separated> <pkg.Service> <method>
 *                 <request JSON> <concurrency> <requests>
 * Prints {"answered", "errors", "elapsedMs", "throughputPerSecond"} as JSON; throughput is
 * answered requests over the time from the first request to the last answer, as `load` reports it.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const DEADLINE_MS = 10_000;
const [address = '', protosDir = '', files = '', service = '', method = '', requestText = '{}', concurrencyText = '1', requestsText = '1'] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const requests = Number(requestsText);
const request = JSON.parse(requestText) as Record<string, unknown>;

const definition = protoLoader.loadSync(files.split(','), { includeDirs: [protosDir], keepCase: true });
const methodDefinition = (definition[service] as grpc.ServiceDefinition | undefined)?.[method];
if (!methodDefinition) throw new Error(`${service}/${method} not found in ${files}`);
const client = new grpc.Client(address, grpc.credentials.createInsecure());
await new Promise<void>((resolve, reject) => client.waitForReady(Date.now() + DEADLINE_MS, (error) => (error ? reject(error) : resolve())));

function callOnce(): Promise<boolean> {
  const metadata = new grpc.Metadata();
  metadata.set('token', 'NO_TOKEN');
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      methodDefinition!.path,
      methodDefinition!.requestSerialize,
      methodDefinition!.responseDeserialize,
      request,
      metadata,
      { deadline: Date.now() + DEADLINE_MS },
      (error) => resolve(!error),
    );
  });
}

let sent = 0;
let answered = 0;
let errors = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (sent < requests) {
      sent++;
      const ok = await callOnce();
      answered++;
      if (!ok) errors++;
    }
  }),
);
const elapsedMs = performance.now() - started;
client.close();
process.stdout.write(`${JSON.stringify({ answered, errors, elapsedMs, throughputPerSecond: (answered * 1000) / elapsedMs })}\n`);
process.exit(0);
