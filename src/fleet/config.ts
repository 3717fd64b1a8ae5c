/**
 * A fleet file (YAML or JSON): many plugins to check in one run. Each target becomes the argv of
 * one single-plugin run, validated here with the same rules as the command line, so a mistake in
 * any entry stops the fleet before anything is started (exit 2).
 */
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { allOptInInputs } from '../catalog/index.js';
import { buildRunConfig, camelCase, type RawRunOptions } from '../config.js';
import { readUserFile, UsageError } from '../usage.js';
import { isJsonObject, type Json, type JsonObject } from '../grpc/struct.js';

export interface FleetTarget {
  /** Unique in the file; names its report files. */
  name: string;
  type: string;
  target: string;
  /** Position in the file, 0-based: what --shard selects by. */
  position: number;
  /** Flags of the single-plugin run, without the report paths. */
  args: string[];
  /** Extra time the run may take before its first check: --exec's startup timeout. */
  startupTimeoutMs: number;
}

/** Keys of a target that map to one run flag each; values are strings or numbers. */
const SCALAR_KEYS: Record<string, string> = {
  type: '--type',
  target: '--target',
  exec: '--exec',
  startup_timeout: '--startup-timeout',
  domain_id: '--domain-id',
  timeout: '--timeout',
  grep: '--grep',
};
/** Keys whose value is a JSON object inline, or "@file" relative to the fleet file. */
const OBJECT_KEYS: Record<string, string> = { options: '--options' };
/** Keys naming a file relative to the fleet file. */
const FILE_KEYS: Record<string, string> = { secret_data_file: '--secret-data' };
/** Keys whose value is a plain path, given to the flag as it is (no @). */
const PATH_KEYS: Record<string, string> = { manifest: '--manifest', known_failures: '--known-failures' };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function loadFleetFile(file: string): FleetTarget[] {
  const document = readDocument(file);
  const where = `fleet file ${file}`;
  if (!isJsonObject(document) || !Array.isArray(document['targets'])) throw new UsageError(`${where}: needs a top-level "targets:" list`);
  const unknownTop = Object.keys(document).filter((key) => key !== 'targets' && key !== 'defaults');
  if (unknownTop.length > 0) throw new UsageError(`${where}: unknown top-level key "${unknownTop[0]}" (known: targets, defaults)`);
  const defaults = document['defaults'] ?? {};
  if (!isJsonObject(defaults)) throw new UsageError(`${where}: "defaults" must be a mapping`);
  const baseDir = path.dirname(path.resolve(file));
  const targets = document['targets'].map((entry, position) => {
    if (!isJsonObject(entry)) throw new UsageError(`${where}: targets[${position}] must be a mapping`);
    return toTarget({ ...defaults, ...entry }, position, baseDir, where);
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
  const optInKeys = new Set(allOptInInputs().map((input) => input.name));
  const args: string[] = [];
  const raw: RawRunOptions = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'name') continue;
    let flag: string;
    let text: string;
    if (key in SCALAR_KEYS) {
      if (typeof value !== 'string' && typeof value !== 'number') throw new UsageError(`${label}: "${key}" must be a string or a number`);
      flag = SCALAR_KEYS[key] as string;
      text = String(value);
    } else if (key in OBJECT_KEYS || optInKeys.has(key)) {
      flag = OBJECT_KEYS[key] ?? `--${key}`;
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
      const known = ['name', ...Object.keys(SCALAR_KEYS), ...Object.keys(OBJECT_KEYS), ...Object.keys(FILE_KEYS), ...Object.keys(PATH_KEYS), ...optInKeys];
      throw new UsageError(`${label}: unknown key "${key}" (known: ${known.join(', ')})`);
    }
    args.push(flag, text);
    raw[camelCase(flag.slice(2))] = text;
  }
  const config = validate(raw, label);
  const name = typeof entry['name'] === 'string' ? entry['name'] : `${config.entry.name}-${position + 1}`;
  if (!NAME.test(name)) throw new UsageError(`${label}: name "${name}" may hold only letters, digits, ".", "_" and "-" (it names report files)`);
  return { name, type: config.entry.name, target: config.targetText, position, args, startupTimeoutMs: config.exec?.startupTimeoutMs ?? 0 };
}

/** The same validation a single run does, so every input error surfaces before the fleet starts. */
function validate(raw: RawRunOptions, label: string): ReturnType<typeof buildRunConfig> {
  try {
    return buildRunConfig(raw);
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
