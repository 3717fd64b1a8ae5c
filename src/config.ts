/**
 * argv values -> a validated RunConfig. Every input error is a UsageError with one line of text,
 * raised before anything is dialled or written.
 */
import path from 'node:path';
import { allOptInInputs, findServiceType, typeNames, allChoiceInputs, SERVICE_TYPES } from './catalog/index.js';
import type { ServiceTypeEntry } from './model/service-type.js';
import { formatTarget, type Target } from './grpc/target.js';
import type { JsonObject } from './grpc/struct.js';
import { declaredType, loadManifest, type Manifest } from './manifest/load.js';
import { loadKnownFailures, type KnownFailures } from './run/known-failures.js';
import type { Profile } from './model/results.js';
import type { ExecConfig } from './exec/plugin-process.js';
import { readUserFile, UsageError } from './usage.js';

/** Sent where the core sends domain_id; SDK plugins reject an empty one (docs/core/README.md#request-messages). */
export const DEFAULT_DOMAIN_ID = 'domain-plugin-conformance';

export interface RunConfig {
  /** Absent when only a manifest is checked (--manifest without --target). */
  target?: Target;
  targetText: string;
  entry: ServiceTypeEntry;
  /** Where the type came from: --type, or the manifest's resource_type when --type was not given. */
  typeSource: 'flag' | 'manifest' | 'reflection';
  /** With typeSource reflection: which type the plugin's reflection pointed to, and why (reported with the run). */
  typeDetection?: string;
  /** With typeSource manifest: the type the plugin's reflection points to, to compare with the manifest's. */
  reflectedType?: ReflectedType;
  options: JsonObject;
  secretData: JsonObject;
  domainId: string;
  /** Opt-in inputs by name (e.g. dispatch), each a JSON object the user gave. */
  optIn: Record<string, JsonObject>;
  /** Choices the user stated by name (e.g. monitoring-type), each one of the entry's values. */
  choices?: Record<string, string>;
  junitPath: string;
  jsonPath?: string;
  htmlPath?: string;
  markdownPath?: string;
  /** Start the plugin with this command and stop it after the run. */
  exec?: ExecConfig;
  /** A label for the plugin in reports (a fleet entry's name). */
  name?: string;
  timeoutMs: number;
  /** The whole of one server stream (each message still within timeoutMs of the last). */
  streamTimeoutMs: number;
  grep?: RegExp;
  profile: Profile;
  /** --strict, or implied by the certification profile: a check that carries a warning fails. */
  strict: boolean;
  manifest?: Manifest;
  knownFailures?: KnownFailures;
}

/** The type a plugin's reflection points to, why, and the services it lists (full names). */
export interface ReflectedType {
  name: string;
  reason: string;
  listed: readonly string[];
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
  markdown?: string;
  exec?: string;
  startupTimeout?: string;
  name?: string;
  timeout?: string;
  streamTimeout?: string;
  grep?: string;
  profile?: string;
  strict?: string | boolean;
  manifest?: string;
  knownFailures?: string;
  [optIn: string]: string | boolean | undefined;
}

/** The inputs that do not depend on the type: checked before anything is dialled, also to detect the type. */
export type CommonInputs = Omit<RunConfig, 'entry' | 'optIn' | 'junitPath' | 'typeSource' | 'profile' | 'strict' | 'manifest' | 'knownFailures' | 'choices'>;

/** For what cannot work without a plugin to dial (detection, describe, the checks that call it). */
export function requireTarget(inputs: { target?: Target }): Target {
  if (!inputs.target) throw new UsageError('--target host:port is required');
  return inputs.target;
}

export function parseCommonInputs(raw: RawRunOptions): CommonInputs {
  if (!raw.target && !raw.manifest) throw new UsageError('--target host:port is required (or --manifest FILE alone to check only a manifest)');
  const target = raw.target ? parseTarget(raw.target) : undefined;
  const inputs: CommonInputs = {
    targetText: target ? formatTarget(target) : '(none: manifest only)',
    options: raw.options === undefined ? {} : parseJsonInput('--options', raw.options),
    secretData: raw.secretData === undefined ? {} : parseJsonInput('--secret-data', raw.secretData),
    domainId: parseDomainId(raw.domainId),
    timeoutMs: parseTimeout(raw.timeout),
    streamTimeoutMs: parseMilliseconds('--stream-timeout', raw.streamTimeout, DEFAULT_STREAM_TIMEOUT_MS),
  };
  if (target) inputs.target = target;
  if (raw.grep !== undefined) inputs.grep = parseGrep(raw.grep);
  // Opt-in JSON is read again for the type's own inputs; bad JSON is reported before dialling.
  for (const input of allOptInInputs()) {
    const given = raw[camelCase(input.name)];
    if (typeof given === 'string') parseJsonInput(`--${input.name}`, given);
  }
  return inputs;
}

