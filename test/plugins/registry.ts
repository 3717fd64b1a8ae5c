/** Reference plugins by service type: what `serve` and the tests can start. */
import { findServiceType } from '../../src/catalog/index.js';
import type { Variant } from './server.js';
import { notificationProtocolVariants } from './notification-protocol.js';
import { robustnessDefects } from './robustness-defects.js';

const BY_TYPE: Record<string, Record<string, Variant>> = {
  'notification.Protocol': notificationProtocolVariants,
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

export const REFERENCE_PLUGINS: Record<string, Record<string, Variant>> = withRobustnessDefects(BY_TYPE);
