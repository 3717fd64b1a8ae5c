/**
 * grpc.health.v1 Health/Check, for information: python-core plugins serve it, but no core service
 * or the supervisor calls it (docs/core/README.md#server-extras). The messages come from the project's
 * protos/grpc/health/v1/health.proto through the protobufjs every other call uses: loading
 * grpc-health-check for its definition brought @grpc/proto-loader and a second protobufjs, and
 * cost more start-up time than the call (bench/load-cost.ts measures both).
 */
import * as grpc from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, formatTarget, statusName, type Target } from './client.js';
import { loadProtoRoot, methodCodec } from './protos.js';

export type HealthAnswer =
  | { answered: true; status: string }
  | { answered: false; code: string; details: string };

const HEALTH_PROTO = 'grpc/health/v1/health.proto';

export function checkHealth(target: Target, deadlineMs: number): Promise<HealthAnswer> {
  const client = new grpc.Client(formatTarget(target), grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  const check = methodCodec(loadProtoRoot([HEALTH_PROTO]), 'grpc.health.v1.Health', 'Check');
  return new Promise<HealthAnswer>((resolve) => {
    client.makeUnaryRequest(
      check.path,
      check.encodeRequest,
      (bytes: Buffer) => check.decodeResponse(bytes).message,
      { service: '' },
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (error, response) => {
        if (error || !response) resolve({ answered: false, code: statusName(error?.code ?? grpc.status.UNKNOWN), details: error?.details ?? 'no response' });
        // Decoded without defaults: an absent status is UNKNOWN (0); an unknown number stays a number.
        else resolve({ answered: true, status: String(response['status'] ?? 'UNKNOWN') });
      },
    );
  }).finally(() => client.close());
}
