/**
 * Where a JSON Schema validator comes from. Compiling a schema with ajv costs more than most
 * checks of a run, and every run is a fresh process; so the build compiles the project's schemas
 * and the draft meta-schemas once (scripts/precompile-schemas.ts, ajv's standalone code) and runs
 * load those. Each is keyed by a fingerprint of what it was compiled from: a missing or stale one
 * is not used, and the caller compiles at run time, slower but the same.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { packageRoot, schemasDir } from '../paths.js';

const require = createRequire(import.meta.url);

/** Annotation in our schemas: what the core does when the rule is broken. */
export const CORE_EFFECT = 'x-core-effect';
/** Annotation in our schemas: `warning` on a rule the core tolerates breaking; a person should still know. */
export const SEVERITY = 'x-severity';

/**
 * Our own schemas: strict, every error, the failing subschema in each error. validateSchema off:
 * they do not change between runs, and a test validates them against the meta-schema.
 */
export const PROJECT_OPTIONS: Options = { allErrors: true, strict: true, validateSchema: false, strictTypes: false, strictRequired: false, verbose: true, keywords: [CORE_EFFECT, SEVERITY] };
/** Schemas plugins give the core: as lenient as its python jsonschema (unknown keywords and formats pass). */
export const FOREIGN_OPTIONS: Options = { strict: false, validateFormats: false, allErrors: true, logger: false };

export type Draft = 'draft-07' | '2020-12';
export const META_SCHEMA_IDS: Readonly<Record<Draft, string>> = {
  'draft-07': 'http://json-schema.org/draft-07/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

/** The export under which a schema file's root validator is generated; definitions go by `#/$defs/X`. */
export const ROOT_EXPORT = 'root';
export const PRECOMPILED_DIR = path.join(packageRoot, 'dist', 'precompiled');

/** An ajv instance of the draft's class. */
export function newAjv(draft: Draft, options: Options): Ajv {
  return draft === 'draft-07' ? new Ajv(options) : new Ajv2020(options);
}

/** What a validator is compiled from: the ajv version, the options and the schema's source. */
export function fingerprint(options: Options, source: string): string {
  const { version } = require('ajv/package.json') as { version: string };
  return createHash('sha256').update(`ajv ${version}\0${JSON.stringify(options)}\0${source}`).digest('hex');
}

/** The schema files under schemas/ that runs validate against (and the build precompiles). */
export function runSchemaFiles(): string[] {
  // report.json describes the JSON report for its readers, with formats the checks do not use.
  return fs.readdirSync(schemasDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json') && file !== 'report.json').sort();
}

export function precompiledFile(name: string): string {
  return path.join(PRECOMPILED_DIR, `${name.replace(/[\\/]/g, '__')}.cjs`);
}

export function metaName(draft: Draft): string {
  return `meta-${draft}`;
}

/** The build's validators of `name`, when compiled from exactly what `expected` fingerprints. */
export function loadPrecompiled(name: string, expected: string): Record<string, ValidateFunction> | undefined {
  const file = precompiledFile(name);
  if (!fs.existsSync(file)) return undefined;
  const module = require(file) as { fingerprint?: string } & Record<string, ValidateFunction>;
  return module.fingerprint === expected ? module : undefined;
}
