/** The registry of service types, derived from the list in suites/index.ts: adding a type is its folder there. */
import type { ServiceTypeEntry } from '../model/service-type.js';
import { SERVICE_TYPE_LIST } from '../../suites/index.js';

export const SERVICE_TYPES: readonly ServiceTypeEntry[] = SERVICE_TYPE_LIST.map((type) => type.entry);

export function findServiceType(name: string): ServiceTypeEntry | undefined {
  return SERVICE_TYPES.find((entry) => entry.name === name || entry.aliases.includes(name));
}

export function typeNames(): string[] {
  return SERVICE_TYPES.flatMap((entry) => [entry.name, ...entry.aliases]);
}

/** Opt-in inputs of every type, once each by name, so the CLI can offer their flags. */
export function allOptInInputs(): ServiceTypeEntry['optIn'] {
  const seen = new Map<string, ServiceTypeEntry['optIn'][number]>();
  for (const entry of SERVICE_TYPES) for (const input of entry.optIn) if (!seen.has(input.name)) seen.set(input.name, input);
  return [...seen.values()];
}

/** Choices of every type, once each by name, so the CLI can offer their flags. */
export function allChoiceInputs(): NonNullable<ServiceTypeEntry['choices']> {
  const seen = new Map<string, NonNullable<ServiceTypeEntry['choices']>[number]>();
  for (const entry of SERVICE_TYPES) for (const choice of entry.choices ?? []) if (!seen.has(choice.name)) seen.set(choice.name, choice);
  return [...seen.values()];
}
