/**
 * The wire side of gRPC server reflection: one request per ServerReflectionInfo stream (as the
 * core's clients and the floor client do), its answer decoded with the project's own
 * protos/grpc/reflection/v1/reflection.proto, and the FileDescriptorProtos a symbol needs,
 * dependencies followed by file name, put together as a protobufjs Root.
 *
 * v1 and v1alpha carry the same messages with the same field numbers; only the service's package
 * differs, so one set of codecs serves both paths.
 */
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor.js';
import { statusName } from './client.js';
import { loadProtoRoot } from './protos.js';

// A CommonJS module: its exports come as the default import.
const { FileDescriptorProto } = descriptor;

export type ReflectionVersion = 'v1' | 'v1alpha';

type ReflectionRequest = { list_services: string } | { file_containing_symbol: string } | { file_by_filename: string };

/** The decoded answer, proto field names; the oneof's other members are simply absent. */
interface ReflectionResponse {
  file_descriptor_response?: { file_descriptor_proto: Uint8Array[] };
  list_services_response?: { service: Array<{ name: string }> };
  error_response?: { error_code: number; error_message: string };
}

/** A failed request: a gRPC status name, or REFLECTION_ERROR for an error_response or a bad answer. */
export class ReflectionError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
  }
}

const REFLECTION_PROTO = 'grpc/reflection/v1/reflection.proto';

let codecs: { request: protobuf.Type; response: protobuf.Type } | undefined;

/** Loaded on first use, once per process. */
function reflectionCodecs(): { request: protobuf.Type; response: protobuf.Type } {
  if (!codecs) {
    const root = loadProtoRoot([REFLECTION_PROTO]);
    codecs = { request: root.lookupType('grpc.reflection.v1.ServerReflectionRequest'), response: root.lookupType('grpc.reflection.v1.ServerReflectionResponse') };
  }
  return codecs;
}

export class ReflectionClient {
  constructor(
    private readonly client: grpc.Client,
    readonly version: ReflectionVersion,
  ) {}

  async listServices(options: grpc.CallOptions): Promise<string[]> {
    const answer = await this.ask({ list_services: '*' }, options);
    if (!answer.list_services_response) throw new ReflectionError('REFLECTION_ERROR', 'the answer to list_services holds no service list');
    return answer.list_services_response.service.map((service) => service.name);
  }

  /**
   * The file declaring `symbol` and every file it imports, as a Root with JSON (camelCase) field
   * names. Files come in the order the plugin sent them, each name once, the first copy kept;
   * an import the plugin did not send is asked for by name.
   */
  async rootOfSymbol(symbol: string, options: grpc.CallOptions): Promise<protobuf.Root> {
    const files = await this.withDependencies(await this.files({ file_containing_symbol: symbol }, options), options);
    return protobuf.Root.fromDescriptor({ file: [...files.values()] });
  }

  private async withDependencies(encoded: readonly Uint8Array[], options: grpc.CallOptions): Promise<Map<string, descriptor.IFileDescriptorProto>> {
    let files = new Map<string, descriptor.IFileDescriptorProto>();
    const imports = new Set<string>();
    for (const bytes of encoded) {
      const file = FileDescriptorProto.decode(bytes) as descriptor.IFileDescriptorProto;
      for (const name of file.dependency ?? []) imports.add(name);
      if (!files.has(file.name ?? '')) files.set(file.name ?? '', file);
    }
    for (const name of imports) {
      if (files.has(name)) continue;
      const imported = await this.withDependencies(await this.files({ file_by_filename: name }, options), options);
      files = new Map([...files, ...imported]);
    }
    return files;
  }

  private async files(request: ReflectionRequest, options: grpc.CallOptions): Promise<Uint8Array[]> {
    const answer = await this.ask(request, options);
    if (!answer.file_descriptor_response) throw new ReflectionError('REFLECTION_ERROR', `the answer to ${Object.keys(request)[0]} holds no file descriptors`);
    return answer.file_descriptor_response.file_descriptor_proto;
  }

  /**
   * One request on a stream of its own, settled by the first answer or the call's status. A
   * stream that ends OK without an answer leaves the promise pending: the caller's timer bounds it.
   */
  private ask(request: ReflectionRequest, options: grpc.CallOptions): Promise<ReflectionResponse> {
    const { request: requestType, response: responseType } = reflectionCodecs();
    const stream = this.client.makeBidiStreamRequest(
      `/grpc.reflection.${this.version}.ServerReflection/ServerReflectionInfo`,
      (message: ReflectionRequest) => Buffer.from(requestType.encode(requestType.fromObject(message)).finish()),
      (bytes: Buffer) => responseType.decode(bytes) as unknown as ReflectionResponse,
      new grpc.Metadata(),
      options,
    );
    return new Promise((resolve, reject) => {
      stream.on('data', (answer: ReflectionResponse) => {
        if (answer.error_response) reject(new ReflectionError('REFLECTION_ERROR', answer.error_response.error_message));
        else resolve(answer);
      });
      stream.on('error', (error: grpc.ServiceError) => {
        const code = statusName(error.code);
        reject(new ReflectionError(code, error.details.trim() || code));
      });
      stream.write(request);
      stream.end();
    });
  }
}
