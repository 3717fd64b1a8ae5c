/**
 * JSON Schema checks, written once: the project's metadata schemas (strict, ours) and the
 * schemas plugins hand to the core (lenient, as the core's python jsonschema is).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { schemasDir } from '../paths.js';
import type { Json, JsonObject } from '../grpc/struct.js';
import type { CheckDetail } from '../model/results.js';
import {
  CORE_EFFECT,
  FOREIGN_OPTIONS,
  fingerprint,
  loadPrecompiled,
  META_SCHEMA_IDS,
  metaName,
  newAjv,
  PROJECT_OPTIONS,
  ROOT_EXPORT,
  SEVERITY,
  type Draft,
} from './validators.js';

interface CompiledSchema {
  validate: ValidateFunction;
  /** Where the schema paths of errors start: the file's root, or the fragment validated against. */
  schema: JsonObject;
  root: JsonObject;
}

interface SchemaFile {
  root: JsonObject;
  /** The build's validators of this file (root and definitions), when they match its text. */
  precompiled: Record<string, ValidateFunction> | undefined;
}

const schemaFiles = new Map<string, SchemaFile>();
const compiledProjectSchemas = new Map<string, CompiledSchema>();
let projectAjv: Ajv | undefined;

function schemaFile(file: string): SchemaFile {
  let loaded = schemaFiles.get(file);
  if (!loaded) {
    const source = fs.readFileSync(path.join(schemasDir, file), 'utf8');
    loaded = { root: JSON.parse(source) as JsonObject, precompiled: loadPrecompiled(file, fingerprint(PROJECT_OPTIONS, source)) };
    schemaFiles.set(file, loaded);
  }
  return loaded;
}

/** Compiled now, when the build's validator is missing or stale. */
function compiledNow(file: SchemaFile, fragment: string | undefined): ValidateFunction | undefined {
  projectAjv ??= newAjv('2020-12', PROJECT_OPTIONS);
  const id = String(file.root['$id']);
  if (!projectAjv.getSchema(id)) projectAjv.addSchema(file.root);
  return projectAjv.getSchema(fragment === undefined ? id : `${id}#${fragment}`);
}

/** `file` or `file#/$defs/X`: a file under schemas/, or one definition in it. */
function projectSchema(reference: string): CompiledSchema {
  let compiled = compiledProjectSchemas.get(reference);
  if (compiled) return compiled;
  const [name = '', fragment] = reference.split('#');
  const file = schemaFile(name);
  const validate = file.precompiled?.[fragment === undefined ? ROOT_EXPORT : `#${fragment}`] ?? compiledNow(file, fragment);
  const schema = fragment === undefined ? file.root : valueAt(file.root, fragment);
  if (!validate || !schema || typeof schema !== 'object' || Array.isArray(schema)) throw new Error(`schemas/${reference} names no definition`);
  compiled = { validate, schema, root: file.root };
  compiledProjectSchemas.set(reference, compiled);
  return compiled;
}

/** Validates a value against a schema under schemas/ (or one of its definitions); one detail per violation. */
export function validateAgainst(reference: string, value: Json): CheckDetail[] {
  return assessAgainst(reference, value).failures;
}

/** Like validateAgainst, with the violations of rules marked `x-severity: warning` apart. */
export function assessAgainst(reference: string, value: Json): { failures: CheckDetail[]; warnings: CheckDetail[] } {
  const { validate, schema, root } = projectSchema(reference);
  const assessment = { failures: [] as CheckDetail[], warnings: [] as CheckDetail[] };
  if (validate(value)) return assessment;
  for (const error of (validate.errors ?? []).filter(isReportable)) {
    const severity = annotationAt(schema, error.schemaPath, SEVERITY) ?? annotationAt(root, error.schemaPath, SEVERITY);
    (severity === 'warning' ? assessment.warnings : assessment.failures).push(toDetail(error, value, schema, root));
  }
  return assessment;
}

/** Pure combinator failures repeat what their branches already said. */
function isReportable(error: ErrorObject): boolean {
  return error.keyword !== 'if';
}

function toDetail(error: ErrorObject, value: Json, schema: JsonObject, root: JsonObject): CheckDetail {
  const missing = error.keyword === 'required' ? String(error.params['missingProperty']) : undefined;
  // A key the schema does not allow is reported at the key itself, so the failure names it.
  const extra = error.keyword === 'additionalProperties' ? String(error.params['additionalProperty']) : undefined;
  const pointer = missing !== undefined ? `${error.instancePath}/${missing}` : extra !== undefined ? `${error.instancePath}/${escapePointer(extra)}` : error.instancePath;
  const actual = missing === undefined ? valueAt(value, pointer) : undefined;
  const path = jsonPath(pointer);
  const detail: CheckDetail = {
    message: missing !== undefined ? `${path} is required` : extra !== undefined ? `${path} is not an allowed key` : `${path} ${error.message ?? error.keyword}`,
    path,
    expected: expectedOf(error),
    actual: actual === undefined ? '(absent)' : actual,
  };
  const effect = coreEffectOf(error, missing) ?? annotationAt(schema, error.schemaPath, CORE_EFFECT) ?? annotationAt(root, error.schemaPath, CORE_EFFECT);
  if (effect) detail.coreEffect = effect;
  return detail;
}

