/**
 * GitHub Actions annotations: when a run is a workflow step (GITHUB_ACTIONS=true), each failure
 * and warning is also one workflow command, so it shows on the run's summary page and not only
 * in the log. The text is the result's own, already redacted.
 */
import type { CheckResult } from '../model/results.js';
import { expectation } from './format.js';

/** The runner sets GITHUB_ACTIONS=true in every step it runs. */
export function annotationsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}

/** A command's message: %, CR and LF would end or garble it, so they are percent-encoded. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (title=...): also `:` (ends the properties) and `,` (separates them). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(level: 'error' | 'warning', title: string, message: string): string {
  return `::${level} title=${escapeProperty(title)}::${escapeData(message)}`;
}

/**
 * One `::error` per failed or errored check, one `::warning` per warning. A failure the
 * --known-failures file expects does not fail the run, so it is a warning that says so.
 */
export function annotationLines(result: CheckResult): string[] {
  const failing = result.status === 'failed' || result.status === 'error';
  const expected = expectation(result);
  if (failing && !expected) {
    // Its warnings (what --strict failed it for) belong in its one ::error, not again as ::warning lines.
    const unsaid = result.warnings.filter((warning) => !result.message.includes(warning));
    return [command('error', result.id, [failureText(result), ...unsaid].join('\n'))];
  }
  const expectedFailure = failing ? [command('warning', result.id, `${expected}: ${result.message}`)] : [];
  return [...expectedFailure, ...result.warnings.map((warning) => command('warning', result.id, warning))];
}

/** The message, and what the core would do, which is what makes a failure worth fixing. */
function failureText(result: CheckResult): string {
  const effects = [...new Set(result.details.map((detail) => detail.coreEffect).filter((effect): effect is string => Boolean(effect)))];
  return effects.length === 0 ? result.message : `${result.message}\ncore: ${effects.join('; ')}`;
}
