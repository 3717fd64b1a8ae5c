/** Reference plugins by service type: what `serve` and the tests can start. */
import type { Variant } from './server.js';
import { notificationProtocolVariants } from './notification-protocol.js';
import { identityExternalAuthVariants } from './identity-external-auth.js';
import { identityDomainVariants } from './identity-domain.js';
import { identityProviderVariants } from './identity-provider.js';

export const REFERENCE_PLUGINS: Record<string, Record<string, Variant>> = {
  'notification.Protocol': notificationProtocolVariants,
  'identity.ExternalAuth': identityExternalAuthVariants,
  'identity.Domain': identityDomainVariants,
  'identity.Provider': identityProviderVariants,
};
