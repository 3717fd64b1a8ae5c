/** Reference plugins by service type: what `serve` and the tests can start. */
import type { Variant } from './server.js';
import { notificationProtocolVariants } from './notification-protocol.js';
import { withContractVariants } from './contract-variants.js';

export const REFERENCE_PLUGINS: Record<string, Record<string, Variant>> = withContractVariants({
  'notification.Protocol': notificationProtocolVariants,
});
