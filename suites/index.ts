/**
 * Every type's suite, each loaded only when a run needs it. Literal imports, so a bundler and the
 * type checker see every suite; a test checks that the catalog and this list name the same types.
 */
import type { Suite } from '../src/model/suite.js';

export const SUITES: Readonly<Record<string, () => Promise<{ default: Suite }>>> = {
  'alert_manager.Protocol': () => import('./alert_manager.Protocol/suite.js'),
  'alert_manager.Webhook': () => import('./alert_manager.Webhook/suite.js'),
  'cost_analysis.DataSource': () => import('./cost_analysis.DataSource/suite.js'),
  'identity.Domain': () => import('./identity.Domain/suite.js'),
  'identity.ExternalAuth': () => import('./identity.ExternalAuth/suite.js'),
  'identity.Provider': () => import('./identity.Provider/suite.js'),
  'inventory.Collector': () => import('./inventory.Collector/suite.js'),
  'monitoring.DataSource': () => import('./monitoring.DataSource/suite.js'),
  'monitoring.Webhook': () => import('./monitoring.Webhook/suite.js'),
  'notification.Protocol': () => import('./notification.Protocol/suite.js'),
};
