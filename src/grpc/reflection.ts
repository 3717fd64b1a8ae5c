/**
 * What a plugin says about itself through gRPC server reflection: the services it lists and the
 * descriptors behind them, read the way the core reads them (ListServices, then the file that
 * holds each listed service).
 *
 * The client (reflection-client.ts) speaks both reflection versions and turns the returned
 * FileDescriptorProtos (and their imports) into a protobufjs Root. v1 is asked first, the current
 * standard; v1alpha is always asked too, because it is the version both core generations use
 * (python-core serves v1alpha only, so "v1 not served" is not a defect).
 */
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import 'protobufjs/ext/descriptor.js';
import type { IFileDescriptorSet } from 'protobufjs/ext/descriptor.js';
import { CHANNEL_OPTIONS, formatTarget, type Target } from './client.js';
import { ReflectionClient, ReflectionError, type ReflectionVersion } from './reflection-client.js';

export type { ReflectionVersion } from './reflection-client.js';

/** Whether one reflection version answered ListServices, and if not, how it failed. */
export type VersionProbe = { served: true } | { served: false; code: string; reason: string };

export interface ReflectedService {
  fullName: string;
  /** What the core calls it by. */
  shortName: string;
  /** Name of the first file FileContainingSymbol returned: the file a 1.x core reads. */
  file: string;
  /** The first service declared in that file: the one a 1.x core takes (`service[0]`). */
  firstServiceInFile: string;
  /** The plugin's own service, in a Root built from its descriptors with proto field names. */
  service: protobuf.Service;
}

export interface PluginReflection {
  /** The version the descriptors were read with. */
  version: ReflectionVersion;
  probes: Record<ReflectionVersion, VersionProbe>;
  /** ListServices, as the plugin answered it. */
  listed: string[];
  services: ReflectedService[];
  /** Listed services whose descriptors could not be read: the 2.x core's FindServiceByName fails on them. */
  unresolved: Array<{ name: string; reason: string }>;
}

export type ReflectionOutcome =
  | { ok: true; reflection: PluginReflection }
  | { ok: false; probes: Record<ReflectionVersion, VersionProbe>; reason: string };

const VERSIONS_IN_ORDER: readonly ReflectionVersion[] = ['v1', 'v1alpha'];

/**
 * Lists and resolves the plugin's services. Each ListServices probe has `deadlineMs`, all
 * descriptor reads together one more `deadlineMs`: at most three deadlines in all.
 */
export async function readReflection(target: Target, deadlineMs: number): Promise<ReflectionOutcome> {
  const client = new grpc.Client(formatTarget(target), grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  try {
    const clients = { v1: new ReflectionClient(client, 'v1'), v1alpha: new ReflectionClient(client, 'v1alpha') };
    const probes = {} as Record<ReflectionVersion, VersionProbe>;
    const listings = {} as Partial<Record<ReflectionVersion, string[]>>;
    for (const version of VERSIONS_IN_ORDER) {
      const listed = await bounded(deadlineMs, (options) => clients[version].listServices(options));
      probes[version] = listed.ok ? { served: true } : { served: false, ...listed.failure };
      if (listed.ok) listings[version] = listed.value;
    }
    const version = VERSIONS_IN_ORDER.find((candidate) => listings[candidate]);
    if (!version) return { ok: false, probes, reason: noReflectionReason(probes) };
    const listed = listings[version] ?? [];
    const { services, unresolved } = await resolveServices(clients[version], listed, deadlineMs);
    return { ok: true, reflection: { version, probes, listed, services, unresolved } };
  } finally {
    client.close();
  }
}

export function shortServiceName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

export function probeText(version: ReflectionVersion, probe: VersionProbe): string {
  return probe.served ? `grpc.reflection.${version} served` : `grpc.reflection.${version} not served (${probe.code}: ${probe.reason})`;
}

function noReflectionReason(probes: Record<ReflectionVersion, VersionProbe>): string {
  return VERSIONS_IN_ORDER.map((version) => probeText(version, probes[version])).join('; ');
}

async function resolveServices(client: ReflectionClient, listed: readonly string[], deadlineMs: number): Promise<Pick<PluginReflection, 'services' | 'unresolved'>> {
  const deadline = Date.now() + deadlineMs;
  const services: ReflectedService[] = [];
  const unresolved: PluginReflection['unresolved'] = [];
  // One at a time: the core resolves them one by one too, and the shared deadline bounds the lot.
  for (const name of listed) {
    const read = await bounded(Math.max(1, deadline - Date.now()), (options) => client.rootOfSymbol(name, options));
    if (!read.ok) {
      unresolved.push({ name, reason: `${read.failure.code}: ${read.failure.reason}` });
      continue;
    }
    try {
      services.push(reflectedService(read.value, name));
    } catch (error) {
      unresolved.push({ name, reason: `descriptor does not declare it: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { services, unresolved };
}

function reflectedService(asServed: protobuf.Root, fullName: string): ReflectedService {
  const served = asServed.lookupService(fullName);
  // Services of the first file are added to its package first, so the first one found is service[0].
  const firstInPackage = served.parent?.nestedArray.find((nested) => nested instanceof protobuf.Service);
  return {
    fullName,
    shortName: shortServiceName(fullName),
    file: asServed.files[0] ?? '',
    firstServiceInFile: firstInPackage?.fullName.replace(/^\./, '') ?? fullName,
    service: withProtoFieldNames(asServed).lookupService(fullName),
  };
}

/**
 * The client builds its Root with JSON (camelCase) field names; the core works with proto
 * names, so the descriptors are read again keeping them. The well-known types keep the camelCase
 * names of protobufjs's bundled copies, which the Struct codec (struct.ts) is written against.
 */
function withProtoFieldNames(asServed: protobuf.Root): protobuf.Root {
  // The library's typings declare toDescriptor's result loosely; it is a FileDescriptorSet.
  const set = asServed.toDescriptor('proto3') as unknown as IFileDescriptorSet;
  for (const file of set.file) {
    if (file.package !== 'google.protobuf') continue;
    for (const message of file.messageType ?? []) {
      for (const field of message.field ?? []) if (field.name) field.name = field.name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    }
  }
  return protobuf.Root.fromDescriptor(set, { keepCase: true });
}

type Bounded<T> = { ok: true; value: T } | { ok: false; failure: { code: string; reason: string } };

/**
 * One reflection request with a gRPC deadline, and a timer as well: a request whose stream ends
 * without an answer never settles.
 */
async function bounded<T>(deadlineMs: number, request: (options: grpc.CallOptions) => Promise<T>): Promise<Bounded<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Bounded<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, failure: { code: 'DEADLINE_EXCEEDED', reason: `no answer within ${deadlineMs} ms` } }), deadlineMs + 100);
  });
  const answer = request({ deadline: Date.now() + deadlineMs }).then(
    (value): Bounded<T> => ({ ok: true, value }),
    (error: unknown): Bounded<T> => ({ ok: false, failure: reflectionFailure(error) }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function reflectionFailure(error: unknown): { code: string; reason: string } {
  if (error instanceof ReflectionError) return { code: error.code, reason: error.reason };
  // Anything else failed while reading the answer, e.g. an undecodable FileDescriptorProto.
  return { code: 'REFLECTION_ERROR', reason: error instanceof Error ? error.message : String(error) };
}
