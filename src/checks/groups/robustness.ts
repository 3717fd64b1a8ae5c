/**
 * The `robustness` group every type runs. The core forwards whatever its users typed as options,
 * calls init before most operations and calls plugins from many workers at once; so a plugin
 * must answer odd input within the deadline in the form the core parses, stay alive after it,
 * and answer alike every time, in sequence and in parallel. Generic over the catalog entry.
 */
import type { RpcSpec, ServiceTypeEntry } from '../../model/service-type.js';
import type { CallFailure, CallOutcome } from '../../grpc/client.js';
import type { Decoded } from '../../grpc/protos.js';
import type { CheckDetail } from '../../model/results.js';
import { firstDifference, isJsonObject, type Json, type JsonObject } from '../../grpc/struct.js';
import { callFailed } from '../builders.js';
import type { CheckDefinition, RunContext, Verdict } from '../../model/check.js';
import { COMMON_SOURCES } from '../../spec.js';

const GROUP = 'robustness';
export const REPEATED_CALLS = 10;
export const PARALLEL_CALLS = 20;
/**
 * 1 MiB: large for options, yet within the 4 MiB that grpcio servers accept by default
 * (python-core sets no limit) and that the core's own API accepts from its users.
 */
export const LARGE_OPTIONS_BYTES = 1024 * 1024;
/**
 * 30 levels: about the deepest Struct the core's own API decodes from its users (protobuf's
 * recursion limit of 100, three message levels per Struct level), so the deepest it can forward.
 */
export const NESTING_DEPTH = 30;
/** Plugin text quoted in a verdict is cut here: a plugin may echo a megabyte of options back. */
const QUOTE_LIMIT = 300;

/** An input the core can send although no plugin expects it, built from the request it normally sends. */
export interface OddInput {
  name: string;
  /** Completes "a request with ...". */
  what: string;
  /** Whether the input applies to this call (the option inputs need a call that sends options). */
  appliesTo(spec: RpcSpec): boolean;
  /** Sent to verify too, not only to init (verify may reach a real system: only where it must). */
  alsoVerify?: boolean;
  request(normal: JsonObject): JsonObject;
}

const sendsOptions = (spec: RpcSpec): boolean => spec.sends.includes('options');

function withOptions(normal: JsonObject, change: (options: JsonObject) => JsonObject): JsonObject {
  const options = isJsonObject(normal['options']) ? normal['options'] : {};
  return { ...normal, options: change(options) };
}

export const ODD_INPUTS: readonly OddInput[] = [
  {
    name: 'missing-parameters',
    what: 'none of the keys the core sends (no options)',
    appliesTo: () => true,
    alsoVerify: true,
    request: () => ({}),
  },
  {
    // options is a Struct on the wire, so the core cannot send a list there (ParseDict raises
    // before the call); what a user can make it send is a list where the plugin expects a scalar.
    name: 'wrong-kinds',
    what: 'every option value turned into a list',
    appliesTo: sendsOptions,
    request: (normal) =>
      withOptions(normal, (options) => {
        const entries = Object.entries(options);
        if (entries.length === 0) return { conformance_list: ['text', 1, true, null, { nested: 'x' }, []] };
        return Object.fromEntries(entries.map(([key, value]) => [key, [value]]));
      }),
  },
  {
    name: 'unknown-keys',
    what: 'option keys the plugin does not know',
    appliesTo: sendsOptions,
    request: (normal) =>
      withOptions(normal, (options) => ({ ...options, conformance_unknown_key: 'unexpected', conformance_unknown_object: { nested: [1, 'two', null, true] } })),
  },
  {
    name: 'large-options',
    what: `${LARGE_OPTIONS_BYTES / 1024 / 1024} MiB of options`,
    appliesTo: sendsOptions,
    request: (normal) => withOptions(normal, (options) => ({ ...options, conformance_large: largeValue(LARGE_OPTIONS_BYTES) })),
  },
  {
    name: 'deep-options',
    what: `options nested ${NESTING_DEPTH} levels deep`,
    appliesTo: sendsOptions,
    request: (normal) => withOptions(normal, (options) => ({ ...options, conformance_deep: nested(NESTING_DEPTH) })),
  },
  {
    name: 'non-ascii',
    what: 'non-ASCII option keys and text',
    appliesTo: sendsOptions,
    request: (normal) => withOptions(normal, (options) => ({ ...options, ...NON_ASCII })),
  },
];

