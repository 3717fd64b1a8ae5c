/**
 * A fleet file (YAML or JSON): many plugins to check in one run. Each target becomes the argv of
 * one single-plugin run, validated here with the same rules as the command line, so a mistake in
 * any entry stops the fleet before anything is started (exit 2).
 */
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { allOptInInputs, allChoiceInputs } from '../catalog/index.js';
import { buildRunConfig, camelCase, type RawRunOptions, parseCommonInputs } from '../config.js';
import { readUserFile, UsageError } from '../usage.js';
import { isJsonObject, type Json, type JsonObject } from '../grpc/struct.js';

export interface FleetTarget {
  /** Unique in the file; names its report files. */
  name: string;
  /** The type the entry names, or DETECTED_TYPE: the run reads it from the plugin's reflection. */
  type: string;
  target: string;
  /** Position in the file, 0-based: what --shard selects by. */
  position: number;
  /** Flags of the single-plugin run, without the report paths. */
  args: string[];
  /** Extra time the run may take before its first check: --exec's startup timeout. */
  startupTimeoutMs: number;
}

/** A fleet entry without `type`: its run detects the type, as a single run does. */
export const DETECTED_TYPE = '(detected)';

/**
 * Every key is the snake_case of its run flag, as Cloudforet's own YAML spells keys; the
 * kebab-case spellings of earlier fleet files still work, with a deprecation warning.
 */
const snake = (flagName: string): string => flagName.replace(/-/g, '_');

/** Keys of a target that map to one run flag each; values are strings or numbers. */
const SCALAR_KEYS: Record<string, string> = Object.fromEntries(
  ['type', 'target', 'exec', 'startup-timeout', 'domain-id', 'timeout', 'stream-timeout', 'grep', 'profile', ...allChoiceInputs().map((choice) => choice.name)].map((flag) => [snake(flag), `--${flag}`]),
);
/** Keys whose value is a JSON object inline, or "@file" relative to the fleet file. */
const OBJECT_KEYS: Record<string, string> = Object.fromEntries(['options', ...allOptInInputs().map((input) => input.name)].map((flag) => [snake(flag), `--${flag}`]));
/** Keys naming a file relative to the fleet file. */
const FILE_KEYS: Record<string, string> = { secret_data_file: '--secret-data' };
/** Keys whose value is a plain path, given to the flag as it is (no @). */
const PATH_KEYS: Record<string, string> = { manifest: '--manifest', known_failures: '--known-failures' };
/** Flags without a value: `true` gives the flag, `false` leaves it out. */
const SWITCH_KEYS: Record<string, string> = { strict: '--strict' };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `warn` hears each deprecated key once per file. */
export function loadFleetFile(file: string, warn: (line: string) => void = () => undefined): FleetTarget[] {
  const document = readDocument(file);
  const where = `fleet file ${file}`;
  if (!isJsonObject(document) || !Array.isArray(document['targets'])) throw new UsageError(`${where}: needs a top-level "targets:" list`);
  const unknownTop = Object.keys(document).filter((key) => key !== 'targets' && key !== 'defaults');
  if (unknownTop.length > 0) throw new UsageError(`${where}: unknown top-level key "${unknownTop[0]}" (known: targets, defaults)`);
  const defaults = document['defaults'] ?? {};
  if (!isJsonObject(defaults)) throw new UsageError(`${where}: "defaults" must be a mapping`);
  const baseDir = path.dirname(path.resolve(file));
  const deprecated = new Set<string>();
  const current = (entry: JsonObject): JsonObject =>
    Object.fromEntries(
      Object.entries(entry).map(([key, value]) => {
        const spelled = snake(key);
        if (spelled === key || !(spelled in SCALAR_KEYS || spelled in SWITCH_KEYS || spelled in OBJECT_KEYS || spelled in FILE_KEYS || spelled in PATH_KEYS)) return [key, value];
        if (!deprecated.has(key)) warn(`${where}: key "${key}" is deprecated; write "${spelled}"`);
        deprecated.add(key);
        return [spelled, value];
      }),
    );
  const targets = document['targets'].map((entry, position) => {
    if (!isJsonObject(entry)) throw new UsageError(`${where}: targets[${position}] must be a mapping`);
    return toTarget({ ...current(defaults), ...current(entry) }, position, baseDir, where);
  });
  if (targets.length === 0) throw new UsageError(`${where}: "targets" is empty`);
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.name)) throw new UsageError(`${where}: two targets are named "${target.name}"; names must be unique (they name the reports)`);
    seen.add(target.name);
  }
  return targets;
}