/** `detected` is the type found from the plugin's reflection when neither --type nor a manifest names one. */
export function buildRunConfig(raw: RawRunOptions, detected?: ServiceTypeEntry): RunConfig {
  const inputs = parseCommonInputs(raw);
  const manifest = raw.manifest === undefined ? undefined : loadManifest(raw.manifest);
  const { entry, typeSource } = resolveType(raw.type, manifest, detected);
  const optIn: Record<string, JsonObject> = {};
  for (const input of entry.optIn) {
    const given = raw[camelCase(input.name)];
    if (typeof given !== 'string') continue;
    const value = parseJsonInput(`--${input.name}`, given);
    const missing = input.requiredKeys.filter((key) => !(key in value));
    if (missing.length > 0) throw new UsageError(`--${input.name} lacks required key(s): ${missing.join(', ')}`);
    optIn[input.name] = value;
  }
  assertInputsApply(raw, entry);
  const choices: Record<string, string> = {};
  for (const choice of entry.choices ?? []) {
    const given = raw[camelCase(choice.name)];
    if (typeof given === 'string') choices[choice.name] = parseChoice(`--${choice.name}`, given, choice.values);
  }
  assertOperatorOptions(entry, inputs.options);
  const config: RunConfig = {
    ...inputs,
    entry,
    typeSource,
    optIn,
    choices,
    junitPath: reportPath(raw.junit ?? path.join('reports', `${entry.name}.xml`)),
    profile: parseProfile(raw.profile),
    strict: false,
  };
  // Certification demands more than ci, never less: it implies --strict.
  config.strict = raw.strict === true || config.profile === 'certification';
  if (manifest) config.manifest = manifest;
  if (raw.knownFailures !== undefined) config.knownFailures = loadKnownFailures(raw.knownFailures);
  if (raw.json !== undefined) config.jsonPath = reportPath(raw.json);
  if (raw.html !== undefined) config.htmlPath = reportPath(raw.html);
  if (raw.markdown !== undefined) config.markdownPath = reportPath(raw.markdown);
  if (raw.name !== undefined) config.name = raw.name;
  const exec = parseExec(raw.exec, raw.startupTimeout);
  if (exec) config.exec = exec;
  return config;
}

/**
 * An opt-in input or choice of another type would be silently ignored, and a CI job would pass
 * without the call its author asked for: bad input instead.
 */
function assertInputsApply(raw: RawRunOptions, entry: ServiceTypeEntry): void {
  const own = new Set([...entry.optIn.map((input) => input.name), ...(entry.choices ?? []).map((choice) => choice.name)]);
  for (const name of [...allOptInInputs(), ...allChoiceInputs()].map((input) => input.name)) {
    if (own.has(name) || raw[camelCase(name)] === undefined) continue;
    const owners = SERVICE_TYPES.filter((type) => [...type.optIn, ...(type.choices ?? [])].some((input) => input.name === name)).map((type) => type.name);
    throw new UsageError(`--${name} does not apply to ${entry.name} (it applies to ${owners.join(', ')})`);
  }
}

/** `-` is stdout, for every report flag (the console then goes to stderr); anything else a file. */
export function reportPath(raw: string): string {
  return raw === '-' ? raw : path.resolve(raw);
}

/** Keys the core demands of the operator before it calls the plugin; without them no verdict is the core's. */
function assertOperatorOptions(entry: ServiceTypeEntry, options: JsonObject): void {
  const rule = entry.requiredOptions;
  if (!rule) return;
  const missing = rule.keys.filter((key) => options[key] === undefined || options[key] === null);
  if (missing.length === 0) return;
  throw new UsageError(`--options must carry ${missing.join(' and ')} for ${entry.name}: ${rule.enforcedBy}`);
}

/** --type, else the type the manifest registers the plugin as. */
function resolveType(flag: string | undefined, manifest: Manifest | undefined, detected?: ServiceTypeEntry): { entry: ServiceTypeEntry; typeSource: RunConfig['typeSource'] } {
  const known = typeNames().join(', ');
  if (flag) {
    const entry = findServiceType(flag);
    if (!entry) throw new UsageError(`unknown service type "${flag}" (known: ${known})`);
    return { entry, typeSource: 'flag' };
  }
  if (!manifest && detected) return { entry: detected, typeSource: 'reflection' };
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
  const text = raw.startsWith('@') ? readUserFile(raw.slice(1), `${flag}: cannot read file ${raw.slice(1)}`) : raw;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = raw.startsWith('@') ? `file ${raw.slice(1)}` : 'value';
    throw new UsageError(`${flag}: ${where} is not valid JSON (${jsonErrorText(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${flag} must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  return value as JsonObject;
}

/** One of the allowed values, matched without regard to case and given back as declared. */
function parseChoice(flag: string, raw: string, values: readonly string[]): string {
  const found = values.find((value) => value.toLowerCase() === raw.trim().toLowerCase());
  if (!found) throw new UsageError(`${flag} "${raw}" must be one of ${values.join(', ')}`);
  return found;
}

/**
 * V8 quotes a slice of the input in some JSON errors (`Unexpected token 'x', ..."{"token": ab"...`);
 * the input may be secret data, so only the error's first clause is kept.
 */
export function jsonErrorText(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return text.replace(/,\s*(?:\.\.\.)?".*$/, '');
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
  const value = wholeNumberIn(raw, 1, 3_600_000);
  if (value === undefined) throw new UsageError(`${flag} "${raw}" must be whole milliseconds from 1 to 3600000`);
  return value;
}

/** The number a flag's text spells when it is all digits and within min..max; otherwise undefined. */
export function wholeNumberIn(raw: string, min: number, max: number): number | undefined {
  const value = Number(raw);
  return /^\d+$/.test(raw.trim()) && value >= min && value <= max ? value : undefined;
}

/**
 * Default --stream-timeout: a real collection (inventory collect, cost get_data) streams for
 * minutes; each message still has --timeout after the one before.
 */
export const DEFAULT_STREAM_TIMEOUT_MS = 300_000;

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