/** Scripts, right-to-left text, astral-plane emoji, combining and zero-width characters. */
const NON_ASCII: JsonObject = {
  'conformance_ключ_キー_🔑': 'Grüße, 日本語, Ελληνικά, עברית, العربية, 🚀🧪, e\u0301, zero\u200bwidth',
  conformance_text: ['ß', '中', '😀', '\u00e9'],
};

/** About `bytes` of UTF-8 as a list of 1 KiB strings, so it is large both in size and in items. */
export function largeValue(bytes: number): string[] {
  const item = 'x'.repeat(1023);
  return Array.from({ length: Math.ceil(bytes / 1024) }, () => item);
}

export function nested(depth: number): JsonObject {
  let value: JsonObject = { leaf: 'bottom' };
  for (let level = 1; level < depth; level++) value = { level: value };
  return value;
}

export function robustnessChecks(entry: ServiceTypeEntry): CheckDefinition[] {
  const checks = ODD_INPUTS.filter((input) => oddInputCalls(entry, input).length > 0).map((input) => oddInputCheck(entry, input));
  checks.push(repeatedInitCheck(entry));
  if (entry.verify) checks.push(repeatedVerifyCheck(entry.verify));
  checks.push(parallelInitCheck(entry));
  return checks;
}

/** The calls an odd input goes to: init, and verify where the input says so and the type has one. */
function oddInputCalls(entry: ServiceTypeEntry, input: OddInput): RpcSpec[] {
  const specs = input.alsoVerify && entry.verify ? [entry.init, entry.verify] : [entry.init];
  return specs.filter((spec) => input.appliesTo(spec));
}

function oddInputCheck(entry: ServiceTypeEntry, input: OddInput): CheckDefinition {
  const specs = oddInputCalls(entry, input);
  return {
    group: GROUP,
    name: input.name,
    sources: [COMMON_SOURCES.errors, COMMON_SOURCES.init],
    description: `${specs.map((spec) => spec.rpc).join(' and ')} with ${input.what} answer within the deadline, OK or ERROR_<CODE>: message, and init answers again after`,
    requires: ['init/responds'],
    calls: specs.length + 1,
    async run(context) {
      const warnings: string[] = [];
      // What each call answered, kept on a pass too: the report shows how the plugin took the input.
      const answers: CheckDetail[] = [];
      for (const spec of specs) {
        // A verify that failed (it may have reached a real backend with the user's credentials) is
        // not called again; verify/active already reported it.
        if (spec !== entry.init && context.facts.verified?.[spec.rpc] === false) {
          answers.push({ message: `${spec.rpc} not sent: verify/active failed in this run, and a failed verify is not repeated` });
          continue;
        }
        const outcome = await context.unary(spec, input.request(context.request(spec)));
        const judged = judgeOddAnswer(spec, outcome, input);
        if ('verdict' in judged) return judged.verdict;
        if (judged.warning) warnings.push(judged.warning);
        answers.push(answered(spec, outcome));
      }
      const dead = await initStopsAnswering(context, entry, `a request with ${input.what}`);
      if (dead) return { ...dead, warnings };
      return { status: 'passed', details: answers, warnings };
    },
  };
}

function answered(spec: RpcSpec, outcome: CallOutcome<Decoded>): CheckDetail {
  if (outcome.ok) return { message: `${spec.rpc} answered OK` };
  return { message: `${spec.rpc} answered ${outcome.failure.codeName}: ${quote(outcome.failure.details)}`, grpcCode: outcome.failure.codeName };
}

