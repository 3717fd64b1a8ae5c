/**
 * The load profile: C workers sharing one channel (the core keeps one channel per plugin and calls
 * it in parallel), each making the call back to back until the request count or the time budget is
 * spent. Every call carries the run's deadline, so the whole load ends within its budget plus one
 * deadline.
 */
import { PluginClient, targetGone, type CallOutcome } from '../grpc/client.js';
import { loadProtoRoot, type Decoded, type MethodCodec } from '../grpc/protos.js';
import type { JsonObject } from '../grpc/struct.js';
import { coreInputs, coreRequest, officialCodec } from '../run/calls.js';
import { MAX_REQUESTS, type LoadConfig } from './config.js';

export interface LoadHooks {
  /** Called after every answered request (cheap: progress counts here). */
  onAnswer?(): void;
  /** A reason to stop sending (e.g. SIGINT); in-flight requests still finish. */
  stopReason?(): string | undefined;
}

export interface FailureCount {
  count: number;
  /** The plugin's message of the first such failure. */
  example: string;
}

export interface LoadOutcome {
  startedAt: string;
  /** From the first request sent to the last answer. */
  elapsedMs: number;
  /** One per answered request, successful or not, in the order answers came. */
  latenciesMs: Float64Array;
  ok: number;
  failures: Map<string, FailureCount>;
  /** Set when no channel could be made: nothing was sent. */
  unreachable?: string;
  /** Set when the target went away during the load. */
  targetLost?: string;
  /** Set when a stop was requested before the load's own end. */
  stopped?: string;
  /** A --duration load reached MAX_REQUESTS before its time was up. */
  capped?: boolean;
}

export async function runLoad(config: LoadConfig, hooks: LoadHooks = {}): Promise<LoadOutcome> {
  const { run } = config;
  const startedAt = new Date().toISOString();
  const client = new PluginClient(config.target);
  try {
    const connected = await client.connect(run.timeoutMs);
    if (!connected.ok) {
      return { startedAt, elapsedMs: 0, latenciesMs: new Float64Array(0), ok: 0, failures: new Map(), unreachable: `target ${run.targetText} unreachable: ${connected.reason}` };
    }
    const outcome = await drive(config, client, hooks);
    if (outcome.failures.has('UNAVAILABLE') && (await targetGone(config.target))) {
      outcome.targetLost = `connection to ${run.targetText} lost during the load`;
    }
    return { startedAt, ...outcome };
  } finally {
    client.close();
  }
}

async function drive(config: LoadConfig, client: PluginClient, hooks: LoadHooks): Promise<Omit<LoadOutcome, 'startedAt'>> {
  const { run, spec } = config;
  const codec = leanCodec(officialCodec(run.entry, loadProtoRoot(run.entry.protoFiles), spec));
  const request = coreRequest(spec, coreInputs(run), config.extra);
  const call = (): Promise<CallOutcome<unknown>> =>
    codec.responseStream ? client.serverStream(codec, request, run.timeoutMs) : client.unary(codec, request, run.timeoutMs);

  const capacity = config.requests ?? MAX_REQUESTS;
  const latenciesMs = new Float64Array(capacity);
  const failures = new Map<string, FailureCount>();
  let sent = 0;
  let answered = 0;
  let ok = 0;
  let stopped: string | undefined;
  const started = performance.now();
  const endsAt = config.durationMs === undefined ? Infinity : started + config.durationMs;

  const worker = async (): Promise<void> => {
    while (sent < capacity && performance.now() < endsAt) {
      stopped ??= hooks.stopReason?.();
      if (stopped) return;
      sent++;
      const began = performance.now();
      const outcome = await call();
      latenciesMs[answered++] = performance.now() - began;
      if (outcome.ok) ok++;
      else {
        const seen = failures.get(outcome.failure.codeName);
        if (seen) seen.count++;
        else failures.set(outcome.failure.codeName, { count: 1, example: outcome.failure.details });
      }
      hooks.onAnswer?.();
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, worker));
  const result: Omit<LoadOutcome, 'startedAt'> = {
    elapsedMs: performance.now() - started,
    latenciesMs: latenciesMs.subarray(0, answered),
    ok,
    failures,
  };
  if (stopped) result.stopped = stopped;
  if (config.durationMs !== undefined && sent >= capacity) result.capped = true;
  return result;
}

const NOT_CONVERTED: Decoded = { message: {}, problems: [] };

/**
 * The load measures the plugin, so the client spends per call only what the transport needs: the
 * request, the same every time, is encoded once; an answer is parsed as protobuf (an answer the
 * core could not parse still fails the call) but not converted to JSON, which no load figure reads.
 */
function leanCodec(codec: MethodCodec): MethodCodec {
  let encoded: { request: JsonObject; bytes: Buffer } | undefined;
  return {
    ...codec,
    encodeRequest(request) {
      if (encoded?.request !== request) encoded = { request, bytes: codec.encodeRequest(request) };
      return encoded.bytes;
    },
    decodeResponse(bytes) {
      codec.responseType.decode(bytes);
      return NOT_CONVERTED;
    },
  };
}
