/**
 * A call the core makes on its own but whose failure it swallows (inventory's Job.get_tasks):
 * not served or failing is at most a warning that says what the core does instead; only an
 * answer the core would trip over fails.
 */
import type { RpcSpec } from '../model/service-type.js';
import type { CheckSource } from '../spec.js';
import type { Decoded } from '../grpc/protos.js';
import { callFailed } from './builders.js';
import type { CheckDefinition, RunContext, Verdict } from '../model/check.js';

export interface ToleratedCall {
  group: string;
  name: string;
  spec: RpcSpec;
  /** What the core does when the call fails or is not served. */
  fallback: string;
  /** Judges an OK answer. */
  inspect(response: Decoded | Decoded[], context: RunContext): Verdict;
  /** Where the core's call and its fallback are described. */
  sources: readonly CheckSource[];
}

export function toleratedCallCheck(call: ToleratedCall): CheckDefinition {
  const { spec } = call;
  return {
    group: call.group,
    name: call.name,
    sources: call.sources,
    description: `${spec.rpc} with the given options and secret data: errors are only warnings (the core swallows them), a malformed answer fails`,
    requires: ['connect/channel-ready'],
    calls: 1,
    rpcs: [spec.rpc],
    async run(context) {
      const outcome = await context.call(spec, context.request(spec));
      if (outcome.ok) return call.inspect(outcome.value, context);
      const { codeName, details } = outcome.failure;
      // A lost connection stays an error, so the run notices the target went away.
      if (codeName === 'UNAVAILABLE') return callFailed(spec, outcome.failure, `the core swallows this too: ${call.fallback}`);
      const said = codeName === 'UNIMPLEMENTED' ? `${spec.rpc} is not served (UNIMPLEMENTED)` : `${spec.rpc} answered ${codeName}: ${details}`;
      return { status: 'passed', warnings: [`${said}; the core swallows this: ${call.fallback}`] };
    },
  };
}