/** How the core takes a plugin's answer to input it did not expect. */
export function judgeOddAnswer(spec: RpcSpec, outcome: CallOutcome<Decoded>, input: OddInput): { verdict: Verdict } | { warning?: string } {
  if (outcome.ok) return {};
  const failure = outcome.failure;
  const what = `a request with ${input.what}`;
  if (failure.fault || failure.codeName === 'DEADLINE_EXCEEDED' || failure.codeName === 'UNAVAILABLE') {
    return { verdict: prefixed(callFailed(spec, failure, timeoutOrLostEffect(failure)), `given ${what}: `) };
  }
  if (failure.details.startsWith('ERROR_')) return {};
  // PERMISSION_DENIED becomes ERROR_PERMISSION_DENIED whatever the details say.
  if (failure.codeName === 'PERMISSION_DENIED') return {};
  return { warning: malformedErrorWarning(spec, failure, what) };
}

function timeoutOrLostEffect(failure: CallFailure): string {
  if (failure.codeName === 'DEADLINE_EXCEEDED') return 'the core waits out its own deadline (180 s), retries twice and fails the operation with ERROR_GRPC_TIMEOUT';
  if (failure.codeName === 'UNAVAILABLE') return 'the core takes UNAVAILABLE for a lost connection: it retries twice, then drops its channel to the plugin';
  return 'the operation fails';
}

/**
 * The core parses details that start with ERROR_ (docs/core/README.md#errors). Without that form it still
 * fails the call and keeps the plugin's text as the message, only under ERROR_INTERNAL_API rather
 * than the plugin's own code: it handles it, so this is a warning, not a failure.
 */
function malformedErrorWarning(spec: RpcSpec, failure: CallFailure, what: string): string {
  const asAuth = failure.codeName === 'UNAUTHENTICATED' ? ' (and not as an authentication failure)' : '';
  return (
    `${spec.rpc} answered ${what} with ${failure.codeName} "${quote(failure.details)}", not in the form ERROR_<CODE>: message; ` +
    `the core still fails the call with this text, but as ERROR_INTERNAL_API rather than the plugin's own error code${asAuth}`
  );
}

/** The plugin must still be alive and well after an odd call: init with the run's options answers OK. */
async function initStopsAnswering(context: RunContext, entry: ServiceTypeEntry, after: string): Promise<Verdict | undefined> {
  const outcome = await context.unary(entry.init, context.request(entry.init));
  if (outcome.ok) return undefined;
  const verdict = callFailed(entry.init, outcome.failure, 'the core calls init before most operations: every one of them would fail from now on');
  if (verdict.status !== 'failed' && verdict.status !== 'error') return undefined;
  return { ...verdict, message: `after ${after}, ${entry.init.rpc} no longer answers OK: ${quote(verdict.message)}` };
}

function repeatedInitCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: GROUP,
    name: 'repeated-init',
    sources: [COMMON_SOURCES.init],
    description: `${REPEATED_CALLS} more ${entry.init.rpc} calls in a row all return the first call's metadata (the core re-inits before most operations)`,
    requires: ['init/responds'],
    // A plugin whose second init already differs fails init/deterministic; saying it again here adds nothing.
    requiresWhenPresent: ['init/deterministic'],
    calls: REPEATED_CALLS,
    async run(context) {
      const first: Json = context.facts.metadata ?? {};
      for (let call = 1; call <= REPEATED_CALLS; call++) {
        const outcome = await context.unary(entry.init, context.request(entry.init));
        if (!outcome.ok) {
          const verdict = callFailed(entry.init, outcome.failure, 'the operation the core re-inited for fails');
          return prefixed(verdict, `call ${call} of ${REPEATED_CALLS}: `);
        }
        const differs = metadataDifference(first, outcome.value, `call ${call} of ${REPEATED_CALLS}`);
        if (differs) return differs;
      }
      return { status: 'passed' };
    },
  };
}

