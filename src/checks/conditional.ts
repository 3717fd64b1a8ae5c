/**
 * A check that applies only in some runs: it is skipped, saying why, when the condition says
 * the core would not make this call (e.g. Log.list for a METRIC data source, verify without a
 * secret). The check itself stays as its builder made it.
 */
import type { CheckDefinition, RunContext } from '../model/check.js';

export function onlyWhen(
  check: CheckDefinition,
  condition: { requires?: readonly string[]; skipReason(context: RunContext): string | undefined },
): CheckDefinition {
  return {
    ...check,
    requires: [...(check.requires ?? []), ...(condition.requires ?? [])],
    async run(context) {
      const reason = condition.skipReason(context);
      return reason === undefined ? check.run(context) : { status: 'skipped', message: reason };
    },
  };
}
