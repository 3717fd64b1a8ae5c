/**
 * argv values -> a validated RunConfig. Every input error is a UsageError with one line of text,
 * raised before anything is dialled or written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findServiceType, typeNames } from './catalog/index.js';
import type { ServiceTypeEntry } from './catalog/types.js';
import { formatTarget, type Target } from './grpc/client.js';
import type { JsonObject } from './grpc/struct.js';
import type { ExecConfig } from './exec/plugin-process.js';

export class UsageError extends Error {}

/** Sent where the core sends domain_id; SDK plugins reject an empty one (capabilities.md §1.3). */
export const DEFAULT_DOMAIN_ID = 'domain-plugin-conformance';

export interface RunConfig {
  target: Target;
  targetText: string;
  entry: ServiceTypeEntry;
  options: JsonObject;
  secretData: JsonObject;
  domainId: string;
  /** Opt-in inputs by name (e.g. dispatch), each a JSON object the user gave. */
  optIn: Record<string, JsonObject>;
  junitPath: string;
  jsonPath?: string;
  htmlPath?: string;
  /** Start the plugin with this command and stop it after the run. */
  exec?: ExecConfig;
  /** A label for the plugin in reports (a fleet entry's name). */
  name?: string;
  timeoutMs: number;
  grep?: RegExp;
}

export interface RawRunOptions {
  target?: string;
  type?: string;
  options?: string;
  secretData?: string;
  domainId?: string;
  junit?: string;
  json?: string;
  html?: string;
  exec?: string;
  startupTimeout?: string;
  name?: string;
  timeout?: string;
  grep?: string;
  [optIn: string]: string | undefined;
}

export function buildRunConfig(raw: RawRunOptions): RunConfig {
  if (!raw.target) throw new UsageError('--target host:port is required');
  if (!raw.type) throw new UsageError(`--type is required (one of: ${typeNames().join(', ')})`);
  const entry = findServiceType(raw.type);
  if (!entry) throw new UsageError(`unknown service type "${raw.type}" (known: ${typeNames().join(', ')})`);
  const target = parseTarget(raw.target);
  const optIn: Record<string, JsonObject> = {};
  for (const input of entry.optIn) {
    const given = raw[camelCase(input.name)];
    if (given === undefined) continue;
    const value = parseJsonInput(`--${input.name}`, given);
    const missing = input.requiredKeys.filter((key) => !(key in value));
    if (missing.length > 0) throw new UsageError(`--${input.name} lacks required key(s): ${missing.join(', ')}`);
    optIn[input.name] = value;
  }
  const config: RunConfig = {
    target,
    targetText: formatTarget(target),
    entry,
    options: raw.options === undefined ? {} : parseJsonInput('--options', raw.options),
    secretData: raw.secretData === undefined ? {} : parseJsonInput('--secret-data', raw.secretData),
    domainId: parseDomainId(raw.domainId),
    optIn,
    junitPath: path.resolve(raw.junit ?? path.join('reports', `${entry.name}.xml`)),
    timeoutMs: parseTimeout(raw.timeout),
  };
  if (raw.grep !== undefined) config.grep = parseGrep(raw.grep);
  if (raw.json !== undefined) config.jsonPath = path.resolve(raw.json);
  if (raw.html !== undefined) config.htmlPath = path.resolve(raw.html);
  if (raw.name !== undefined) config.name = raw.name;
  const exec = parseExec(raw.exec, raw.startupTimeout);
  if (exec) config.exec = exec;
  return config;
}

export function parseTarget(text: string): Target {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d+)$/.exec(text.trim().replace(/^grpc:\/\//, ''));
  if (!match) throw new UsageError(`--target "${text}" is not host:port`);
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--target port ${match[3]} is out of range 1-65535`);
  return { host: match[1] ?? match[2] ?? '', port };
}

/** `JSON` inline or `@file`; must be a JSON object, as the core's Struct fields are. */
export function parseJsonInput(flag: string, raw: string): JsonObject {
  let text = raw;
  if (raw.startsWith('@')) {
    const file = raw.slice(1);
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`${flag}: cannot read file ${file}${code === 'ENOENT' ? ': no such file' : code ? `: ${code}` : ''}`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = raw.startsWith('@') ? `file ${raw.slice(1)}` : 'value';
    throw new UsageError(`${flag}: ${where} is not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${flag} must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  return value as JsonObject;
}

function parseDomainId(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_DOMAIN_ID;
  if (raw.trim() === '') throw new UsageError('--domain-id must not be empty: the core always sends a domain');
  return raw;
}

function parseTimeout(raw: string | undefined): number {
  return parseMilliseconds('--timeout', raw, 10_000);
}

function parseMilliseconds(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > 3_600_000) throw new UsageError(`${flag} "${raw}" must be whole milliseconds from 1 to 3600000`);
  return value;
}

/** Default --startup-timeout: a container image may take a while to import its SDK. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;

function parseExec(command: string | undefined, startupTimeout: string | undefined): ExecConfig | undefined {
  if (command === undefined) {
    if (startupTimeout !== undefined) throw new UsageError('--startup-timeout applies only with --exec');
    return undefined;
  }
  if (command.trim() === '') throw new UsageError('--exec must not be empty');
  return { command, startupTimeoutMs: parseMilliseconds('--startup-timeout', startupTimeout, DEFAULT_STARTUP_TIMEOUT_MS) };
}

function parseGrep(raw: string): RegExp {
  try {
    return new RegExp(raw);
  } catch (error) {
    throw new UsageError(`--grep "${raw}" is not a valid regular expression`);
  }
}

export function camelCase(flagName: string): string {
  return flagName.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