function readDocument(file: string): Json {
  const text = readUserFile(file, `--config: cannot read file ${file}`);
  try {
    return (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Json;
  } catch (error) {
    throw new UsageError(`fleet file ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${(error as Error).message.split('\n')[0]})`);
  }
}

function toTarget(entry: JsonObject, position: number, baseDir: string, where: string): FleetTarget {
  const label = `${where}: targets[${position}]${typeof entry['name'] === 'string' ? ` (${entry['name']})` : ''}`;
  const args: string[] = [];
  const raw: RawRunOptions = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'name') continue;
    if (key in SWITCH_KEYS) {
      if (typeof value !== 'boolean') throw new UsageError(`${label}: "${key}" must be true or false`);
      if (value) {
        args.push(SWITCH_KEYS[key] as string);
        raw.strict = true;
      }
      continue;
    }
    let flag: string;
    let text: string;
    if (key in SCALAR_KEYS) {
      if (typeof value !== 'string' && typeof value !== 'number') throw new UsageError(`${label}: "${key}" must be a string or a number`);
      flag = SCALAR_KEYS[key] as string;
      text = String(value);
    } else if (key in OBJECT_KEYS) {
      flag = OBJECT_KEYS[key] as string;
      text = objectArgument(value, baseDir, `${label}: "${key}"`);
    } else if (key in FILE_KEYS) {
      if (typeof value !== 'string') throw new UsageError(`${label}: "${key}" must be a file path`);
      flag = FILE_KEYS[key] as string;
      text = `@${path.resolve(baseDir, value)}`;
    } else if (key in PATH_KEYS) {
      if (typeof value !== 'string') throw new UsageError(`${label}: "${key}" must be a file path`);
      flag = PATH_KEYS[key] as string;
      text = path.resolve(baseDir, value);
    } else if (key === 'secret_data') {
      throw new UsageError(`${label}: put secret_data in a file and name it with secret_data_file (fleet files get committed; secrets must not, nor appear in a process list)`);
    } else {
      const known = ['name', ...Object.keys(SWITCH_KEYS), ...Object.keys(SCALAR_KEYS), ...Object.keys(OBJECT_KEYS), ...Object.keys(FILE_KEYS), ...Object.keys(PATH_KEYS)];
      throw new UsageError(`${label}: unknown key "${key}" (known: ${known.join(', ')})`);
    }
    args.push(flag, text);
    raw[camelCase(flag.slice(2))] = text;
  }
  const config = validate(raw, label);
  const name = typeof entry['name'] === 'string' ? entry['name'] : `${config.type === DETECTED_TYPE ? 'plugin' : config.type}-${position + 1}`;
  if (!NAME.test(name)) throw new UsageError(`${label}: name "${name}" may hold only letters, digits, ".", "_" and "-" (it names report files)`);
  return { name, type: config.type, target: config.targetText, position, args, startupTimeoutMs: config.startupTimeoutMs };
}

/**
 * The same validation a single run does, so every input error surfaces before the fleet starts.
 * Without a type (or a manifest naming one) only what does not depend on the type is checked
 * here; the run checks the rest once it has read the type from the plugin.
 */
function validate(raw: RawRunOptions, label: string): { type: string; targetText: string; startupTimeoutMs: number } {
  try {
    if (raw.type === undefined && raw.manifest === undefined) {
      if (raw.exec !== undefined) throw new UsageError('exec needs type (or manifest): a type is detected from a plugin that already serves');
      return { type: DETECTED_TYPE, targetText: parseCommonInputs(raw).targetText, startupTimeoutMs: 0 };
    }
    const config = buildRunConfig(raw);
    return { type: config.entry.name, targetText: config.targetText, startupTimeoutMs: config.exec?.startupTimeoutMs ?? 0 };
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${label}: ${error.message}`);
    throw error;
  }
}

function objectArgument(value: Json | undefined, baseDir: string, label: string): string {
  if (typeof value === 'string' && value.startsWith('@')) return `@${path.resolve(baseDir, value.slice(1))}`;
  if (!isJsonObject(value)) throw new UsageError(`${label} must be a mapping or "@file"`);
  return JSON.stringify(value);
}
