/**
 * Every service type the harness checks, in the order list-types shows them: the one list the
 * catalog, the suites, the manifest rules, the requirement catalogue and the reference plugins are
 * derived from. A type is its folder here (entry.ts, suite.ts and its own logic); README
 * "Development" lists the rest of its files. The entry is cheap data, loaded with the list; the
 * suite, which pulls in the check modules, is loaded only when a run needs it, by a literal
 * import() so a bundler and the type checker see every suite (its type is inferred from them, so
 * this list imports nothing that imports the run configuration back).
 */
import type { ServiceTypeEntry } from '../src/model/service-type.js';
import { notificationProtocol } from './notification.Protocol/entry.js';
import { inventoryCollector } from './inventory.Collector/entry.js';
import { costAnalysisDataSource } from './cost_analysis.DataSource/entry.js';
import { monitoringDataSource } from './monitoring.DataSource/entry.js';
import { monitoringWebhook } from './monitoring.Webhook/entry.js';
import { alertManagerWebhook } from './alert_manager.Webhook/entry.js';
import { alertManagerProtocol } from './alert_manager.Protocol/entry.js';
import { identityExternalAuth } from './identity.ExternalAuth/entry.js';
import { identityDomain } from './identity.Domain/entry.js';
import { identityProvider } from './identity.Provider/entry.js';

export const SERVICE_TYPE_LIST = [
  { entry: notificationProtocol, loadSuite: () => import('./notification.Protocol/suite.js') },
  { entry: inventoryCollector, loadSuite: () => import('./inventory.Collector/suite.js') },
  { entry: costAnalysisDataSource, loadSuite: () => import('./cost_analysis.DataSource/suite.js') },
  { entry: monitoringDataSource, loadSuite: () => import('./monitoring.DataSource/suite.js') },
  { entry: monitoringWebhook, loadSuite: () => import('./monitoring.Webhook/suite.js') },
  { entry: alertManagerWebhook, loadSuite: () => import('./alert_manager.Webhook/suite.js') },
  { entry: alertManagerProtocol, loadSuite: () => import('./alert_manager.Protocol/suite.js') },
  { entry: identityExternalAuth, loadSuite: () => import('./identity.ExternalAuth/suite.js') },
  { entry: identityDomain, loadSuite: () => import('./identity.Domain/suite.js') },
  { entry: identityProvider, loadSuite: () => import('./identity.Provider/suite.js') },
] as const satisfies readonly { entry: ServiceTypeEntry; loadSuite(): Promise<unknown> }[];
