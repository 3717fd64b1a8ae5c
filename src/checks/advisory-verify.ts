/**
 * verify for types whose core calls it only from a verify_plugin API that writes no state, with
 * no secret, and whose working path never depends on it (capabilities.md §3.4, §4). A plugin
 * whose verify fails still works in Cloudforet (the aws-sns webhook's verify always fails), so a
 * failing answer is a warning saying what a user pressing "verify" would see, not a failure.
 * A hang or a lost connection is still an error: the harness cannot finish the call.
 */
import type { ServiceTypeEntry } from '../model/service-type.js';
import { callFailed } from './builders.js';
import type { CheckDefinition } from '../model/check.js';

export function advisoryVerifyCheck(entry: ServiceTypeEntry, consequence: string): CheckDefinition {
  const spec = entry.verify;
  if (!spec) throw new Error(`${entry.name} has no verify RPC`);
  return {
    group: 'verify',
    name: 'active',
    description: `${spec.rpc} answers OK (ACTIVE); a failure is a warning, since only the verify_plugin API calls it`,
    requires: ['connect/channel-ready'],
    calls: 1,
    async run(context) {
      const outcome = await context.unary(spec, context.request(spec));
      if (outcome.ok) return { status: 'passed' };
      const { codeName, details } = outcome.failure;
      if (codeName === 'DEADLINE_EXCEEDED' || codeName === 'UNAVAILABLE') return callFailed(spec, outcome.failure, consequence);
      return { status: 'passed', warnings: [`${spec.rpc} answered ${codeName}: ${details} — ${consequence}`] };
    },
  };
}
