/** The shape of one check, and the context every check runs in. */
import type protobuf from 'protobufjs';
import type { ServiceTypeEntry, RpcSpec } from './service-type.js';
import type { PluginClient, CallOutcome } from '../grpc/client.js';
import type { Decoded, MethodCodec } from '../grpc/protos.js';
import type { PluginReflection } from '../grpc/reflection.js';
import type { JsonObject } from '../grpc/struct.js';
import type { CheckDetail } from './results.js';
import type { RunConfig } from '../config.js';
import type { CheckSource } from '../spec.js';

/** Facts about the run a check established (e.g. the type it inferred), reported as JUnit properties. */
export type RunProperties = Record<string, string>;

export type Verdict =
  | { status: 'passed'; details?: CheckDetail[]; warnings?: string[]; properties?: RunProperties }
  | { status: 'failed' | 'error'; message: string; details?: CheckDetail[]; warnings?: string[]; properties?: RunProperties }
  | { status: 'skipped'; message: string; howToRun?: string };

/** Why a check is skipped in this run and, when an input would run it, what to give. */
export type SkipReason = string | { message: string; howToRun: string };

export function skippedVerdict(reason: SkipReason): Verdict {
  return typeof reason === 'string' ? { status: 'skipped', message: reason } : { status: 'skipped', message: `${reason.message}; ${reason.howToRun} to run it`, howToRun: reason.howToRun };
}

export interface CheckDefinition {
  group: string;
  name: string;
  /** One line: what passes. Listed by `plugin-conformance list` and in docs/requirements.md. */
  description: string;
  /**
   * Whether a plugin must pass this check to conform (default true: every check encodes something
   * the core needs). Optional checks report; the certification profile demands only required ones.
   */
  required?: boolean;
  /** The opt-in input (`--<name>`) this check needs; certification demands it when the check is required. */
  optIn?: string;
  /** `group/name` of checks that must pass first; otherwise this one is reported as not run. */
  requires?: readonly string[];
  /** Like requires, for checks a type's suite may not have (checks common to every type use it). */
  requiresWhenPresent?: readonly string[];
  /** How many RPC deadlines the check may spend; bounds its time. */
  calls?: number;
  /**
   * `Service.method` it calls with RunContext.call, unary or stream as the method is: one that
   * streams gets --stream-timeout in the check's budget instead of --timeout.
   */
  rpcs?: readonly string[];
  /** Where the rule comes from (docs/core/ and upstream); at least one, shown in every report. */
  sources: readonly CheckSource[];
  run(context: RunContext): Promise<Verdict>;
}

/** What checks learn from earlier checks in the same run. */
export interface RunFacts {
  metadata?: JsonObject;
  /** Metadata of an init other than the entry's own, by `Service.method` (identity.Domain's legacy Auth.init). */
  initMetadata?: Record<string, JsonObject>;
  /** Which of the type's services the plugin serves, by short name, once a check has probed them. */
  served?: Record<string, boolean>;
  /** What the plugin's reflection said, once the contract group read it. */
  reflection?: PluginReflection;
  /** `Service.method` of each verify the run called: whether it answered OK. One that failed is not called again (it may reach a real backend). */
  verified?: Record<string, boolean>;
  /** `Service.method` -> codec from the plugin's own descriptors, used for calls as the 2.x core does. */
  pluginCodecs?: Map<string, MethodCodec>;
}

export interface RunContext {
  readonly config: RunConfig;
  readonly entry: ServiceTypeEntry;
  readonly client: PluginClient;
  readonly root: protobuf.Root;
  readonly facts: RunFacts;
  /** The request the core would send for this call, built from the run's inputs. */
  request(spec: RpcSpec, extra?: JsonObject): JsonObject;
  unary(spec: RpcSpec, request: JsonObject): Promise<CallOutcome<Decoded>>;
  /**
   * Unary or server streaming, whichever the method is; a stream's items come as a list. A stream
   * has --stream-timeout in all (or `streamDeadlineMs`) and --timeout between messages.
   */
  call(spec: RpcSpec, request: JsonObject, streamDeadlineMs?: number): Promise<CallOutcome<Decoded | Decoded[]>>;
}
