/**
 * What the core of each service type reads from a plugin's manifest `capability`, keyed by type
 * name (docs/core/README.md#manifest and the "Manifest capability" section of each docs/core/ file). A type without an entry: its core reads no capability key
 * the harness can judge. Adding a rule is data here (and a schema under schemas/capability/).
 */
import { SERVICE_TYPES } from './index.js';
import type { ManifestRules } from '../model/service-type.js';

export const MANIFEST_RULES: Readonly<Record<string, ManifestRules>> = Object.fromEntries(
  SERVICE_TYPES.flatMap((entry) => (entry.manifest ? [[entry.name, entry.manifest]] : [])),
);

export function manifestRulesOf(typeName: string): ManifestRules {
  return MANIFEST_RULES[typeName] ?? {};
}
