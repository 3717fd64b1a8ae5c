/** A suite is a list of checks for one service type, composed from the shared builders. */
import type { ServiceTypeEntry } from './service-type.js';
import type { CheckDefinition } from './check.js';

export type Suite = (entry: ServiceTypeEntry) => CheckDefinition[];

export function defineSuite(suite: Suite): Suite {
  return suite;
}

export function checkId(entry: ServiceTypeEntry, check: Pick<CheckDefinition, 'group' | 'name'>): string {
  return `${entry.name}/${check.group}/${check.name}`;
}
