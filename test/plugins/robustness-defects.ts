/**
 * Defective plugins for the harness's robustness, built from any type's conforming variant, so
 * every catalogued type gets them: each breaks one thing the core depends on (answering at all,
 * staying alive, the error form, answering alike) and keeps the rest of the conforming plugin.
 */
import * as grpc from '@grpc/grpc-js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { hang, StatusError, type StreamHandler, type UnaryHandler, type Variant } from './server.js';

/** How long the slow variant takes to answer each call. */
export const SLOW_ANSWER_MS = 600;
/** The call (counted over every method) on which crashes-mid-run exits. */
const CRASH_ON_CALL = 3;

type Handlers = Variant['handlers'];
type Handler = UnaryHandler | StreamHandler;

export function robustnessDefects(entry: ServiceTypeEntry, conforming: Variant): Record<string, Variant> {
  const init = conforming.handlers[entry.init.rpc] as UnaryHandler | undefined;
  if (!init) throw new Error(`the conforming ${entry.name} plugin has no ${entry.init.rpc}`);
  const initAndVerify = [entry.init.rpc, ...(entry.verify ? [entry.verify.rpc] : [])];
  const variant = (description: string, handlers: Handlers): Variant => ({ ...conforming, description, handlers: { ...conforming.handlers, ...handlers } });
  const eachOf = (rpcs: readonly string[], wrap: (handler: Handler, rpc: string) => Handler): Handlers =>
    Object.fromEntries(rpcs.filter((rpc) => conforming.handlers[rpc]).map((rpc) => [rpc, wrap(conforming.handlers[rpc] as Handler, rpc)]));
  const everyMethod = Object.keys(conforming.handlers);

  let calls = 0;
  let verifyCalls = 0;
  let initCalls = 0;
  let broken = false;
  let sharedCallId = 0;

  return {
    hangs: variant('accepts the connection, then never answers any call', eachOf(everyMethod, () => () => hang())),
    slow: variant(`answers every call correctly after ${SLOW_ANSWER_MS} ms`, eachOf(everyMethod, (handler) => async (request, metadata) => {
      await delay(SLOW_ANSWER_MS);
      return handler(request, metadata) as JsonObject;
    })),
    'crashes-mid-run': variant(`the process exits on call ${CRASH_ON_CALL}, whatever the method`, eachOf(everyMethod, (handler) => (request, metadata) => {
      if (++calls >= CRASH_ON_CALL) process.exit(7);
      return handler(request, metadata) as JsonObject;
    })),
    'echoes-secrets': variant('echoes the options it gets in its init metadata (changing with every call) and the whole request in every error', {
      ...eachOf(initAndVerify, () => (request) => {
        throw new StatusError(grpc.status.INVALID_ARGUMENT, `ERROR_INVALID_ARGUMENT: cannot use ${JSON.stringify(request)}`);
      }),
      [entry.init.rpc]: async (request, metadata) => {
        const answer = (await init(request, metadata)) as JsonObject;
        // One string holding the options and the call number: a diff between two calls quotes it whole.
        return { ...answer, metadata: { ...(answer['metadata'] as JsonObject), echo: `call ${++initCalls} with options ${JSON.stringify(request['options'] ?? null)}` } };
      },
    }),
    'malformed-errors': variant('rejects a request without options with plain errors, not ERROR_<CODE>: message', eachOf(initAndVerify, (handler, rpc) => (request, metadata) => {
      if (request['options'] === undefined) {
        const code = rpc === entry.verify?.rpc ? grpc.status.UNAUTHENTICATED : grpc.status.INVALID_ARGUMENT;
        throw new StatusError(code, code === grpc.status.UNAUTHENTICATED ? 'no credentials given' : 'options is required');
      }
      return handler(request, metadata) as JsonObject;
    })),
    'dies-on-odd-input': variant('the process exits on a request without options', eachOf(initAndVerify, (handler) => (request, metadata) => {
      if (request['options'] === undefined) process.exit(9);
      return handler(request, metadata) as JsonObject;
    })),
    'hangs-on-odd-input': variant('never answers a request whose options are not exactly {}', eachOf(initAndVerify, (handler) => (request, metadata) => {
      if (JSON.stringify(request['options'] ?? null) !== '{}') return hang();
      return handler(request, metadata) as JsonObject;
    })),
    'broken-after-odd-input': variant('answers a request without options properly, but every call after it fails', eachOf(initAndVerify, (handler) => (request, metadata) => {
      if (broken) throw new StatusError(grpc.status.INTERNAL, 'ERROR_UNKNOWN: internal state lost');
      if (request['options'] === undefined) {
        broken = true;
        throw new StatusError(grpc.status.INVALID_ARGUMENT, 'ERROR_REQUIRED_PARAMETER: Required parameter. (key = options)');
      }
      return handler(request, metadata) as JsonObject;
    })),
    'drifts-on-later-calls': variant('init metadata changes from the 6th call on (a cache that expires)', {
      [entry.init.rpc]: async (request, metadata) => {
        const answer = (await init(request, metadata)) as JsonObject;
        if (++initCalls <= 5) return answer;
        return { ...answer, metadata: { ...(answer['metadata'] as JsonObject), cache: 'expired' } };
      },
    }),
    ...(entry.verify
      ? {
          'flaky-verify': variant('verify fails every third call', eachOf([entry.verify.rpc], (handler) => (request, metadata) => {
            if (++verifyCalls % 3 === 0) throw new StatusError(grpc.status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE: rate limited by the upstream service');
            return handler(request, metadata) as JsonObject;
          })),
        }
      : {}),
    'inconsistent-under-concurrency': variant('init keeps per-call state in one shared variable, so concurrent calls see each other\'s', {
      [entry.init.rpc]: async (request, metadata) => {
        const mine = ++sharedCallId;
        await delay(5);
        const answer = (await init(request, metadata)) as JsonObject;
        if (sharedCallId === mine) return answer;
        return { ...answer, metadata: { ...(answer['metadata'] as JsonObject), served_for: `call ${sharedCallId}` } };
      },
    }),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
