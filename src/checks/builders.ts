/**
 * Shared check builders. A suite composes these for its type; only what is special to a type
 * is written in its suite.
 */
import type { RpcSpec, ServiceTypeEntry } from '../model/service-type.js';
import type { CallFailure } from '../grpc/client.js';
import { firstDifference, isJsonObject, type Json, type JsonObject } from '../grpc/struct.js';
import type { Decoded } from '../grpc/protos.js';
import type { CheckDetail } from '../model/results.js';
import { validateAgainst, valueAt } from './schema.js';
import type { CheckDefinition, RunContext, Verdict } from '../model/check.js';
import { optInRequestValues } from '../model/service-type.js';
import { COMMON_SOURCES, type CheckSource } from '../spec.js';
import { skippedVerdict } from '../model/check.js';

export function connectCheck(): CheckDefinition {
  return {
    group: 'connect',
    name: 'channel-ready',
    description: 'The target accepts a gRPC channel within the deadline (the core waits 3 s)',
    calls: 1,
    sources: [COMMON_SOURCES.connection],
    async run(context) {
      const result = await context.client.connect(context.config.timeoutMs);
      if (result.ok) return { status: 'passed' };
      return { status: 'error', message: `cannot reach ${context.config.targetText}: ${result.reason}` };
    },
  };
}

/**
 * One init call and the group its answer is judged in. A type has one, its entry's init; identity.Domain
 * has a second, the legacy 1.x Auth.init, judged in a group of its own.
 */
export interface InitSurface {
  /** Group of the init checks; the others need `<group>/responds`. */
  group: string;
  spec: RpcSpec;
  /** What the core does when this init fails. */
  onFailure: string;
  /** When the core makes this init call and what it does with the answer (docs/core/). */
  sources: readonly CheckSource[];
  /** Set when the core reads the metadata with a default: absent metadata is this warning, not a failure. */
  absentMetadataWarning?: string;
  /** What the core does when metadata is absent, where that is known more precisely than the default. */
  absentMetadataEffect?: string;
  /** Schema under schemas/ whose violations are warnings, for types whose core requires no metadata key. */
  advisorySchema?: string;
  /** The core reads nothing from this type's metadata: a PluginInfo without it is stored as empty, not a failure. */
  metadataOptional?: boolean;
}

export function entryInitSurface(entry: ServiceTypeEntry, overrides: Partial<InitSurface> = {}): InitSurface {
  return { group: 'init', spec: entry.init, onFailure: initFailureEffect(entry), sources: entry.sources.init, ...overrides };
}

/** The metadata an earlier `<group>/responds` stored for this surface. */
export function initMetadataOf(context: RunContext, surface: InitSurface): JsonObject | undefined {
  return surface.spec.rpc === context.entry.init.rpc ? context.facts.metadata : context.facts.initMetadata?.[surface.spec.rpc];
}

function storeInitMetadata(context: RunContext, surface: InitSurface, metadata: JsonObject): void {
  if (surface.spec.rpc === context.entry.init.rpc) context.facts.metadata = metadata;
  else context.facts.initMetadata = { ...context.facts.initMetadata, [surface.spec.rpc]: metadata };
}

