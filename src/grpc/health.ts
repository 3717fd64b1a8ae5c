/**
 * grpc.health.v1 Health/Check, for information: python-core plugins serve it, but no core service
 * or the supervisor calls it (docs/core/README.md#server-extras). The service definition comes with
 * grpc-health-check, so the protocol is not written again here.
 */
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { CHANNEL_OPTIONS, formatTarget, statusName, type Target } from './client.js';

export type HealthAnswer =
  | { answered: true; status: string }
  | { answered: false; code: string; details: string };

interface HealthCheckResponse {
  status?: string | number;
}

export function checkHealth(target: Target, deadlineMs: number): Promise<HealthAnswer> {
  const client = new grpc.Client(formatTarget(target), grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  const check = healthService['Check'];
  if (!check) throw new Error('grpc-health-check ships no Health/Check definition');
  return new Promise<HealthAnswer>((resolve) => {
    client.makeUnaryRequest(
      check.path,
      check.requestSerialize,
      check.responseDeserialize as (bytes: Buffer) => HealthCheckResponse,
      { service: '' },
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (error, response) => {
        if (error || !response) resolve({ answered: false, code: statusName(error?.code ?? grpc.status.UNKNOWN), details: error?.details ?? 'no response' });
        else resolve({ answered: true, status: String(response.status ?? 'UNKNOWN') });
      },
    );
  }).finally(() => client.close());
}
