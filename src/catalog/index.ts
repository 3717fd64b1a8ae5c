/** The registry of service types: adding a type is one entry here, a schema and a suite. */
import type { ServiceTypeEntry } from './types.js';
import { notificationProtocol } from './notification-protocol.js';
import { inventoryCollector } from './inventory-collector.js';
import { costAnalysisDataSource } from './cost-analysis-data-source.js';
import { monitoringDataSource } from './monitoring-data-source.js';
import { monitoringWebhook } from './monitoring-webhook.js';
import { alertManagerProtocol, alertManagerWebhook } from './alert-manager.js';
import { identityDomain, identityExternalAuth } from './identity-auth.js';
import { identityProvider } from './identity-provider.js';

export const SERVICE_TYPES: readonly ServiceTypeEntry[] = [
  notificationProtocol,
  inventoryCollector,
  costAnalysisDataSource,
  monitoringDataSource,
  monitoringWebhook,
  alertManagerWebhook,
  alertManagerProtocol,
  identityExternalAuth,
  identityDomain,
  identityProvider,
];

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