/** The effect annotated on the failing subschema, or on the missing property's own schema. */
function coreEffectOf(error: ErrorObject, missing: string | undefined): string | undefined {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  const properties = parent?.['properties'] as Record<string, Record<string, unknown>> | undefined;
  const candidates = [missing === undefined ? undefined : properties?.[missing], parent];
  for (const candidate of candidates) {
    const effect = candidate?.[CORE_EFFECT];
    if (typeof effect === 'string') return effect;
  }
  return undefined;
}

function expectedOf(error: ErrorObject): Json {
  const params = error.params as Record<string, unknown>;
  if ('allowedValues' in params) return params['allowedValues'] as Json;
  if ('allowedValue' in params) return params['allowedValue'] as Json;
  if ('missingProperty' in params) return `property ${String(params['missingProperty'])} present`;
  if ('type' in params) return `type ${String(params['type'])}`;
  if ('additionalProperty' in params) return `no property ${String(params['additionalProperty'])}`;
  if ('pattern' in params) return `matches ${String(params['pattern'])}`;
  if ('limit' in params) return `${error.keyword} ${String(params['limit'])}`;
  return error.message ?? error.keyword;
}

/** The nearest annotation on the way from the failing keyword up to the schema's root. */
function annotationAt(schema: JsonObject, schemaPath: string, annotation: string): string | undefined {
  const segments = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescapePointer);
  const nodes: Json[] = [schema];
  let node: Json | undefined = schema;
  for (const segment of segments) {
    node = node && typeof node === 'object' ? (node as Record<string, Json>)[segment] : undefined;
    if (node === undefined) break;
    nodes.push(node);
  }
  for (const candidate of nodes.reverse()) {
    if (candidate && typeof candidate === 'object' && !Array.isArray(candidate) && typeof candidate[annotation] === 'string') {
      return candidate[annotation] as string;
    }
  }
  return undefined;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function valueAt(root: Json, pointer: string): Json | undefined {
  let node: Json | undefined = root;
  for (const segment of pointer.split('/').slice(1).map(unescapePointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : node[segment];
  }
  return node;
}

/** `/data/schema/properties/x` -> `$.data.schema.properties.x`, the form failures are read in. */
export function jsonPath(pointer: string): string {
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map(unescapePointer)
      .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : /^[A-Za-z_][\w-]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`))
      .join('')
  );
}

/**
 * Whether a schema a plugin gives the core compiles, judged as the core's jsonschema judges it:
 * the draft named by $schema (latest when absent), unknown keywords and formats tolerated. Valid
 * against the draft's meta-schema first (what check_schema asks), then compiled.
 */
export function compileForeignSchema(schema: Json): { ok: true; draft: string } | { ok: false; draft: string; reason: string } {
  const declared = schema && typeof schema === 'object' && !Array.isArray(schema) ? schema['$schema'] : undefined;
  const draft: Draft = typeof declared === 'string' && /draft-0[4-7]/.test(declared) ? 'draft-07' : '2020-12';
  // Older drafts are judged by draft-07's rules, their nearest relative ajv knows.
  const compilable = typeof declared === 'string' && !/draft-07|2020-12/.test(declared) ? withoutKey(schema as JsonObject, '$schema') : schema;
  const precompiledMeta = loadPrecompiled(metaName(draft), fingerprint(FOREIGN_OPTIONS, META_SCHEMA_IDS[draft]))?.[ROOT_EXPORT];
  // With the build's meta-schema validator, the instance needs no meta-schemas of its own (cheaper to make).
  // Compiled to be used once: ajv's optimizing pass over the generated code costs more than it saves.
  const ajv = newAjv(draft, { ...FOREIGN_OPTIONS, validateSchema: false, code: { optimize: false }, ...(precompiledMeta ? { meta: false } : {}) });
  const meta = precompiledMeta ?? compiledMeta(draft, ajv);
  if (!meta(compilable)) return { ok: false, draft, reason: `schema is invalid: ${ajv.errorsText(meta.errors)}` };
  try {
    ajv.compile(compilable as object);
    return { ok: true, draft };
  } catch (error) {
    return { ok: false, draft, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The draft's meta-schema validator compiled now, by an instance that knows the meta-schema. */
function compiledMeta(draft: Draft, ajv: Ajv): ValidateFunction {
  const validate = ajv.getSchema(META_SCHEMA_IDS[draft]);
  if (!validate) throw new Error(`ajv knows no meta-schema ${META_SCHEMA_IDS[draft]}`);
  return validate;
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  const copy = { ...object };
  delete copy[key];
  return copy;
}
