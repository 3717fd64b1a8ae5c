/** Reference plugins by service type: what `serve` and the tests can start. */
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

export const REFERENCE_PLUGINS: Record<string, Record<string, Variant>> = {
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
