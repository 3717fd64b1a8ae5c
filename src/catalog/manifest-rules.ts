/**
 * What the core of each service type reads from a plugin's manifest `capability`, keyed by type
 * name (docs/core/README.md#manifest and the "Manifest capability" section of each docs/core/ file). A type without an entry: its core reads no capability key
 * the harness can judge. Adding a rule is data here (and a schema under schemas/capability/).
 */

/** The init metadata keys the core's model for one capability value allows and requires. */
export interface MetadataModel {
  allowed: readonly string[];
  required: readonly string[];
}

export interface ManifestRules {
  /** Schema under schemas/ that `capability` must satisfy: the keys this type's core requires. */
  capabilitySchema?: string;
  /**
   * A capability key whose value picks the model the core validates init metadata with: the
   * manifest and the plugin must agree on it.
   */
  metadataModelBy?: {
    key: string;
    models: Readonly<Record<string, MetadataModel>>;
    /** What the core does when init metadata does not fit the model the manifest picks. */
    coreEffect: string;
  };
  /** Capability keys the core ignores in favour of the same key in init metadata: a disagreement misleads readers only. */
  shadowedByMetadata?: readonly { key: string; coreEffect: string }[];
}

export const MANIFEST_RULES: Readonly<Record<string, ManifestRules>> = {
  'notification.Protocol': {
    capabilitySchema: 'capability/notification.Protocol.json',
    shadowedByMetadata: [
      {
        key: 'data_type',
        coreEffect: 'the notification core never reads capability.data_type; it stores and reads channel data by metadata.data_type',
      },
    ],
  },
  'monitoring.DataSource': {
    capabilitySchema: 'capability/monitoring.DataSource.json',
    metadataModelBy: {
      key: 'monitoring_type',
      models: {
        METRIC: { allowed: ['supported_stat', 'required_keys', 'supported_providers'], required: ['supported_stat'] },
        LOG: { allowed: ['required_keys', 'view', 'supported_providers'], required: [] },
      },
      coreEffect:
        'the monitoring core validates init metadata with the strict model of the manifest\'s monitoring_type at data source registration: a missing field or any other key raises ERROR_INVALID_PLUGIN_OPTIONS and registration fails',
    },
  },
};

export function manifestRulesOf(typeName: string): ManifestRules {
  return MANIFEST_RULES[typeName] ?? {};
}
