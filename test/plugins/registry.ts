/** Reference plugins by service type: what `serve` and the tests can start. */
import { findServiceType, SERVICE_TYPES } from '../../src/catalog/index.js';
import type { Variant } from './server.js';
import { robustnessDefects } from './robustness-defects.js';
import { withContractVariants } from './contract-variants.js';

/**
 * A type's reference plugin is test/plugins/<file stem of its type>.ts (and its test
 * test/cli/<stem>.test.ts), exporting `<camelCase stem>Variants`: notification.Protocol ->
 * notification-protocol.ts, notificationProtocolVariants.
 */
export function typeFileStem(typeName: string): string {
  return typeName.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/[._]/g, '-').toLowerCase();
}

async function variantsOf(typeName: string): Promise<Record<string, Variant>> {
  const stem = typeFileStem(typeName);
  const module = (await import(`./${stem}.js`)) as Record<string, Record<string, Variant> | undefined>;
  const variants = module[`${stem.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}Variants`];
  if (!variants) throw new Error(`test/plugins/${stem}.ts exports no variants for ${typeName}`);
  return variants;
}

/** Every catalogued type's variants, in catalog order. */
const BY_TYPE: Record<string, Record<string, Variant>> = Object.fromEntries(
  await Promise.all(SERVICE_TYPES.map(async (entry) => [entry.name, await variantsOf(entry.name)] as const)),
);

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
