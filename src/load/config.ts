/**
 * `load` argv -> a validated LoadConfig. The plugin inputs (target, type, options, secret data,
 * domain, deadline, opt-in inputs) are parsed by the run's own buildRunConfig, so a load sends what
 * a conformance run sends; this module adds the load's shape and its gates.
 */
import path from 'node:path';
import type { RpcSpec, ServiceTypeEntry } from '../model/service-type.js';
import { buildRunConfig, requireTarget, wholeNumberIn, type RawRunOptions, type RunConfig } from '../config.js';
import { UsageError } from '../usage.js';
import { optInRequestValues } from '../model/service-type.js';
import type { Target } from '../grpc/target.js';

export const MAX_REQUESTS = 1_000_000;
export const MAX_DURATION_S = 3_600;
export const MAX_CONCURRENCY = 256;
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_REQUESTS = 1_000;

export interface LoadConfig {
  /** The plugin inputs, exactly as a conformance run takes them. */
  run: RunConfig;
  target: Target;
  /** The name given to --method: init, verify, or an opt-in input's name. */
  method: string;
  spec: RpcSpec;
  /** The opt-in input merged into the request, for opt-in methods. */
  extra: RunConfig['optIn'][string];
  concurrency: number;
  /** Exactly one of requests and durationMs is set. */
  requests?: number;
  durationMs?: number;
  maxP99Ms?: number;
  maxErrorRate?: number;
  /** Absolute path, or '-' for stdout. */
  json?: string;
}

export interface RawLoadOptions extends RawRunOptions {
  method?: string;
  concurrency?: string;
  requests?: string;
  duration?: string;
  maxP99?: string;
  maxErrorRate?: string;
  json?: string;
}

export function buildLoadConfig(raw: RawLoadOptions): LoadConfig {
  const { method = 'init', concurrency, requests, duration, maxP99, maxErrorRate, json, ...inputs } = raw;
  // A load needs a running plugin; the run's own message would offer --manifest, which load has not.
  if (inputs.target === undefined) throw new UsageError('--target host:port is required');
  const run = buildRunConfig(inputs);
  const methods = loadableMethods(run.entry);
  const spec = methods.get(method);
  if (!spec) throw new UsageError(`--method "${method}" is not a ${run.entry.name} method (one of: ${[...methods.keys()].join(', ')})`);
  const optIn = run.entry.optIn.find((input) => input.name === method);
  if (optIn && !run.optIn[optIn.name]) {
    throw new UsageError(`--method ${method} needs --${optIn.name} JSON|@file: ${optIn.rpc.rpc} ${optIn.reaches}, once per request`);
  }
  if (requests !== undefined && duration !== undefined) throw new UsageError('give --requests or --duration, not both');
  const config: LoadConfig = {
    run,
    target: requireTarget(run),
    method,
    spec,
    // As a run sends it: defaults the core fills in (notification_type INFO), the JSON under its field.
    extra: optIn ? optInRequestValues(optIn, run.optIn[optIn.name] ?? {}) : {},
    concurrency: concurrency === undefined ? DEFAULT_CONCURRENCY : wholeNumber('--concurrency', concurrency, 1, MAX_CONCURRENCY),
  };
  if (duration !== undefined) config.durationMs = Math.round(positiveNumber('--duration', duration, MAX_DURATION_S) * 1000);
  else config.requests = requests === undefined ? DEFAULT_REQUESTS : wholeNumber('--requests', requests, 1, MAX_REQUESTS);
  if (maxP99 !== undefined) config.maxP99Ms = positiveNumber('--max-p99', maxP99, 3_600_000);
  if (maxErrorRate !== undefined) config.maxErrorRate = fraction('--max-error-rate', maxErrorRate);
  if (json !== undefined) config.json = json === '-' ? '-' : path.resolve(json);
  return config;
}

/** init, verify and each opt-in call of a type, by the name --method takes. */
export function loadableMethods(entry: ServiceTypeEntry): Map<string, RpcSpec> {
  const methods = new Map<string, RpcSpec>([['init', entry.init]]);
  if (entry.verify) methods.set('verify', entry.verify);
  for (const input of entry.optIn) methods.set(input.name, input.rpc);
  return methods;
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = wholeNumberIn(raw, min, max);
  if (value === undefined) throw new UsageError(`${flag} "${raw}" must be a whole number from ${min} to ${max}`);
  return value;
}

function positiveNumber(flag: string, raw: string, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) throw new UsageError(`${flag} "${raw}" must be a number above 0 and at most ${max}`);
  return value;
}

function fraction(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${flag} "${raw}" must be a fraction from 0 to 1 (0.01 is 1%)`);
  return value;
}
