/** The registry of service types: adding a type is one entry here, a schema and a suite. */
import type { ServiceTypeEntry } from '../model/service-type.js';
import { notificationProtocol } from '../../suites/notification.Protocol/entry.js';
import { inventoryCollector } from '../../suites/inventory.Collector/entry.js';
import { costAnalysisDataSource } from '../../suites/cost_analysis.DataSource/entry.js';
import { monitoringDataSource } from '../../suites/monitoring.DataSource/entry.js';
import { monitoringWebhook } from '../../suites/monitoring.Webhook/entry.js';
import { alertManagerProtocol, alertManagerWebhook } from '../../suites/alert_manager.Protocol/entry.js';
import { identityDomain, identityExternalAuth } from '../../suites/identity.ExternalAuth/entry.js';
import { identityProvider } from '../../suites/identity.Provider/entry.js';

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
