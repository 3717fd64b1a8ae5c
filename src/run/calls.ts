/**
 * The calls the core makes, written once for the check runner and the load profile: the request
 * the core sends for an RpcSpec, and the codec of its method.
 */
import type protobuf from 'protobufjs';
import type { RpcSpec, ServiceTypeEntry } from '../catalog/types.js';
import type { RunConfig } from '../config.js';
import { loadProtoRoot, methodCodec, type MethodCodec } from '../grpc/protos.js';
import type { JsonObject } from '../grpc/struct.js';

/** The run's inputs under the request keys the core fills them into. */
export function coreInputs(config: Pick<RunConfig, 'options' | 'secretData' | 'domainId'>): JsonObject {
  return { options: config.options, secret_data: config.secretData, domain_id: config.domainId };
}

/** The request the core would send for this call: exactly the keys it sends, from the inputs. */
export function coreRequest(spec: RpcSpec, inputs: JsonObject, extra: JsonObject = {}): JsonObject {
  const values: JsonObject = { ...inputs, ...spec.fixed, ...extra };
  const request: JsonObject = {};
  for (const key of spec.sends) if (values[key] !== undefined) request[key] = values[key] ?? null;
  return request;
}

/** The codec of `Service.method` from the official protos, by the short service name the core calls. */
export function officialCodec(entry: ServiceTypeEntry, root: protobuf.Root, spec: RpcSpec): MethodCodec {
  const [shortName = '', method = ''] = spec.rpc.split('.');
  const service = entry.services[shortName];
  if (!service) throw new Error(`${entry.name} declares no service ${shortName}`);
  // A service whose messages collide with the entry's (legacy identity Auth) has a Root of its own.
  return methodCodec(service.protoFiles ? loadProtoRoot(service.protoFiles) : root, service.fullName, method);
}
