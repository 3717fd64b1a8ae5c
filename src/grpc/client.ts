/**
 * One channel to the plugin and the two call shapes plugins use (unary, server streaming),
 * each with a deadline and the call metadata the core sends. Results are values, never throws,
 * so every check reports a gRPC failure the same way.
 */
import net from 'node:net';
import * as grpc from '@grpc/grpc-js';
import type { MethodCodec, Decoded } from './protos.js';
import type { JsonObject } from './struct.js';
import { formatTarget, type Target } from './target.js';

/** The core's own limit on plugin messages, both ways (docs/core/README.md#connection). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** A bound on stream length, so a plugin that streams forever cannot hold the run past its deadline. */
export const MAX_STREAM_ITEMS = 100_000;

export interface CallFailure {
  code: grpc.status;
  codeName: string;
  details: string;
  /** Set when the harness, not the plugin, ended the call because of what the plugin sent. */
  fault?: ResponseFault;
}

/**
 * A response the harness could not take, named for what the plugin did rather than for the
 * status grpc-js puts on it (a truncated frame reads as UNIMPLEMENTED "No message received").
 */
export interface ResponseFault {
  kind: 'too-large' | 'undecodable' | 'no-response' | 'stream-too-long';
  explanation: string;
  coreEffect: string;
}

export type CallOutcome<T> =
  | { ok: true; value: T; elapsedMs: number }
  | { ok: false; failure: CallFailure; elapsedMs: number };

export { formatTarget, type Target } from './target.js';

/** Call metadata of the 2.x core's plugin connectors (docs/core/README.md#connection): a literal NO_TOKEN. */
export function coreMetadata(): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('token', 'NO_TOKEN');
  return metadata;
}

export function statusName(code: grpc.status): string {
  return grpc.status[code] ?? `code ${code}`;
}

/**
 * The options of every channel the harness opens to a plugin (calls, reflection, health). Being
 * the same, grpc-js lets the channels share one connection, as the core's one channel does.
 */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  'grpc.enable_retries': 0,
  // Fail fast on a refused port instead of backing off for the whole deadline.
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1000,
};

export class PluginClient {
  private readonly client: grpc.Client;