export function initRespondsCheck(entry: ServiceTypeEntry, surface: InitSurface = entryInitSurface(entry)): CheckDefinition {
  const spec = surface.spec;
  return {
    group: surface.group,
    name: 'responds',
    description: `${spec.rpc} answers OK with PluginInfo.metadata the core can convert`,
    requires: ['connect/channel-ready'],
    calls: 1,
    sources: [...surface.sources, COMMON_SOURCES.structValues],
    async run(context) {
      const outcome = await context.unary(spec, context.request(spec));
      if (!outcome.ok) return callFailed(spec, outcome.failure, surface.onFailure);
      const metadata = outcome.value.message['metadata'] ?? (surface.metadataOptional ? {} : undefined);
      if (!isJsonObject(metadata)) {
        if (surface.absentMetadataWarning && metadata === undefined) {
          storeInitMetadata(context, surface, {});
          return { status: 'passed', warnings: [surface.absentMetadataWarning] };
        }
        return {
          status: 'failed',
          message: `${spec.rpc} returned no metadata`,
          details: [{ message: 'PluginInfo.metadata is not set', path: '$.metadata', expected: 'a Struct', actual: metadata ?? '(absent)', coreEffect: surface.absentMetadataEffect ?? 'the core stores empty metadata and every key it reads is missing' }],
        };
      }
      if (outcome.value.problems.length > 0) {
        return {
          status: 'failed',
          message: `${spec.rpc} metadata holds values the core cannot convert`,
          details: outcome.value.problems.map((problem) => ({ message: problem.problem, path: problem.path, coreEffect: problem.coreEffect ?? 'MessageToDict raises, so the core call fails' })),
        };
      }
      storeInitMetadata(context, surface, metadata);
      const warnings = surface.advisorySchema ? advisoryWarnings(surface.advisorySchema, metadata) : [];
      return warnings.length > 0 ? { status: 'passed', warnings } : { status: 'passed' };
    },
  };
}

/** Schema violations the core tolerates, as one warning each with what the core does instead. */
function advisoryWarnings(schemaFile: string, metadata: JsonObject): string[] {
  return validateAgainst(schemaFile, metadata).map((detail) => (detail.coreEffect ? `${detail.message}: ${detail.coreEffect}` : detail.message));
}

/**
 * `variant`: for types whose rules depend on something a run learns (e.g. the monitoring type),
 * which definition of the schema file applies (`file#/$defs/X`), and the checks that learn it.
 */
export function metadataSchemaCheck(
  entry: ServiceTypeEntry,
  variant?: { requires: readonly string[]; describe: string; schemaFor(context: RunContext): string },
  surface: InitSurface = entryInitSurface(entry),
): CheckDefinition {
  return {
    group: surface.group,
    name: 'metadata-schema',
    description: `init metadata satisfies schemas/${entry.metadataSchema}${variant ? ` (${variant.describe})` : ''}`,
    requires: [`${surface.group}/responds`, ...(variant?.requires ?? [])],
    sources: entry.sources.metadata,
    async run(context) {
      const details = validateAgainst(variant ? variant.schemaFor(context) : entry.metadataSchema, initMetadataOf(context, surface) ?? {});
      if (details.length === 0) return { status: 'passed' };
      const shown = details.slice(0, 3).map((detail) => detail.message).join('; ');
      return { status: 'failed', message: `metadata breaks ${details.length} rule(s): ${shown}${details.length > 3 ? '; ...' : ''}`, details };
    },
  };
}

export function deterministicInitCheck(entry: ServiceTypeEntry, surface: InitSurface = entryInitSurface(entry)): CheckDefinition {
  const spec = surface.spec;
  return {
    group: surface.group,
    name: 'deterministic',
    description: `A second ${spec.rpc} with the same options returns the same metadata (the core re-inits before most calls)`,
    requires: [`${surface.group}/responds`],
    calls: 1,
    sources: [COMMON_SOURCES.init, ...surface.sources],
    async run(context) {
      const outcome = await context.unary(spec, context.request(spec));
      if (!outcome.ok) return callFailed(spec, outcome.failure, 'the core re-inits before most operations; this one would fail');
      const first: Json = initMetadataOf(context, surface) ?? {};
      const second: Json = outcome.value.message['metadata'] ?? {};
      const path = firstDifference(first, second);
      if (path === undefined) return { status: 'passed' };
      const pointer = path.replace(/ \(.*\)$/, '');
      return {
        status: 'failed',
        message: `metadata changed between two identical init calls at ${path}`,
        details: [{
          message: 'second init differs from the first',
          path,
          expected: valueAtPath(first, pointer) ?? '(absent)',
          actual: valueAtPath(second, pointer) ?? '(absent)',
          coreEffect: 'the core stores the metadata of each re-init, so its behaviour changes from call to call',
        }],
      };
    },
  };
}

