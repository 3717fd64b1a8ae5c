/**
 * The plugin manifest: the YAML a user passes to `spacectl exec register repository.Plugin -f`.
 * Read with the values spacectl would send: spacectl parses with PyYAML, a YAML 1.1 parser, so
 * `yes` is a boolean and `2024-01-01` a date here too, and duplicate keys keep the last value.
 */
import { yamlLibrary } from '../deferred.js';
import { readUserFile, UsageError } from '../usage.js';
import type { Json, JsonObject } from '../grpc/struct.js';

/** A value YAML can carry and the register request cannot. */
export interface ManifestProblem {
  path: string;
  problem: string;
}

export interface Manifest {
  /** The path as given, for messages. */
  file: string;
  document: JsonObject;
  problems: readonly ManifestProblem[];
}

/** The type the manifest registers the plugin as: resource_type, or the 1.x name service_type. */
export interface DeclaredType {
  key: 'resource_type' | 'service_type';
  value: string;
}

/** Reads and parses the file; a file that is not one YAML mapping is bad input (exit 2). */
export function loadManifest(file: string): Manifest {
  const flag = `--manifest ${file}`;
  const text = readUserFile(file, `${flag}: cannot read the file`);
  const parsed = yamlLibrary().parseDocument(text, { version: '1.1', uniqueKeys: false });
  const [error] = parsed.errors;
  if (error) throw new UsageError(`${flag}: not valid YAML: ${error.message.split('\n')[0]}`);
  const value: unknown = parsed.toJS({ mapAsMap: true });
  if (!(value instanceof Map)) {
    throw new UsageError(`${flag}: must be a YAML mapping of register fields (name, resource_type, image, ...), got ${value === null || value === undefined ? 'an empty document' : Array.isArray(value) ? 'a list' : typeof value}`);
  }
  const problems: ManifestProblem[] = [];
  const document = toJson(value, '$', problems) as JsonObject;
  return { file, document, problems };
}

export function declaredType(document: JsonObject): DeclaredType | undefined {
  for (const key of ['resource_type', 'service_type'] as const) {
    const value = document[key];
    if (typeof value === 'string' && value.trim() !== '') return { key, value };
  }
  return undefined;
}

/** YAML values as JSON, noting every one the register request could not carry. */
function toJson(value: unknown, path: string, problems: ManifestProblem[]): Json {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'string') return value ?? null;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((item, index) => toJson(item, `${path}[${index}]`, problems));
  if (value instanceof Map) {
    const object: JsonObject = {};
    for (const [key, item] of value) {
      const name = typeof key === 'string' ? key : key instanceof Map ? '(mapping)' : String(key);
      const at = /^[A-Za-z_][\w-]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
      if (typeof key !== 'string') {
        const kind = key === null ? 'null' : key instanceof Map ? 'mapping' : typeof key;
        problems.push({ path: at, problem: `the key ${name} is a ${kind}, not a string: PyYAML keeps it so, and a Struct or a request field needs a string key` });
      }
      object[name] = toJson(item, at, problems);
    }
    return object;
  }
  const kind = value instanceof Date ? 'a YAML timestamp, which PyYAML reads as a date' : value instanceof Uint8Array ? 'YAML binary data' : value instanceof Set ? 'a YAML set' : `a ${typeof value}`;
  problems.push({ path, problem: `${kind}: the register request cannot carry it (quote it to send a string)` });
  return value instanceof Date ? value.toISOString() : String(value);
}
