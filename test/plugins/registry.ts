/** Reference plugins by service type: what `serve` and the tests can start. */
import { findServiceType } from '../../src/catalog/index.js';
import type { Variant } from './server.js';
import { notificationProtocolVariants } from './notification-protocol.js';
import { inventoryCollectorVariants } from './inventory-collector.js';
import { costAnalysisDataSourceVariants } from './cost-analysis-data-source.js';
import { monitoringDataSourceVariants } from './monitoring-data-source.js';
import { monitoringWebhookVariants } from './monitoring-webhook.js';
import { alertManagerWebhookVariants } from './alert-manager-webhook.js';
import { alertManagerProtocolVariants } from './alert-manager-protocol.js';
import { identityExternalAuthVariants } from './identity-external-auth.js';
import { identityDomainVariants } from './identity-domain.js';
import { identityProviderVariants } from './identity-provider.js';
import { robustnessDefects } from './robustness-defects.js';
import { withContractVariants } from './contract-variants.js';

const BY_TYPE: Record<string, Record<string, Variant>> = {
  'notification.Protocol': notificationProtocolVariants,
  'inventory.Collector': inventoryCollectorVariants,
  'cost_analysis.DataSource': costAnalysisDataSourceVariants,
  'monitoring.DataSource': monitoringDataSourceVariants,
  'monitoring.Webhook': monitoringWebhookVariants,
  'alert_manager.Webhook': alertManagerWebhookVariants,
  'alert_manager.Protocol': alertManagerProtocolVariants,
  'identity.ExternalAuth': identityExternalAuthVariants,
  'identity.Domain': identityDomainVariants,
  'identity.Provider': identityProviderVariants,
};

/** Every type with a conforming plugin also gets the generic robustness defects built from it. */
function withRobustnessDefects(byType: Record<string, Record<string, Variant>>): Record<string, Record<string, Variant>> {
  return Object.fromEntries(
    Object.entries(byType).map(([type, variants]) => {
      const entry = findServiceType(type);
      const conforming = variants['conforming'];
      return [type, entry && conforming ? { ...robustnessDefects(entry, conforming), ...variants } : variants];
    }),
  );
}

export const REFERENCE_PLUGINS: Record<string, Record<string, Variant>> = withContractVariants(withRobustnessDefects(BY_TYPE));
