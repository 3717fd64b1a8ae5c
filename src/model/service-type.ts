import type { JsonObject } from '../grpc/struct.js';
import type { CheckSource } from '../spec.js';

/**
 * What a run needs to know about one plugin service type. Each type is one declarative entry;
 * the CLI and the runner read entries and know no type by name.
 */

/** A call the core makes: `Service.method` by short service name, and the request keys it sends. */
export interface RpcSpec {
  rpc: `${string}.${string}`;
  /** Request keys the core sends (docs/core/<service>.md, its RPC tables); values come from the run's inputs. */
  sends: readonly string[];
  /** Values the core always sends for some of those keys (e.g. collect's `filter: {}`). */
  fixed?: JsonObject;
}

/** An input a user gives to opt into a call that may reach a real external system. */
export interface OptInInput {
  /** Input name; the CLI flag is `--<name>`. */
  name: string;
  /** The call it opts into; the given JSON supplies the request keys the run does not have. */
  rpc: RpcSpec;
  /** What the call reaches, said in --help and in the skip message. */
  reaches: string;
  /** Shown in --help: what the JSON holds. */
  help: string;
  /** Keys the given JSON object must carry; checked before anything runs. */
  requiredKeys: readonly string[];
  /** When the core makes this call and what it reads from the answer (docs/core/). */
  sources: readonly CheckSource[];
  /** When set, the given JSON is this one request field's whole value (e.g. Event.parse's `data`). */
  field?: string;
  /** Request values the core always fills in when the user leaves them out (e.g. notification_type INFO). */
  defaults?: JsonObject;
}

/** A value the user states about the plugin, e.g. the manifest's capability.monitoring_type. */
export interface ChoiceInput {
  /** Input name; the CLI flag is `--<name>`. */
  name: string;
  values: readonly string[];
  /** Shown in --help: what the value means and what happens without it. */
  help: string;
}

export interface ServiceEntry {
  /** Full name, e.g. spaceone.api.notification.plugin.Protocol; the core calls it by short name. */
  fullName: string;
  required: boolean;
  /**
   * Files of this service when they cannot share one protobuf Root with the entry's protoFiles
   * (same-package message names, protos/README.md); otherwise the entry's files are used.
   */
  protoFiles?: readonly string[];
}

/** Where this type's core behaviour is told (docs/core/) and read upstream, by what checks judge. */
export interface TypeSources {
  /** The services and RPCs the core calls, with the keys it sends (the contract group). */
  services: readonly CheckSource[];
  /** When the core calls init and what a failed init costs. */
  init: readonly CheckSource[];
  /** The init metadata keys the core reads, and what it does when they are missing or wrong. */
  metadata: readonly CheckSource[];
  /** Who calls verify; only for types with a verify RPC. */
  verify?: readonly CheckSource[];
  /** The manifest capability keys the core reads; only for types whose core reads some. */
  capability?: readonly CheckSource[];
}

/** Option keys the core itself demands before it calls the plugin: a rule for the operator, not the plugin. */
export interface OperatorOptionsRule {
  keys: readonly string[];
  /** Which core call refuses otherwise, and how; said in the usage error. */
  enforcedBy: string;
}

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

export interface ServiceTypeEntry {
  /** The manifest's resource_type, so users copy the word from their plugin.yaml. */
  name: string;
  aliases: readonly string[];
  /** One line for list-types. */
  description: string;
  /** Files under protos/ that declare this type's services. */
  protoFiles: readonly string[];
  /** Keyed by the short name the core calls. */
  services: Readonly<Record<string, ServiceEntry>>;
  init: RpcSpec;
  verify?: RpcSpec;
  /** File under schemas/ that init metadata must satisfy. */
  metadataSchema: string;
  sources: TypeSources;
  optIn: readonly OptInInput[];
  /** Values the user may state about the plugin; checks read them from RunConfig.choices. */
  choices?: readonly ChoiceInput[];
  /** When set, a run whose --options lack these keys is a usage error (exit 2), nothing dialled. */
  requiredOptions?: OperatorOptionsRule;
  /**
   * Core generations that call this type (docs/core/README.md#core-generations); both when absent. A type only 1.x
   * cores call is judged by their static stubs: field numbers and file paths then fail, not warn.
   */
  coreGenerations?: readonly ('1.x' | '2.x')[];
  /** What this type's core reads from a plugin's manifest `capability` (none when absent). */
  manifest?: ManifestRules;
}

/** The request values an opt-in input gives: the user's JSON over what the core fills in by default. */
export function optInRequestValues(input: OptInInput, given: JsonObject): JsonObject {
  return input.field ? { ...input.defaults, [input.field]: given } : { ...input.defaults, ...given };
}
