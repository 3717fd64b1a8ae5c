/**
 * Checks every service type runs, around its own suite: connecting first, interface-wide groups
 * before the suite and after it. A group common to all types is added here, not in each suite.
 */
import type { ServiceTypeEntry } from '../../model/service-type.js';
import type { CheckDefinition } from '../../model/check.js';
import { connectCheck } from '../builders.js';
import { robustnessChecks } from './robustness.js';
import { contractChecks } from './contract.js';
import { manifestChecks } from './manifest.js';

export function leadingChecks(entry: ServiceTypeEntry): CheckDefinition[] {
  return [connectCheck(), ...contractChecks(entry)];
}

export function trailingChecks(entry: ServiceTypeEntry): CheckDefinition[] {
  return [...manifestChecks(entry), ...robustnessChecks(entry)];
}
