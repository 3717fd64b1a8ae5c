/**
 * Wrappers that change when a check runs or what it adds to its verdict, so a suite can say
 * "only when the core would call it" or "and warn about this" without a new builder.
 */
import { pythonTruthy } from './json-values.js';
import { skippedVerdict, type CheckDefinition, type RunContext, type SkipReason, type Verdict } from '../model/check.js';

/**
 * Runs the check only when the core would make its call: otherwise it is skipped, saying why (e.g.
 * Log.list for a METRIC data source, verify without a secret). `requires` names the checks the
 * condition reads its facts from. The check itself stays as its builder made it.
 */
export function onlyWhen(
  check: CheckDefinition,
  condition: { requires?: readonly string[]; skipReason(context: RunContext): SkipReason | undefined },
): CheckDefinition {
  return {
    ...check,
    requires: [...(check.requires ?? []), ...(condition.requires ?? [])],
    async run(context) {
      const reason = condition.skipReason(context);
      return reason === undefined ? check.run(context) : skippedVerdict(reason);
    },
  };
}

/** For calls the core makes only with a stored secret: skipped (saying why) unless secret data was given. */
export function whenSecretGiven(why: string): (context: RunContext) => SkipReason | undefined {
  return (context) => (pythonTruthy(context.config.secretData) ? undefined : { message: why, howToRun: SECRET_DATA_HINT });
}

/** What runs a verify the core makes only with a secret. */
export const SECRET_DATA_HINT = 'give --secret-data JSON|@file';

/** Adds warnings (what the core tolerates but a person should know) to the check's verdict. */
export function withWarnings(check: CheckDefinition, warningsOf: (context: RunContext) => string[]): CheckDefinition {
  return {
    ...check,
    async run(context) {
      const verdict = await check.run(context);
      if (verdict.status === 'skipped' || verdict.status === 'error') return verdict;
      const warnings = [...(verdict.warnings ?? []), ...warningsOf(context)];
      return warnings.length > 0 ? { ...verdict, warnings } : verdict;
    },
  };
}

/** Verdict helper: passed, carrying warnings only when there are some. */
export function passedWith(warnings: readonly string[]): Verdict {
  return warnings.length > 0 ? { status: 'passed', warnings: [...warnings] } : { status: 'passed' };
}
