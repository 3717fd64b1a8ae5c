/**
 * A real @grpc/grpc-js plugin server for one service type, serving gRPC reflection as
 * Cloudforet plugins do. Behaviour comes from a variant: handlers per `Service.method`.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { formatTarget } from '../../src/grpc/client.js';
import { loadProtoRoot, serviceDefinition } from '../../src/grpc/protos.js';
import type { JsonObject } from '../../src/grpc/struct.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { protosDir } from '../../src/paths.js';
import { perFileDescriptors } from './file-descriptors.js';

/** A gRPC status a handler answers with instead of a response. */
export class StatusError extends Error {
  constructor(readonly code: grpc.status, readonly details: string) {
    super(details);
  }
}

export type UnaryHandler = (request: JsonObject, metadata: grpc.Metadata) => JsonObject | Promise<JsonObject>;
export type StreamHandler = (request: JsonObject, metadata: grpc.Metadata) => JsonObject[] | AsyncIterable<JsonObject> | Promise<JsonObject[]>;

export interface Variant {
  description: string;
  /** Keyed `Service.method` by short service name. */
  handlers: Record<string, UnaryHandler | StreamHandler>;
  /** Which reflection versions to serve; python-core serves v1alpha only. */
  reflection?: 'v1alpha' | 'v1' | 'both' | 'none';
  /**
   * How reflection groups descriptors: one file per .proto file as protoc and python-core do
   * (default), or one file per package as @grpc/reflection does with a proto-loader definition.
   */
  reflectionFiles?: 'per-file' | 'per-package';
  /** Services to leave out, for variants that miss one. */
  omitServices?: readonly string[];
  /** Inputs a user must give to run the harness against this variant (`npm start` passes them). */
  cliArgs?: readonly string[];
  /** Serve this service (by short name) under another full name, for variants that rename one. */
  renameServices?: Readonly<Record<string, string>>;
  /** Leave out grpc.health.v1.Health (served by default, as python-core does). */
  noHealth?: boolean;
  /** Changes a copy of the official protos; the server then serves and reflects the changed descriptors. */
  editProtos?: (root: protobuf.Root) => void;
}

export interface RunningServer {
  port: number;
  server: grpc.Server;
  /** What reflection was given: the definition whose descriptors it serves, the services it may list. */
  reflected: { definition: protoLoader.PackageDefinition; services: readonly string[] };
  stop(): Promise<void>;
}

export interface ServerHooks {
  /** Told the path of every call a handler takes (reflection and health too), in arrival order. */
  onCall?(path: string): void;
  /** Serve ServerInfo.get_version with this version, as python-core plugins do. */
  version?: string;
}

