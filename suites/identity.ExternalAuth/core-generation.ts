/**
 * Where one plugin type is used by two core generations with different services (identity: 1.x
 * cores call Auth, the 2.x core calls ExternalAuth), every verdict says which generation it is about.
 */
import type { CheckDefinition, Verdict } from '../../src/model/check.js';

export const CORE_1X = '1.x identity cores';
export const CORE_2X = '2.x identity core';

/** The check as it concerns one core generation: named in its description, its message and warnings. */
export function concerning(generation: string, check: CheckDefinition): CheckDefinition {
  return {
    ...check,
    description: `${check.description} [${generation}]`,
    async run(context) {
      return labelled(generation, await check.run(context));
    },
  };
}

function labelled(generation: string, verdict: Verdict): Verdict {
  const tag = `[${generation}]`;
  if (verdict.status === 'skipped') return { ...verdict, message: `${tag} ${verdict.message}` };
  const warnings = verdict.warnings?.map((warning) => `${tag} ${warning}`);
  const withWarnings = warnings ? { warnings } : {};
  if (verdict.status === 'passed') return { ...verdict, ...withWarnings };
  return { ...verdict, ...withWarnings, message: `${tag} ${verdict.message}` };
}
