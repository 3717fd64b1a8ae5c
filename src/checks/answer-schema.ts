/**
 * Judges what a plugin answered (a unary response, or a stream's messages as one list) against a
 * schema under schemas/ with `x-core-effect` annotations, the same way init metadata is judged.
 */
import type { Decoded } from '../grpc/protos.js';
import type { Json } from '../grpc/struct.js';
import type { CheckDetail } from '../model/results.js';
import { validateAgainst } from './schema.js';
import { passedWith } from './combinators.js';
import type { RunContext, Verdict } from '../model/check.js';

export interface AnswerRules {
  /** File under schemas/; a stream is validated as an array of its messages. Without one, only
   * what MessageToDict cannot convert fails. */
  schema?: string;
  /** What was judged, for the failure line: e.g. "the collect stream". */
  what: string;
  /** What the core tolerates in this answer but a person should know. */
  warnings?: (answer: Json) => string[];
}

export function answerInspector(rules: AnswerRules): (response: Decoded | Decoded[], context: RunContext) => Verdict {
  return (response) => {
    const messages = Array.isArray(response) ? response : [response];
    const answer: Json = Array.isArray(response) ? messages.map((item) => item.message) : (response.message as Json);
    const details: CheckDetail[] = [
      ...messages.flatMap((item, index) => item.problems.map((problem) => ({
        message: problem.problem,
        path: Array.isArray(response) ? problem.path.replace(/^\$/, `$[${index}]`) : problem.path,
        coreEffect: 'MessageToDict raises on this value, so the core cannot read the answer',
      }))),
      ...(rules.schema ? validateAgainst(rules.schema, answer) : []),
    ];
    const warnings = rules.warnings?.(answer) ?? [];
    if (details.length === 0) return passedWith(warnings);
    const verdict: Verdict = { status: 'failed', message: `${rules.what} breaks ${details.length} rule(s): ${details[0]?.message}`, details };
    return warnings.length > 0 ? { ...verdict, warnings } : verdict;
  };
}