export function verifyCheck(entry: ServiceTypeEntry, onFailure: string, where: { spec?: RpcSpec; group?: string; sources?: readonly CheckSource[] } = {}): CheckDefinition {
  const spec = where.spec ?? entry.verify;
  const sources = where.sources ?? entry.sources.verify;
  if (!spec || !sources) throw new Error(`${entry.name} has no verify RPC`);
  return {
    group: where.group ?? 'verify',
    name: 'active',
    description: `${spec.rpc} with the given options and secret data answers OK (ACTIVE)`,
    requires: ['connect/channel-ready'],
    calls: 1,
    sources: [COMMON_SOURCES.verify, ...sources],
    async run(context) {
      const outcome = await context.unary(spec, context.request(spec));
      context.facts.verified = { ...context.facts.verified, [spec.rpc]: outcome.ok };
      if (!outcome.ok) return callFailed(spec, outcome.failure, onFailure);
      return { status: 'passed' };
    },
  };
}

/** A call the user must ask for, because it reaches a real external system. */
export function optInCallCheck(
  entry: ServiceTypeEntry,
  inputName: string,
  options: {
    group: string;
    name: string;
    onFailure: string;
    inspect?: (response: Decoded | Decoded[], context: RunContext) => Verdict;
    /** Checks whose results the call needs, beyond a channel. */
    requires?: readonly string[];
    /** Request values the core always sends itself for this call; they win over the user's JSON. */
    coreInputs?: (context: RunContext) => JsonObject;
  },
): CheckDefinition {
  const input = entry.optIn.find((candidate) => candidate.name === inputName);
  if (!input) throw new Error(`${entry.name} has no opt-in input ${inputName}`);
  const spec = input.rpc;
  return {
    group: options.group,
    name: options.name,
    description: `${spec.rpc} on opt-in (--${input.name}): ${input.reaches}`,
    optIn: input.name,
    requires: ['connect/channel-ready', ...(options.requires ?? [])],
    calls: 1,
    rpcs: [spec.rpc],
    sources: input.sources,
    async run(context) {
      const given = context.config.optIn[input.name];
      if (!given) return skippedVerdict({ message: `not requested: ${spec.rpc} ${input.reaches}`, howToRun: `give --${input.name} JSON|@file` });
      const supplied = optInRequestValues(input, given);
      const outcome = await context.call(spec, context.request(spec, { ...supplied, ...options.coreInputs?.(context) }));
      if (!outcome.ok) return callFailed(spec, outcome.failure, options.onFailure);
      return options.inspect ? options.inspect(outcome.value, context) : { status: 'passed' };
    },
  };
}

/** A failed call as a verdict: a hang or a lost connection is an error, any other status a failure. */
export function callFailed(spec: RpcSpec, failure: CallFailure, coreEffect: string): Verdict {
  if (failure.fault) {
    const status = failure.fault.kind === 'stream-too-long' ? 'error' : 'failed';
    const detail: CheckDetail = { message: failure.details, grpcCode: failure.codeName, coreEffect: `${failure.fault.coreEffect}; ${coreEffect}` };
    return { status, message: `${spec.rpc}: ${failure.fault.explanation}`, details: [detail] };
  }
  const detail: CheckDetail = { message: failure.details, grpcCode: failure.codeName, coreEffect };
  if (failure.codeName === 'DEADLINE_EXCEEDED') {
    return { status: 'error', message: `${spec.rpc} timed out (DEADLINE_EXCEEDED)`, details: [detail] };
  }
  if (failure.codeName === 'UNAVAILABLE') {
    return { status: 'error', message: `${spec.rpc} lost the connection (UNAVAILABLE): ${failure.details}`, details: [detail] };
  }
  return { status: 'failed', message: `${spec.rpc} answered ${failure.codeName}: ${failure.details}`, details: [detail] };
}

function initFailureEffect(entry: ServiceTypeEntry): string {
  return `the core calls ${entry.init.rpc} when the plugin is registered or updated and before most operations; registration fails`;
}

/** Reads `$.a.b[0]` paths as produced by firstDifference. */
function valueAtPath(root: Json, path: string): Json | undefined {
  const pointer = path
    .replace(/^\$/, '')
    .replace(/\[(\d+)\]/g, '/$1')
    .replace(/\./g, '/');
  return valueAt(root, pointer);
}