export async function startPluginServer(entry: ServiceTypeEntry, variant: Variant, host = '127.0.0.1', port = 0, hooks: ServerHooks = {}): Promise<RunningServer> {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
    interceptors: hooks.onCall ? [callObserver(hooks.onCall)] : [],
  });
  const root = isEdited(variant) ? editedRoot(entry, variant) : loadProtoRoot(entry.protoFiles);
  const served: string[] = [];
  // The .proto files of the served services, by the set they load with (legacy identity Auth has its own).
  const servedFileSets = new Map<string, readonly string[]>();
  for (const [shortName, service] of Object.entries(entry.services)) {
    if (variant.omitServices?.includes(shortName)) continue;
    const fullName = variant.renameServices?.[shortName] ?? service.fullName;
    served.push(fullName);
    // A service with files of its own (legacy identity Auth) cannot share a Root with the others.
    const files = service.protoFiles ?? entry.protoFiles;
    servedFileSets.set(files.join('\0'), files);
    const definition = serviceDefinition(service.protoFiles && !isEdited(variant) ? loadProtoRoot(service.protoFiles) : root, fullName);
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const [method, methodDefinition] of Object.entries(definition)) {
      const handler = variant.handlers[`${shortName}.${method}`];
      implementation[method] = methodDefinition.responseStream ? streamImplementation(handler as StreamHandler | undefined) : unaryImplementation(handler as UnaryHandler | undefined);
    }
    server.addService(definition, implementation);
  }
  if (!variant.noHealth) new HealthImplementation({ '': 'SERVING' }).addToServer(server);
  if (hooks.version !== undefined) {
    const version = hooks.version;
    server.addService(serviceDefinition(loadProtoRoot([SERVER_INFO_PROTO]), SERVER_INFO_SERVICE), unaryService({ get_version: () => ({ version }) }));
  }
  const reflected = { definition: reflectedDefinitions(variant, root, servedFileSets), services: [...served, 'grpc.health.v1.Health'] };
  addReflection(server, reflected, variant.reflection ?? 'v1alpha');
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(formatTarget({ host, port }), grpc.ServerCredentials.createInsecure(), (error, actual) => (error ? reject(error) : resolve(actual))),
  );
  return {
    port: bound,
    server,
    reflected,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

const SERVER_INFO_PROTO = 'spaceone/api/core/v1/server_info.proto';
const SERVER_INFO_SERVICE = 'spaceone.api.core.v1.ServerInfo';

function unaryService(handlers: Record<string, UnaryHandler>): grpc.UntypedServiceImplementation {
  return Object.fromEntries(Object.entries(handlers).map(([method, handler]) => [method, unaryImplementation(handler)]));
}

function callObserver(onCall: (path: string) => void): grpc.ServerInterceptor {
  return (method, call) => {
    onCall(method.path);
    return new grpc.ServerInterceptingCall(call);
  };
}

/**
 * What @grpc/reflection serves from: it reads only the FileDescriptorProtos of a definition, so
 * per-file descriptors can stand in for proto-loader's. Edited protos lose their file names, so
 * they are served per package.
 */
function reflectedDefinitions(variant: Variant, root: protobuf.Root, fileSets: ReadonlyMap<string, readonly string[]>): protoLoader.PackageDefinition {
  if (isEdited(variant)) return protoLoader.fromJSON(root.toJSON(), { keepCase: true });
  const fileSet = [...fileSets.values()];
  if (variant.reflectionFiles === 'per-package') return protoLoader.loadSync([...new Set(fileSet.flat())], { includeDirs: [protosDir], keepCase: true });
  const fileDescriptorProtos = fileSet.flatMap((files) => perFileDescriptors(loadProtoRoot(files), protosDir));
  // The entry's shape is the smallest a definition value allows; only fileDescriptorProtos is read.
  return { files: { format: 'Protocol Buffer 3 EnumDescriptorProto', type: {}, fileDescriptorProtos } };
}

function addReflection(server: grpc.Server, reflected: RunningServer['reflected'], versions: NonNullable<Variant['reflection']>): void {
  if (versions === 'none') return;
  const reflection = new ReflectionService(reflected.definition, { services: [...reflected.services] });
  reflection.addToServer({
    addService(service, implementation) {
      const path = Object.values(service)[0]?.path ?? '';
      const version = path.includes('.v1alpha.') ? 'v1alpha' : 'v1';
      if (versions === 'both' || versions === version) server.addService(service, implementation);
    },
  });
}

function isEdited(variant: Variant): boolean {
  return Boolean(variant.editProtos ?? variant.renameServices);
}

/** A private copy of the official protos with the variant's changes: the cached Root stays official. */
function editedRoot(entry: ServiceTypeEntry, variant: Variant): protobuf.Root {
  const root = protobuf.Root.fromJSON(loadProtoRoot(entry.protoFiles).toJSON());
  root.resolveAll();
  for (const [shortName, fullName] of Object.entries(variant.renameServices ?? {})) {
    const official = entry.services[shortName];
    if (official) moveService(root, official.fullName, fullName);
  }
  variant.editProtos?.(root);
  root.resolveAll();
  return root;
}

function moveService(root: protobuf.Root, from: string, to: string): void {
  const service = root.lookupService(from);
  const renamed = new protobuf.Service(to.slice(to.lastIndexOf('.') + 1));
  for (const method of service.methodsArray) {
    method.resolve();
    // Fully qualified types, so they resolve from whatever package the service moves to.
    const request = method.resolvedRequestType?.fullName ?? method.requestType;
    const response = method.resolvedResponseType?.fullName ?? method.responseType;
    renamed.add(new protobuf.Method(method.name, 'rpc', request, response, method.requestStream, method.responseStream));
  }
  service.parent?.remove(service);
  root.define(to.slice(0, to.lastIndexOf('.'))).add(renamed);
}

function unaryImplementation(handler: UnaryHandler | undefined): grpc.handleUnaryCall<JsonObject, JsonObject> {
  return (call, callback) => {
    if (!handler) return callback({ code: grpc.status.UNIMPLEMENTED, details: 'ERROR_NOT_IMPLEMENTED: not served by this plugin' });
    Promise.resolve()
      .then(() => handler(call.request, call.metadata))
      .then((response) => callback(null, response), (error: unknown) => callback(toServiceError(error)));
  };
}

function streamImplementation(handler: StreamHandler | undefined): grpc.handleServerStreamingCall<JsonObject, JsonObject> {
  return async (call) => {
    // grpc-js sends a stream's status on an 'error' event; destroy() would drop it and leave the client waiting.
    if (!handler) return void call.emit('error', toServiceError(new StatusError(grpc.status.UNIMPLEMENTED, 'ERROR_NOT_IMPLEMENTED: not served by this plugin')));
    try {
      for await (const item of await handler(call.request, call.metadata)) call.write(item);
      call.end();
    } catch (error) {
      call.emit('error', toServiceError(error));
    }
  };
}

function toServiceError(error: unknown): Partial<grpc.StatusObject> & Error {
  if (error instanceof StatusError) return Object.assign(new Error(error.details), { code: error.code, details: error.details });
  const text = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(text), { code: grpc.status.INTERNAL, details: `ERROR_UNKNOWN: ${text}` });
}

/** Like python-core's check_required: absent or null keys are an INVALID_ARGUMENT error. */
export function requireKeys(request: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    if (request[key] === undefined || request[key] === null) {
      throw new StatusError(grpc.status.INVALID_ARGUMENT, `ERROR_REQUIRED_PARAMETER: Required parameter. (key = ${key})`);
    }
  }
}

/** Never answers; the caller's deadline ends the call. */
export function hang(): Promise<never> {
  return new Promise(() => undefined);
}