  constructor(readonly target: Target) {
    this.client = new grpc.Client(formatTarget(target), grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  }

  /** Resolves once the HTTP/2 channel is ready, or with the reason it is not within the deadline. */
  async connect(deadlineMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
    const started = Date.now();
    const tcp = await probeTcp(this.target, deadlineMs);
    if (!tcp.ok) return tcp;
    const remaining = Math.max(1, deadlineMs - (Date.now() - started));
    return new Promise((resolve) => {
      this.client.waitForReady(Date.now() + remaining, (error) => {
        if (!error) resolve({ ok: true });
        else resolve({ ok: false, reason: `TCP connected but no gRPC (HTTP/2) channel within ${deadlineMs} ms` });
      });
    });
  }

  unary(codec: MethodCodec, request: JsonObject, deadlineMs: number): Promise<CallOutcome<Decoded>> {
    const started = Date.now();
    const decoder = watchedDecoder(codec);
    return new Promise((resolve) => {
      this.client.makeUnaryRequest(
        codec.path,
        codec.encodeRequest,
        decoder.decode,
        request,
        coreMetadata(),
        { deadline: Date.now() + deadlineMs },
        (error, response) => {
          const elapsedMs = Date.now() - started;
          if (error || !response) resolve({ ok: false, failure: toFailure(error, codec, decoder.error()), elapsedMs });
          else resolve({ ok: true, value: response, elapsedMs });
        },
      );
    });
  }

  /**
   * Collects a server stream. `deadlineMs` covers the whole stream, as the core's does; with
   * `idleMs`, the stream also fails when no message comes within that long of the last one (or of
   * the start), so a plugin that stalls is found without waiting for a long collection's whole deadline.
   */
  serverStream(codec: MethodCodec, request: JsonObject, deadlineMs: number, idleMs?: number): Promise<CallOutcome<Decoded[]>> {
    const started = Date.now();
    const decoder = watchedDecoder(codec);
    return new Promise((resolve) => {
      const items: Decoded[] = [];
      const call = this.client.makeServerStreamRequest(
        codec.path,
        codec.encodeRequest,
        decoder.decode,
        request,
        coreMetadata(),
        { deadline: Date.now() + deadlineMs },
      );
      let settled = false;
      let idle: NodeJS.Timeout | undefined;
      const settle = (outcome: CallOutcome<Decoded[]>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(idle);
        resolve(outcome);
      };
      const watchIdle = (): void => {
        if (idleMs === undefined || idleMs >= deadlineMs) return;
        clearTimeout(idle);
        idle = setTimeout(() => {
          call.cancel();
          const details = `no stream message within ${idleMs} ms${items.length > 0 ? ` of message ${items.length}` : ' of the call'} (--timeout)`;
          settle({ ok: false, failure: { code: grpc.status.DEADLINE_EXCEEDED, codeName: 'DEADLINE_EXCEEDED', details }, elapsedMs: Date.now() - started });
        }, idleMs);
      };
      watchIdle();
      call.on('data', (item: Decoded) => {
        watchIdle();
        items.push(item);
        if (items.length >= MAX_STREAM_ITEMS) {
          call.cancel();
          const details = `stream exceeded ${MAX_STREAM_ITEMS} items`;
          settle({
            ok: false,
            failure: {
              code: grpc.status.RESOURCE_EXHAUSTED,
              codeName: 'RESOURCE_EXHAUSTED',
              details,
              fault: { kind: 'stream-too-long', explanation: `the harness stopped reading: ${details}`, coreEffect: 'none known: the core sets no item limit, so this is a limit of the harness, not a verdict' },
            },
            elapsedMs: Date.now() - started,
          });
        }
      });
      call.on('error', (error: grpc.ServiceError) => settle({ ok: false, failure: toFailure(error, codec, decoder.error()), elapsedMs: Date.now() - started }));
      call.on('end', () => settle({ ok: true, value: items, elapsedMs: Date.now() - started }));
    });
  }

  close(): void {
    this.client.close();
  }
}

/** Wraps a codec's decoder so that a decode error is known as ours, not read as the plugin's status. */
function watchedDecoder(codec: MethodCodec): { decode(bytes: Buffer): Decoded; error(): Error | undefined } {
  let failed: Error | undefined;
  return {
    decode(bytes) {
      try {
        return codec.decodeResponse(bytes);
      } catch (error) {
        failed = error instanceof Error ? error : new Error(String(error));
        throw failed;
      }
    },
    error: () => failed,
  };
}

/** grpc-js's own words for an oversized frame (stream-decoder.js); the header alone triggers it. */
const TOO_LARGE = /^Received message larger than max \((\d+) vs (\d+)\)/;
/** grpc-js's words for a unary call that ended OK without one whole message (none, or a truncated frame). */
const NO_MESSAGE = 'No message received';

function toFailure(error: grpc.ServiceError | null, codec: MethodCodec, decodeError: Error | undefined): CallFailure {
  const code = error?.code ?? grpc.status.UNKNOWN;
  const failure: CallFailure = { code, codeName: statusName(code), details: error?.details ?? String(error?.message ?? 'no response') };
  const fault = responseFault(failure, codec, decodeError);
  if (fault) failure.fault = fault;
  return failure;
}

function responseFault(failure: CallFailure, codec: MethodCodec, decodeError: Error | undefined): ResponseFault | undefined {
  const type = codec.responseType.fullName.replace(/^\./, '');
  if (decodeError) {
    return {
      kind: 'undecodable',
      explanation: `the response is not a valid ${type} message (${decodeError.message})`,
      coreEffect: 'the core cannot parse it either: protobuf raises DecodeError and the call fails',
    };
  }
  const large = failure.code === grpc.status.RESOURCE_EXHAUSTED ? TOO_LARGE.exec(failure.details) : null;
  if (large) {
    return {
      kind: 'too-large',
      explanation: `the plugin sent a message frame of ${large[1]} bytes, over the core's limit of ${MAX_MESSAGE_BYTES} bytes (256 MiB)`,
      coreEffect: 'the core rejects messages over 256 MiB (RESOURCE_EXHAUSTED), so the call fails',
    };
  }
  if (failure.code === grpc.status.UNIMPLEMENTED && failure.details === NO_MESSAGE && !codec.responseStream) {
    return {
      kind: 'no-response',
      explanation: 'the call ended without one complete response message (none was sent, or its frame was truncated)',
      coreEffect: 'the core gets no response it can parse, so the call fails',
    };
  }
  return undefined;
}

/** A plain TCP connect gives the precise reason (refused, no route, unknown host) that gRPC hides. */
export function probeTcp(target: Target, deadlineMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => finish({ ok: false, reason: `no TCP connection within ${deadlineMs} ms` }), deadlineMs);
    function finish(result: { ok: true } | { ok: false; reason: string }): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    }
    socket.once('connect', () => finish({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, reason: error.code === 'ECONNREFUSED' ? 'connection refused' : `${error.code ?? 'error'}: ${error.message}` }),
    );
  });
}

/** Probes of a target after UNAVAILABLE, and the gap between them. */
const LOST_PROBES = 4;
const LOST_PROBE_GAP_MS = 150;

/**
 * Whether a target that answered UNAVAILABLE is gone. A process that just died can still accept a
 * connect for a moment while the kernel tears it down, so one successful probe proves little: the
 * target is gone if any of a few probes fails.
 */
export async function targetGone(target: Target): Promise<boolean> {
  for (let probe = 0; probe < LOST_PROBES; probe++) {
    if (probe > 0) await new Promise((resolve) => setTimeout(resolve, LOST_PROBE_GAP_MS));
    if (!(await probeTcp(target, 1_000)).ok) return true;
  }
  return false;
}
