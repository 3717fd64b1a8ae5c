/**
 * A reflection server that answers what real servers sometimes do and the reference plugins never
 * do: a file sent without its import (asked again by name), an error_response for a listed
 * service, an undecodable descriptor, and a stream that ends without an answer. v1alpha only, as
 * python-core; what it was asked is recorded.
 */
import * as grpc from '@grpc/grpc-js';
import descriptor from 'protobufjs/ext/descriptor.js';
import { loadProtoRoot } from '../../src/grpc/protos.js';
import type { JsonObject } from '../../src/grpc/struct.js';

const { FileDescriptorProto } = descriptor;

export const SCENARIO_SERVICES = {
  /** Declared in a/service.proto, whose import dep/types.proto is sent only when asked by name. */
  withImport: 'a.B',
  missing: 'missing.C',
  undecodable: 'bad.D',
  silent: 'silent.E',
} as const;

const STRING = 9;
const OPTIONAL = 1;

const TYPES_FILE = FileDescriptorProto.encode({
  name: 'dep/types.proto',
  package: 'dep',
  syntax: 'proto3',
  messageType: [{ name: 'Thing', field: [{ name: 'display_name', number: 1, type: STRING, label: OPTIONAL, jsonName: 'displayName' }] }],
}).finish();

const SERVICE_FILE = FileDescriptorProto.encode({
  name: 'a/service.proto',
  package: 'a',
  syntax: 'proto3',
  dependency: ['dep/types.proto'],
  service: [{ name: 'B', method: [{ name: 'get', inputType: '.dep.Thing', outputType: '.dep.Thing' }] }],
}).finish();

export interface ScenarioServer {
  port: number;
  /** Every request's kind and value, in arrival order. */
  asked: string[];
  stop(): Promise<void>;
}

export async function startScenarioServer(): Promise<ScenarioServer> {
  const root = loadProtoRoot(['grpc/reflection/v1/reflection.proto']);
  const requestType = root.lookupType('grpc.reflection.v1.ServerReflectionRequest');
  const responseType = root.lookupType('grpc.reflection.v1.ServerReflectionResponse');
  const asked: string[] = [];
  const answer = (request: JsonObject): JsonObject | undefined => {
    const [kind = '', value] = Object.entries(request).find(([key]) => key !== 'host') ?? [];
    asked.push(`${kind} ${String(value)}`);
    if (kind === 'list_services') return { list_services_response: { service: Object.values(SCENARIO_SERVICES).map((name) => ({ name })) } };
    const files = (...encoded: Uint8Array[]): JsonObject => ({ file_descriptor_response: { file_descriptor_proto: encoded.map((bytes) => Buffer.from(bytes).toString('base64')) } });
    if (value === SCENARIO_SERVICES.withImport) return files(SERVICE_FILE);
    if (value === 'dep/types.proto') return files(TYPES_FILE);
    if (value === SCENARIO_SERVICES.undecodable) return { file_descriptor_response: { file_descriptor_proto: [Buffer.from([0x0a, 0xff]).toString('base64')] } };
    if (value === SCENARIO_SERVICES.silent) return undefined;
    return { error_response: { error_code: grpc.status.NOT_FOUND, error_message: `Symbol not found: ${String(value)}` } };
  };
  const server = new grpc.Server();
  server.addService(
    {
      ServerReflectionInfo: {
        path: '/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
        requestStream: true,
        responseStream: true,
        requestSerialize: (message: JsonObject) => Buffer.from(requestType.encode(requestType.fromObject(message)).finish()),
        requestDeserialize: (bytes: Buffer) => requestType.toObject(requestType.decode(bytes)) as JsonObject,
        responseSerialize: (message: JsonObject) => Buffer.from(responseType.encode(responseType.fromObject(message)).finish()),
        responseDeserialize: (bytes: Buffer) => responseType.toObject(responseType.decode(bytes)) as JsonObject,
      },
    },
    {
      ServerReflectionInfo: (call: grpc.ServerDuplexStream<JsonObject, JsonObject>) => {
        call.on('data', (request: JsonObject) => {
          const response = answer(request);
          if (response) call.write(response);
        });
        call.on('end', () => call.end());
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  return { port, asked, stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())) };
}
