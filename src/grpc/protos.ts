/**
 * The project's .proto files, loaded with protobufjs, and the per-method codecs that turn
 * plain JSON (Structs as JSON objects) into wire bytes and back. Clients, reference plugins
 * and the contract check all take their message shapes from here.
 */
import path from 'node:path';
import protobuf from 'protobufjs';
import type { ServiceDefinition, MethodDefinition } from '@grpc/grpc-js';
import { protosDir } from '../paths.js';
import { isJsonObject, jsonToStruct, jsonToValue, structToJson, valueToJson } from './struct.js';
import type { Json, JsonObject, StructMessage, StructProblem, ValueMessage, ListValueMessage } from './struct.js';

/** A decoded message: JSON with proto field names, plus what the core could not convert. */
export interface Decoded {
  message: JsonObject;
  problems: StructProblem[];
}

export interface MethodCodec {
  /** `/package.Service/method`, the HTTP/2 path. */
  path: string;
  service: string;
  method: string;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
  requestStream: boolean;
  responseStream: boolean;
  encodeRequest(request: JsonObject): Buffer;
  decodeRequest(bytes: Buffer): Decoded;
  encodeResponse(response: JsonObject): Buffer;
  decodeResponse(bytes: Buffer): Decoded;
}

const rootCache = new Map<string, protobuf.Root>();

/** Loads project proto files (paths relative to protos/) into one fresh, resolved Root. */
export function loadProtoRoot(files: readonly string[], baseDir: string = protosDir): protobuf.Root {
  const key = `${baseDir}\0${[...files].sort().join('\0')}`;
  const cached = rootCache.get(key);
  if (cached) return cached;
  const root = new protobuf.Root();
  // google/protobuf/* come from protobufjs's bundled well-known types, the rest from baseDir.
  root.resolvePath = (_origin, target) =>
    target.startsWith('google/protobuf/') || path.isAbsolute(target) ? target : path.join(baseDir, target);
  root.loadSync(files.map((file) => path.join(baseDir, file)), { keepCase: true });
  root.resolveAll();
  rootCache.set(key, root);
  return root;
}

export function lookupService(root: protobuf.Root, fullName: string): protobuf.Service {
  return root.lookupService(fullName);
}

export function methodCodec(root: protobuf.Root, fullService: string, methodName: string): MethodCodec {
  const service = lookupService(root, fullService);
  const method = service.methods[methodName];
  if (!method) throw new Error(`${fullService} has no method ${methodName}`);
  method.resolve();
  const requestType = method.resolvedRequestType as protobuf.Type;
  const responseType = method.resolvedResponseType as protobuf.Type;
  return {
    path: `/${fullService}/${methodName}`,
    service: fullService,
    method: methodName,
    requestType,
    responseType,
    requestStream: Boolean(method.requestStream),
    responseStream: Boolean(method.responseStream),
    encodeRequest: (request) => encodeJson(requestType, request),
    decodeRequest: (bytes) => decodeJson(requestType, bytes),
    encodeResponse: (response) => encodeJson(responseType, response),
    decodeResponse: (bytes) => decodeJson(responseType, bytes),
  };
}

/** A grpc-js ServiceDefinition whose handlers see and return plain JSON. */
export function serviceDefinition(root: protobuf.Root, fullService: string): ServiceDefinition {
  const definition: Record<string, MethodDefinition<JsonObject, JsonObject>> = {};
  for (const name of Object.keys(lookupService(root, fullService).methods)) {
    const codec = methodCodec(root, fullService, name);
    definition[name] = {
      path: codec.path,
      requestStream: codec.requestStream,
      responseStream: codec.responseStream,
      requestSerialize: codec.encodeRequest,
      requestDeserialize: (bytes) => codec.decodeRequest(bytes).message,
      responseSerialize: codec.encodeResponse,
      responseDeserialize: (bytes) => codec.decodeResponse(bytes).message,
    };
  }
  return definition;
}

const STRUCT = '.google.protobuf.Struct';
const VALUE = '.google.protobuf.Value';
const LIST_VALUE = '.google.protobuf.ListValue';

