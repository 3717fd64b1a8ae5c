/**
 * The calls the core makes, written once for the check runner and the load profile: the request
 * the core sends for an RpcSpec, and the codec of its method.
 */
import type protobuf from 'protobufjs';
import { optInRequestValues, type RpcSpec, type ServiceTypeEntry } from '../model/service-type.js';
import { type RunConfig } from '../config.js';
import { UsageError } from '../usage.js';
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

/**
 * Each opt-in call's request, encoded before anything is dialled. One the official protos cannot
 * encode (a list where the message wants a Struct, say) the core could not send either: its
 * ParseDict raises before the call. That is bad input, not the plugin's failure.
 */
export function assertEncodableInputs(config: Pick<RunConfig, 'entry' | 'optIn' | 'options' | 'secretData' | 'domainId'>): void {
  const root = loadProtoRoot(config.entry.protoFiles);
  const inputs = coreInputs(config);
  for (const input of config.entry.optIn) {
    const extra = config.optIn[input.name];
    if (!extra) continue;
    try {
      officialCodec(config.entry, root, input.rpc).encodeRequest(coreRequest(input.rpc, inputs, optInRequestValues(input, extra)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`--${input.name}: not a valid ${input.rpc.rpc} request (${reason}); the core could not send it either`);
    }
  }
}
