/**
 * What counts as passing, applied to each result as it is recorded: the --known-failures file
 * and the --profile. `ci` (default) fails on failures and errors; `certification` also demands
 * that every required check runs and passes, and that every input it needs is given.
 */
import type { RunConfig } from '../config.js';
import type { CheckDefinition } from '../model/check.js';
import type { CheckResult } from '../model/results.js';

export function applyPolicy(config: RunConfig, result: CheckResult): CheckResult {
  return applyProfile(config, applyKnownFailures(config, result));
}

function applyKnownFailures(config: RunConfig, result: CheckResult): CheckResult {
  const known = config.knownFailures;
  const match = known?.match(result.id);
  if (!known || !match) return result;
  if (result.status === 'passed') {
    return {
      ...result,
      status: 'failed',
      message: `stale known-failures entry "${match.pattern}": this check passes now; remove the entry from ${known.file}`,
      overruled: { status: 'passed', by: `--known-failures ${known.file}` },
    };
  }
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

/** Known-failures entries this run's checks did not match: a typo, or a check of another type. */
export function policyNotes(config: RunConfig, results: readonly CheckResult[]): string[] {
  const known = config.knownFailures;
  if (!known) return [];
  return known.unused(results.map((result) => result.id)).map((entry) => `known-failures entry "${entry.pattern}" matches no check of this run`);
}
