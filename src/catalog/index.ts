/** The registry of service types: adding a type is one entry here, a schema and a suite. */
import type { ServiceTypeEntry } from './types.js';
import { notificationProtocol } from './notification-protocol.js';
import { identityDomain, identityExternalAuth } from './identity-auth.js';
import { identityProvider } from './identity-provider.js';

export const SERVICE_TYPES: readonly ServiceTypeEntry[] = [notificationProtocol, identityExternalAuth, identityDomain, identityProvider];

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
