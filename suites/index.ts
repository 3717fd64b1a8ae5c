/**
 * Every type's suite, each loaded only when a run needs it. Literal imports, so a bundler and the
 * type checker see every suite; a test checks that the catalog and this list name the same types.
 */
import type { Suite } from '../src/checks/suite.js';

export const SUITES: Readonly<Record<string, () => Promise<{ default: Suite }>>> = {
  'alert_manager.Protocol': () => import('./alert_manager.Protocol.js'),
  'alert_manager.Webhook': () => import('./alert_manager.Webhook.js'),
  'cost_analysis.DataSource': () => import('./cost_analysis.DataSource.js'),
  'identity.Domain': () => import('./identity.Domain.js'),
  'identity.ExternalAuth': () => import('./identity.ExternalAuth.js'),
  'identity.Provider': () => import('./identity.Provider.js'),
  'inventory.Collector': () => import('./inventory.Collector.js'),
  'monitoring.DataSource': () => import('./monitoring.DataSource.js'),
  'monitoring.Webhook': () => import('./monitoring.Webhook.js'),
  'notification.Protocol': () => import('./notification.Protocol.js'),
};