function encodeJson(type: protobuf.Type, json: JsonObject): Buffer {
  const message = type.fromObject(toWireObject(type, json));
  return Buffer.from(type.encode(message).finish());
}

function decodeJson(type: protobuf.Type, bytes: Buffer): Decoded {
  const decoded = type.decode(bytes);
  // defaults off: like MessageToDict, a field at its default value is simply absent.
  const object = type.toObject(decoded, { enums: String, longs: String, bytes: String, defaults: false });
  const problems: StructProblem[] = [];
  return { message: fromWireObject(type, object, problems, '$'), problems };
}

function wellKnownName(field: protobuf.Field): string | undefined {
  const name = field.resolvedType?.fullName;
  return name === STRUCT || name === VALUE || name === LIST_VALUE ? name : undefined;
}

function toWireObject(type: protobuf.Type, json: JsonObject): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const field = type.fields[key];
    // Unknown keys pass through; fromObject drops them, the way a plugin's own type would not have them.
    wire[key] = field ? toWireField(field, value) : value;
  }
  return wire;
}

function toWireField(field: protobuf.Field, value: Json): unknown {
  if (value === null || value === undefined) return undefined;
  if (field.repeated && Array.isArray(value)) return value.map((item) => toWireSingle(field, item));
  return toWireSingle(field, value);
}

function toWireSingle(field: protobuf.Field, value: Json): unknown {
  switch (wellKnownName(field)) {
    case STRUCT:
      return isJsonObject(value) ? jsonToStruct(value) : value;
    case VALUE:
      return jsonToValue(value);
    case LIST_VALUE:
      return Array.isArray(value) ? { values: value.map(jsonToValue) } : value;
  }
  if (field.resolvedType instanceof protobuf.Type && isJsonObject(value)) return toWireObject(field.resolvedType, value);
  if (field.resolvedType instanceof protobuf.Enum && typeof value === 'string' && !(value in field.resolvedType.values)) {
    // protobufjs would send an unknown name as 0; ParseDict (the core's encoder) raises on it instead.
    throw new Error(`${field.name} "${value}" is not a value of ${field.resolvedType.name} (${Object.keys(field.resolvedType.values).join(', ')})`);
  }
  return value;
}

function fromWireObject(
  type: protobuf.Type,
  object: Record<string, unknown>,
  problems: StructProblem[],
  path: string,
): JsonObject {
  const json: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    const field = type.fields[key];
    json[key] = field ? fromWireField(field, value, problems, `${path}.${key}`) : (value as Json);
  }
  return json;
}

function fromWireField(field: protobuf.Field, value: unknown, problems: StructProblem[], path: string): Json {
  if (field.repeated && Array.isArray(value)) {
    return value.map((item, index) => fromWireSingle(field, item, problems, `${path}[${index}]`));
  }
  return fromWireSingle(field, value, problems, path);
}

function fromWireSingle(field: protobuf.Field, value: unknown, problems: StructProblem[], path: string): Json {
  switch (wellKnownName(field)) {
    case STRUCT:
      return structToJson(value as StructMessage, problems, path);
    case VALUE:
      return valueToJson(value as ValueMessage, problems, path);
    case LIST_VALUE:
      return ((value as ListValueMessage).values ?? []).map((item, index) =>
        valueToJson(item, problems, `${path}[${index}]`),
      );
  }
  if (field.resolvedType instanceof protobuf.Type && isJsonObject(value)) {
    return fromWireObject(field.resolvedType, value as Record<string, unknown>, problems, path);
  }
  if (field.resolvedType instanceof protobuf.Enum && typeof value === 'number') problems.push(unknownEnumValue(field.resolvedType, value, path));
  return value as Json;
}

/**
 * Enums are open in proto3: a number outside the enum decodes, and MessageToDict hands the core
 * that number where it reads a value name (toObject with enums: String does the same).
 */
function unknownEnumValue(type: protobuf.Enum, value: number, path: string): StructProblem {
  return {
    path,
    problem: `enum value ${value} is not a value of ${type.fullName.replace(/^\./, '')} (${Object.keys(type.values).join(', ')})`,
    coreEffect: `the core reads the number ${value} where it expects one of the names, so every comparison with a name fails`,
  };
}
