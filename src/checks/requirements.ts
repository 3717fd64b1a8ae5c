/**
 * The requirement catalogue: every check of every type with its stable ID, group, whether it is
 * required, and one line of description. Derived from the check definitions themselves (the same
 * ones a run executes), so it needs no plugin and cannot drift from what runs.
 */
import type { ServiceTypeEntry } from '../model/service-type.js';
import type { RunConfig } from '../config.js';
import { SERVICE_TYPE_LIST } from '../../suites/index.js';
import type { CheckDefinition } from '../model/check.js';
import { leadingChecks, trailingChecks } from './groups/every-type.js';
import { MANIFEST_GROUP } from './groups/manifest.js';
import { checkId, type Suite } from '../model/suite.js';
import type { CheckSource } from '../spec.js';

export interface Requirement {
  id: string;
  type: string;
  group: string;
  name: string;
  required: boolean;
  description: string;
  /** `group/name` of the checks that must pass first. */
  requires: string[];
  /** The input the check needs to run: --manifest, or an opt-in flag. */
  needs?: string;
  /** Where the rule comes from: docs/core/ and the upstream file. */
  sources: CheckSource[];
}

export function isRequired(check: CheckDefinition): boolean {
  return check.required !== false;
}

/** Every check of a type, in run order: connect, the type's suite, the groups every type runs. */
export async function checksOf(entry: ServiceTypeEntry): Promise<CheckDefinition[]> {
  const suite = await loadSuite(entry.name);
  return [...leadingChecks(entry), ...suite(entry), ...trailingChecks(entry)];
}

/**
 * The checks one run executes. Manifest checks run when a manifest is given; without a target
 * only they run. The rest of a run's choices (--grep, opt-in inputs) are reported per check.
 */
export async function checksForRun(config: RunConfig): Promise<CheckDefinition[]> {
  const checks = await checksOf(config.entry);
  return checks.filter((check) => (check.group === MANIFEST_GROUP ? config.manifest !== undefined : config.target !== undefined));
}

export async function requirementsOf(entry: ServiceTypeEntry): Promise<Requirement[]> {
  return (await checksOf(entry)).map((check) => {
    const requirement: Requirement = {
      id: checkId(entry, check),
      type: entry.name,
      group: check.group,
      name: check.name,
      required: isRequired(check),
      description: check.description,
      requires: [...(check.requires ?? [])],
      sources: [...check.sources],
    };
    const needs = check.group === MANIFEST_GROUP ? '--manifest' : check.optIn ? `--${check.optIn}` : undefined;
    if (needs) requirement.needs = needs;
    return requirement;
  });
}

/** The suite of a type, loaded (with the check modules it uses) only when asked for. */
async function loadSuite(typeName: string): Promise<Suite> {
  const type = SERVICE_TYPE_LIST.find((candidate) => candidate.entry.name === typeName);
  if (!type) throw new Error(`no suite for ${typeName}`);
  return (await type.loadSuite()).default;
}
