/**
 * Checks every service type runs, around its own suite: connecting first, interface-wide groups
 * before the suite and after it. A group common to all types is added here, not in each suite.
 */
import type { ServiceTypeEntry } from '../catalog/types.js';
import type { CheckDefinition } from './check.js';
import { connectCheck } from './builders.js';
import { manifestChecks } from './manifest.js';

export function leadingChecks(_entry: ServiceTypeEntry): CheckDefinition[] {
  return [connectCheck()];
}

export function trailingChecks(entry: ServiceTypeEntry): CheckDefinition[] {
  return [...manifestChecks(entry)];
}
