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
import { declaredType, loadManifest, type Manifest } from './manifest/load.js';
import { loadKnownFailures, type KnownFailures } from './run/known-failures.js';
import type { Profile } from './run/results.js';

export class UsageError extends Error {}

/** Sent where the core sends domain_id; SDK plugins reject an empty one (capabilities.md §1.3). */
export const DEFAULT_DOMAIN_ID = 'domain-plugin-conformance';

export interface RunConfig {
  /** Absent when only a manifest is checked (--manifest without --target). */
  target?: Target;
  targetText: string;
  entry: ServiceTypeEntry;
  /** Where the type came from: --type, or the manifest's resource_type when --type was not given. */
  typeSource: 'flag' | 'manifest';
  options: JsonObject;
  secretData: JsonObject;
  domainId: string;
  /** Opt-in inputs by name (e.g. dispatch), each a JSON object the user gave. */
  optIn: Record<string, JsonObject>;
  junitPath: string;
  timeoutMs: number;
  grep?: RegExp;
  profile: Profile;
  manifest?: Manifest;
  knownFailures?: KnownFailures;
}

export interface RawRunOptions {
  target?: string;
  type?: string;
  options?: string;
  secretData?: string;
  domainId?: string;
  junit?: string;
  timeout?: string;
  grep?: string;
  profile?: string;
  manifest?: string;
  knownFailures?: string;
  [optIn: string]: string | undefined;
}

export function buildRunConfig(raw: RawRunOptions): RunConfig {
  if (!raw.target && !raw.manifest) throw new UsageError('--target host:port is required (or --manifest FILE alone to check only a manifest)');
  const manifest = raw.manifest === undefined ? undefined : loadManifest(raw.manifest);
  const { entry, typeSource } = resolveType(raw.type, manifest);
  const target = raw.target ? parseTarget(raw.target) : undefined;
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
    targetText: target ? formatTarget(target) : '(none: manifest only)',
    entry,
    typeSource,
    options: raw.options === undefined ? {} : parseJsonInput('--options', raw.options),
    secretData: raw.secretData === undefined ? {} : parseJsonInput('--secret-data', raw.secretData),
    domainId: parseDomainId(raw.domainId),
    optIn,
    junitPath: path.resolve(raw.junit ?? path.join('reports', `${entry.name}.xml`)),
    timeoutMs: parseTimeout(raw.timeout),
    profile: parseProfile(raw.profile),
  };
  if (target) config.target = target;
  if (manifest) config.manifest = manifest;
  if (raw.knownFailures !== undefined) config.knownFailures = loadKnownFailures(raw.knownFailures);
  if (raw.grep !== undefined) config.grep = parseGrep(raw.grep);
  return config;
}

/** --type, else the type the manifest registers the plugin as. */
function resolveType(flag: string | undefined, manifest: Manifest | undefined): { entry: ServiceTypeEntry; typeSource: RunConfig['typeSource'] } {
  const known = typeNames().join(', ');
  if (flag) {
    const entry = findServiceType(flag);
    if (!entry) throw new UsageError(`unknown service type "${flag}" (known: ${known})`);
    return { entry, typeSource: 'flag' };
  }
  if (!manifest) throw new UsageError(`--type is required (one of: ${known})`);
  const declared = declaredType(manifest.document);
  if (!declared) throw new UsageError(`--manifest ${manifest.file} names no resource_type to take the type from; give --type (one of: ${known})`);
  const entry = findServiceType(declared.value);
  if (!entry) throw new UsageError(`--manifest ${manifest.file} names ${declared.key} "${declared.value}", which the harness does not check (known: ${known}); give --type to check it as one of these`);
  return { entry, typeSource: 'manifest' };
}

const PROFILES: readonly Profile[] = ['ci', 'certification'];

function parseProfile(raw: string | undefined): Profile {
  if (raw === undefined) return 'ci';
  const profile = PROFILES.find((candidate) => candidate === raw);
  if (!profile) throw new UsageError(`--profile "${raw}" is not one of: ${PROFILES.join(', ')}`);
  return profile;
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
  if (raw === undefined) return 10_000;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > 3_600_000) throw new UsageError(`--timeout "${raw}" must be whole milliseconds from 1 to 3600000`);
  return value;
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
