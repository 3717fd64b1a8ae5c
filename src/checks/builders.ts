/**
 * Shared check builders. A suite composes these for its type; only what is special to a type
 * is written in its suite.
 */
import type { RpcSpec, ServiceTypeEntry } from '../catalog/types.js';
import type { CallFailure } from '../grpc/client.js';
import { firstDifference, type Json, type JsonObject } from '../grpc/struct.js';
import type { Decoded } from '../grpc/protos.js';
import type { CheckDetail } from '../run/results.js';
import { validateAgainst, valueAt } from './schema.js';
import type { CheckDefinition, RunContext, Verdict } from './check.js';

export function connectCheck(): CheckDefinition {
  return {
    group: 'connect',
    name: 'channel-ready',
    description: 'The target accepts a gRPC channel within the deadline (the core waits 3 s)',
    calls: 1,
    async run(context) {
      const result = await context.client.connect(context.config.timeoutMs);
      if (result.ok) return { status: 'passed' };
      return { status: 'error', message: `cannot reach ${context.config.targetText}: ${result.reason}` };
    },
  };
}

export function initRespondsCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: 'init',
    name: 'responds',
    description: `${entry.init.rpc} answers OK with PluginInfo.metadata the core can convert`,
    requires: ['connect/channel-ready'],
    calls: 1,
    async run(context) {
      const outcome = await context.unary(entry.init, context.request(entry.init));
      if (!outcome.ok) return callFailed(entry.init, outcome.failure, initFailureEffect(entry));
      const metadata = outcome.value.message['metadata'];
      if (!isObject(metadata)) {
        return {
          status: 'failed',
          message: `${entry.init.rpc} returned no metadata`,
          details: [{ message: 'PluginInfo.metadata is not set', path: '$.metadata', expected: 'a Struct', actual: metadata ?? '(absent)', coreEffect: 'the core stores empty metadata and every key it reads is missing' }],
        };
      }
      if (outcome.value.problems.length > 0) {
        return {
          status: 'failed',
          message: `${entry.init.rpc} metadata holds values the core cannot convert`,
          details: outcome.value.problems.map((problem) => ({ message: problem.problem, path: problem.path, coreEffect: 'MessageToDict raises, so the core call fails' })),
        };
      }
      context.facts.metadata = metadata;
      return { status: 'passed' };
    },
  };
}

export function metadataSchemaCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: 'init',
    name: 'metadata-schema',
    description: `init metadata satisfies schemas/${entry.metadataSchema}`,
    requires: ['init/responds'],
    async run(context) {
      const details = validateAgainst(entry.metadataSchema, context.facts.metadata ?? {});
      if (details.length === 0) return { status: 'passed' };
      return { status: 'failed', message: `metadata breaks ${details.length} rule(s): ${details[0]?.message}`, details };
    },
  };
}

export function deterministicInitCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: 'init',
    name: 'deterministic',
    description: 'A second init with the same options returns the same metadata (the core re-inits before most calls)',
    requires: ['init/responds'],
    calls: 1,
    async run(context) {
      const outcome = await context.unary(entry.init, context.request(entry.init));
      if (!outcome.ok) return callFailed(entry.init, outcome.failure, 'the core re-inits before most operations; this one would fail');
      const first: Json = context.facts.metadata ?? {};
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

export function verifyCheck(entry: ServiceTypeEntry, onFailure: string): CheckDefinition {
  const spec = entry.verify;
  if (!spec) throw new Error(`${entry.name} has no verify RPC`);
  return {
    group: 'verify',
    name: 'active',
    description: `${spec.rpc} with the given options and secret data answers OK (ACTIVE)`,
    requires: ['connect/channel-ready'],
    calls: 1,
    async run(context) {
      const outcome = await context.unary(spec, context.request(spec));
      if (!outcome.ok) return callFailed(spec, outcome.failure, onFailure);
      return { status: 'passed' };
    },
  };
}

/** A call the user must ask for, because it reaches a real external system. */
export function optInCallCheck(
  entry: ServiceTypeEntry,
  inputName: string,
  options: { group: string; name: string; onFailure: string; inspect?: (response: Decoded | Decoded[], context: RunContext) => Verdict },
): CheckDefinition {
  const input = entry.optIn.find((candidate) => candidate.name === inputName);
  if (!input) throw new Error(`${entry.name} has no opt-in input ${inputName}`);
  const spec = input.rpc;
  return {
    group: options.group,
    name: options.name,
    description: `${spec.rpc} on opt-in (--${input.name}): ${input.reaches}`,
    optIn: input.name,
    requires: ['connect/channel-ready'],
    calls: 1,
    async run(context) {
      const given = context.config.optIn[input.name];
      if (!given) return { status: 'skipped', message: `not requested: ${spec.rpc} ${input.reaches}; give --${input.name} JSON|@file to run it` };
      const outcome = await context.call(spec, context.request(spec, given));
      if (!outcome.ok) return callFailed(spec, outcome.failure, options.onFailure);
      return options.inspect ? options.inspect(outcome.value, context) : { status: 'passed' };
    },
  };
}

/** A failed call as a verdict: a hang or a lost connection is an error, any other status a failure. */
export function callFailed(spec: RpcSpec, failure: CallFailure, coreEffect: string): Verdict {
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

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `$.a.b[0]` paths as produced by firstDifference. */
function valueAtPath(root: Json, path: string): Json | undefined {
  const pointer = path
    .replace(/^\$/, '')
    .replace(/\[(\d+)\]/g, '/$1')
    .replace(/\./g, '/');
  return valueAt(root, pointer);
}
