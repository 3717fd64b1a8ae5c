#!/usr/bin/env node
/**
 * The floor a full run is measured against: the smallest @grpc/grpc-js client that makes the RPCs
 * a run makes, run as a fresh Node process as the CLI is. It loads grpc-js and proto-loader, parses
 * the type's .proto files and the reflection and health protos, connects, reads reflection (v1,
 * then v1alpha, then each listed service's file by the first version served), checks health, makes
 * the planned calls with the core's call metadata and a deadline each, asks ServerInfo for the
 * plugin's version (as a run does for its report), decodes every answer, exits.
 * It judges nothing, and imports nothing from the harness.
 *
 * Usage: floor-client <host:port> <plan.json>, where the plan file holds
 * { protosDir, protoFiles, steps } and steps is bench/call-plan.ts's CallPlan.
 * Exits 0 when every call was answered (any status: some planned requests are meant to be
 * refused), 1 when one was not (UNAVAILABLE, DEADLINE_EXCEEDED).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface PlannedCall {
  service: string;
  method: string;
  request: { [key: string]: Json };
}
interface PlanFile {
  protosDir: string;
  protoFiles: string[];
  steps: PlannedCall[][];
}
type Callback = (error: grpc.ServiceError | null, response?: unknown) => void;
type UnaryMethod = (request: unknown, metadata: grpc.Metadata, options: grpc.CallOptions, callback: Callback) => void;
type BidiMethod = (metadata: grpc.Metadata, options: grpc.CallOptions) => grpc.ClientDuplexStream<unknown, ReflectionResponse>;
interface ReflectionResponse {
  list_services_response?: { service: Array<{ name: string }> };
}

const DEADLINE_MS = 10_000;
const require = createRequire(import.meta.url);
const [address = '', planPath = ''] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(planPath, 'utf8')) as PlanFile;
const loaderOptions = { keepCase: true };
const services = grpc.loadPackageDefinition(protoLoader.loadSync(plan.protoFiles, { ...loaderOptions, includeDirs: [plan.protosDir] }));
const reflectionRoot = path.join(path.dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
const reflection = grpc.loadPackageDefinition(
  protoLoader.loadSync(['grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto'], { ...loaderOptions, includeDirs: [reflectionRoot] }),
);
const healthProto = path.join(path.dirname(require.resolve('grpc-health-check/package.json')), 'proto', 'health', 'v1', 'health.proto');
const health = grpc.loadPackageDefinition(protoLoader.loadSync(healthProto, loaderOptions));
const serverInfo = grpc.loadPackageDefinition(protoLoader.loadSync('spaceone/api/core/v1/server_info.proto', { ...loaderOptions, includeDirs: [plan.protosDir] }));
const clients = new Map<string, grpc.Client>();

function clientFor(loaded: grpc.GrpcObject, service: string): grpc.Client {
  let client = clients.get(service);
  if (!client) {
    const constructor = service.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], loaded) as grpc.ServiceClientConstructor;
    client = new constructor(address, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
    clients.set(service, client);
  }
  return client;
}

function options(): grpc.CallOptions {
  return { deadline: Date.now() + DEADLINE_MS };
}

function unary(loaded: grpc.GrpcObject, service: string, method: string, request: unknown, metadata = new grpc.Metadata()): Promise<unknown> {
  const client = clientFor(loaded, service);
  const call = (client as unknown as Record<string, UnaryMethod>)[method];
  if (!call) return Promise.reject(new Error(`${service} has no method ${method}`));
  return new Promise((resolve, reject) => call.call(client, request, metadata, options(), (error, response) => (error ? reject(error) : resolve(response))));
}

/** One reflection request on its own stream, as reflection clients do. */
function reflect(version: 'v1' | 'v1alpha', request: Record<string, string>): Promise<ReflectionResponse> {
  const service = `grpc.reflection.${version}.ServerReflection`;
  const client = clientFor(reflection, service);
  const open = (client as unknown as Record<string, BidiMethod>)['ServerReflectionInfo'];
  if (!open) return Promise.reject(new Error(`${service} has no ServerReflectionInfo`));
  return new Promise((resolve, reject) => {
    const stream = open.call(client, new grpc.Metadata(), options());
    stream.once('data', (response) => {
      resolve(response);
      stream.end();
    });
    stream.once('error', reject);
    stream.write(request);
    stream.end();
  });
}

async function readReflection(): Promise<void> {
  const listed: Partial<Record<'v1' | 'v1alpha', string[]>> = {};
  for (const version of ['v1', 'v1alpha'] as const) {
    const answer = await reflect(version, { list_services: '*' }).catch(() => undefined);
    if (answer) listed[version] = answer.list_services_response?.service.map((service) => service.name) ?? [];
  }
  const version = listed.v1 ? 'v1' : 'v1alpha';
  for (const name of listed[version] ?? []) await reflect(version, { file_containing_symbol: name });
}

/** JSON to google.protobuf.Value in proto-loader's object form: what a client must do to send a Struct. */
function toValue(value: Json): object {
  if (value === null) return { null_value: 'NULL_VALUE' };
  if (typeof value === 'number') return { number_value: value };
  if (typeof value === 'string') return { string_value: value };
  if (typeof value === 'boolean') return { bool_value: value };
  if (Array.isArray(value)) return { list_value: { values: value.map(toValue) } };
  return { struct_value: toStruct(value) };
}

function toStruct(object: { [key: string]: Json }): object {
  return { fields: Object.fromEntries(Object.entries(object).map(([key, value]) => [key, toValue(value)])) };
}

/** The core's requests carry Structs under their keys and plain strings otherwise (domain_id). */
function toRequest(request: PlannedCall['request']): object {
  return Object.fromEntries(Object.entries(request).map(([key, value]) => [key, value !== null && typeof value === 'object' && !Array.isArray(value) ? toStruct(value) : value]));
}

function coreMetadata(): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('token', 'NO_TOKEN');
  return metadata;
}

const first = clientFor(services, plan.steps[0]?.[0]?.service ?? '');
await new Promise<void>((resolve, reject) => first.waitForReady(Date.now() + DEADLINE_MS, (error) => (error ? reject(error) : resolve())));
await readReflection();
await unary(health, 'grpc.health.v1.Health', 'Check', { service: '' });
const unanswered = new Set<number>([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]);
let lost = 0;
for (const step of plan.steps) {
  const answers = await Promise.allSettled(step.map((planned) => unary(services, planned.service, planned.method, toRequest(planned.request), coreMetadata())));
  lost += answers.filter((answer) => answer.status === 'rejected' && unanswered.has((answer.reason as grpc.ServiceError).code)).length;
}
await unary(serverInfo, 'spaceone.api.core.v1.ServerInfo', 'get_version', {}).catch(() => undefined);
for (const client of clients.values()) client.close();
if (lost > 0) process.stderr.write(`floor-client: ${lost} planned call(s) not answered\n`);
process.exit(lost > 0 ? 1 : 0);
