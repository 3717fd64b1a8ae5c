/**
 * What counts as passing, applied to each result as it is recorded: --strict, the --known-failures
 * file and the --profile. `ci` (default) fails on failures and errors; --strict also on warnings;
 * `certification` implies --strict and also demands that every required check runs and passes,
 * and that every input it needs is given.
 */
import type { RunConfig } from '../config.js';
import type { CheckDefinition } from '../model/check.js';
import type { CheckResult } from '../model/results.js';
import { UsageError } from '../usage.js';

export function applyPolicy(config: RunConfig, result: CheckResult): CheckResult {
  return applyProfile(config, applyKnownFailures(config, applyStrict(config, result)));
}

/** As `helm lint --strict` and `sphinx -W`: a warning fails the check that carries it. A known-failures entry can still accept it. */
function applyStrict(config: RunConfig, result: CheckResult): CheckResult {
  if (!config.strict || result.status !== 'passed' || result.warnings.length === 0) return result;
  const count = result.warnings.length;
  return {
    ...result,
    status: 'failed',
    message: `--strict: ${count} warning${count === 1 ? '' : 's'} fail${count === 1 ? 's' : ''} this check: ${result.warnings[0]}${count > 1 ? ' (and more below)' : ''}`,
    overruled: { status: 'passed', by: config.profile === 'certification' ? '--profile certification (implies --strict)' : '--strict' },
  };
}

function applyKnownFailures(config: RunConfig, result: CheckResult): CheckResult {
  const known = config.knownFailures;
  const match = known?.match(result.id);
  if (!known || !match) return result;
  if (result.status !== 'failed' && result.status !== 'error') return result;
  if (certifies(config, result)) {
    return { ...result, warnings: [...result.warnings, `known-failures entry "${match.pattern}" does not excuse a required check in the certification profile`] };
  }
  return { ...result, knownFailure: match };
}

function applyProfile(config: RunConfig, result: CheckResult): CheckResult {
  if (!certifies(config, result) || result.status !== 'skipped') return result;
  return {
    ...result,
    status: 'failed',
    message: `certification requires this check to run and pass, but it was skipped: ${result.message}`,
    overruled: { status: 'skipped', by: '--profile certification' },
  };
}

function certifies(config: RunConfig, result: CheckResult): boolean {
  return config.profile === 'certification' && result.required;
}

/**
 * The flags a certification run lacks: a target, an explicit type to cross-check the manifest
 * with, the manifest, and the input of every required opt-in check. Asked before anything runs.
 */
export function missingCertificationInputs(config: RunConfig, checks: readonly CheckDefinition[]): string[] {
  if (config.profile !== 'certification') return [];
  const missing: string[] = [];
  if (!config.target) missing.push('--target');
  if (config.typeSource !== 'flag') missing.push('--type');
  if (!config.manifest) missing.push('--manifest');
  for (const check of checks) {
    const input = check.optIn;
    if (input && check.required !== false && !config.optIn[input] && !missing.includes(`--${input}`)) missing.push(`--${input}`);
  }
  return missing;
}

/**
 * An entry is stale when nothing it matches fails any more: at least one of its checks passed,
 * none failed or errored, and none was left unrun (then nothing is known). A glob over a group
 * makes one stale failure, on the first of its checks that passed, not one per passing check.
 */
export function markStaleEntries(config: RunConfig, results: readonly CheckResult[]): CheckResult[] {
  const known = config.knownFailures;
  if (!known) return [...results];
  const marked = [...results];
  for (const entry of known.entries) {
    const matched = marked.filter((result) => known.match(result.id)?.pattern === entry.pattern);
    const reached = matched.map((result) => result.overruled?.status ?? result.status);
    const unknown = matched.some((result) => result.status === 'not-run' || (config.grep !== undefined && !config.grep.test(result.id)));
    if (unknown || !reached.includes('passed') || reached.some((status) => status === 'failed' || status === 'error')) continue;
    const index = marked.findIndex((result) => result === matched[reached.indexOf('passed')]);
    const passing = marked[index];
    if (!passing) continue;
    const scope = matched.length === 1 ? 'this check passes now' : `none of the ${matched.length} checks it matches fails now`;
    marked[index] = {
      ...passing,
      status: 'failed',
      message: `stale known-failures entry "${entry.pattern}": ${scope}; remove the entry from ${known.file}`,
      overruled: { status: 'passed', by: `--known-failures ${known.file}` },
    };
  }
  return marked;
}

/**
 * A selection that selects nothing would let a CI gate pass without checking what was asked:
 * --grep matching no check of this run, a known-failures entry matching no check of the type.
 */
export function assertSelectionsMatch(config: RunConfig, runIds: readonly string[], typeIds: readonly string[]): void {
  const list = `see: plugin-conformance list --type ${config.entry.name}`;
  if (config.grep && !runIds.some((id) => config.grep?.test(id))) {
    throw new UsageError(`--grep "${config.grep.source.replace(/\\\//g, '/')}" matches no check of this ${config.entry.name} run (${list})`);
  }
  const unused = config.knownFailures?.unused(typeIds) ?? [];
  if (config.knownFailures && unused.length > 0) {
    throw new UsageError(`--known-failures ${config.knownFailures.file}: entry "${unused.map((entry) => entry.pattern).join('", "')}" matches no check of ${config.entry.name} (${list})`);
  }
}

/** Known-failures entries this run's checks did not match: a typo, or a check of another type. */
export function policyNotes(config: RunConfig, results: readonly CheckResult[]): string[] {
  const known = config.knownFailures;
  if (!known) return [];
  return known.unused(results.map((result) => result.id)).map((entry) => `known-failures entry "${entry.pattern}" matches no check of this run`);
}
