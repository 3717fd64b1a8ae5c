/**
 * An RPC the core will call because of what init metadata says must be served. Probed with the
 * run's own inputs: only UNIMPLEMENTED means "not served". Any other error proves the method
 * exists; it fails only when real secret data was given, since then the core's own call with
 * that secret would fail too.
 */
import type { RpcSpec } from '../model/service-type.js';
import type { CheckSource } from '../spec.js';
import type { Decoded } from '../grpc/protos.js';
import type { JsonObject } from '../grpc/struct.js';
import { callFailed } from './builders.js';
import { pythonTruthy } from './json-values.js';
import type { CheckDefinition, RunContext, Verdict } from '../model/check.js';

export interface ServedProbe {
  group: string;
  name: string;
  spec: RpcSpec;
  /** Why the core will call it, from the metadata; undefined when it never will. */
  neededBecause(metadata: JsonObject): string | undefined;
  /** Said when it is not needed, as the skip reason. */
  notNeeded: string;
  /** What the core does when the method is missing. */
  notServedEffect: string;
  /** What the core does when its call (with the given secret) fails. */
  failureEffect: string;
  inspect?(response: Decoded | Decoded[], context: RunContext): Verdict;
  /** Where the core's call and what it reads from the answer are described. */
  sources: readonly CheckSource[];
}

export function servedProbeCheck(probe: ServedProbe): CheckDefinition {
  const { spec } = probe;
  return {
    group: probe.group,
    name: probe.name,
    sources: probe.sources,
    description: `${spec.rpc} is served when init metadata makes the core call it (probed with the given options and secret data: only UNIMPLEMENTED means not served)`,
    requires: ['init/responds'],
    calls: 1,
    rpcs: [spec.rpc],
    async run(context) {
      const because = probe.neededBecause(context.facts.metadata ?? {});
      if (because === undefined) return { status: 'skipped', message: probe.notNeeded };
      const outcome = await context.call(spec, context.request(spec));
      if (outcome.ok) return probe.inspect ? probe.inspect(outcome.value, context) : { status: 'passed' };
      const { codeName, details } = outcome.failure;
      if (codeName === 'UNIMPLEMENTED') {
        return {
          status: 'failed',
          message: `${because}, but ${spec.rpc} is not served (UNIMPLEMENTED: ${details})`,
          details: [{ message: details, grpcCode: codeName, expected: `${spec.rpc} served`, coreEffect: probe.notServedEffect }],
        };
      }
      if (codeName === 'UNAVAILABLE' || pythonTruthy(context.config.secretData)) return callFailed(spec, outcome.failure, probe.failureEffect);
      return {
        status: 'passed',
        warnings: [`${spec.rpc} is served (it answered ${codeName}, not UNIMPLEMENTED: ${details}); give --secret-data to check its answer with real credentials`],
      };
    },
  };
}