function repeatedVerifyCheck(spec: RpcSpec): CheckDefinition {
  return {
    group: GROUP,
    name: 'repeated-verify',
    sources: [COMMON_SOURCES.verify],
    description: `${REPEATED_CALLS} more ${spec.rpc} calls in a row all answer OK, as the first did (run only after verify/active passed: a verify that failed, maybe against a real backend, is not repeated)`,
    requires: ['verify/active'],
    calls: REPEATED_CALLS,
    async run(context) {
      let first: string | undefined;
      for (let call = 1; call <= REPEATED_CALLS; call++) {
        const outcome = await context.unary(spec, context.request(spec));
        if (!outcome.ok && (outcome.failure.fault || outcome.failure.codeName === 'DEADLINE_EXCEEDED' || outcome.failure.codeName === 'UNAVAILABLE')) {
          return prefixed(callFailed(spec, outcome.failure, timeoutOrLostEffect(outcome.failure)), `call ${call} of ${REPEATED_CALLS}: `);
        }
        const result = outcome.ok ? 'OK' : outcome.failure.codeName;
        first ??= result;
        if (result !== first) {
          return {
            status: 'failed',
            message: `${spec.rpc} call ${call} of ${REPEATED_CALLS} answered ${result}, call 1 answered ${first}`,
            details: [{
              message: outcome.ok ? 'answered OK this time' : quote(outcome.failure.details),
              expected: first,
              actual: result,
              coreEffect: 'the plugin is marked ACTIVE or not at random: the same credentials pass one time and fail the next',
            }],
          };
        }
      }
      return { status: 'passed' };
    },
  };
}

function parallelInitCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: GROUP,
    name: 'parallel-init',
    sources: [COMMON_SOURCES.init],
    description: `${PARALLEL_CALLS} ${entry.init.rpc} calls at once all answer OK with the first call's metadata (the core calls plugins from many workers)`,
    requires: ['init/responds'],
    requiresWhenPresent: ['init/deterministic'],
    calls: 1,
    async run(context) {
      const request = context.request(entry.init);
      const outcomes = await Promise.all(Array.from({ length: PARALLEL_CALLS }, () => context.unary(entry.init, request)));
      const first: Json = context.facts.metadata ?? {};
      for (const [index, outcome] of outcomes.entries()) {
        const label = `parallel call ${index + 1} of ${PARALLEL_CALLS}`;
        if (!outcome.ok) {
          return prefixed(callFailed(entry.init, outcome.failure, 'operations the core runs in parallel fail while the same call alone succeeds'), `${label}: `);
        }
        const differs = metadataDifference(first, outcome.value, label);
        if (differs) {
          const differing = outcomes.filter((other) => other.ok && firstDifference(first, other.value.message['metadata'] ?? {}) !== undefined).length;
          return { ...differs, message: `${differing} of ${PARALLEL_CALLS} parallel calls returned other metadata; ${differs.message}` };
        }
      }
      return { status: 'passed' };
    },
  };
}

function metadataDifference(first: Json, response: Decoded, label: string): (Verdict & { status: 'failed' }) | undefined {
  const metadata: Json = response.message['metadata'] ?? {};
  const path = firstDifference(first, metadata);
  if (path === undefined) return undefined;
  return {
    status: 'failed',
    message: `${label} returned other metadata than the first call, at ${path}`,
    details: [{
      message: `${label} differs from the first init`,
      path,
      coreEffect: 'the core stores the metadata of each init, so its behaviour changes from call to call',
    }],
  };
}

function prefixed(verdict: Verdict, prefix: string): Verdict {
  return verdict.status === 'failed' || verdict.status === 'error' ? { ...verdict, message: `${prefix}${verdict.message}` } : verdict;
}

function quote(text: string): string {
  return text.length <= QUOTE_LIMIT ? text : `${text.slice(0, QUOTE_LIMIT)}… (${text.length} chars)`;
}
