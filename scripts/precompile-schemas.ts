/**
 * Build step (after tsc, before the bundle): compiles the project's schemas under schemas/ (each
 * file's root and every definition in $defs) and the draft meta-schemas into ajv standalone
 * validators in dist/precompiled/, each stamped with the fingerprint src/checks/validators.ts
 * checks, so runs load them instead of compiling.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, Options } from 'ajv';
import { schemasDir } from '../src/paths.js';
import { fingerprint, FOREIGN_OPTIONS, META_SCHEMA_IDS, metaName, newAjv, PRECOMPILED_DIR, precompiledFile, PROJECT_OPTIONS, ROOT_EXPORT, runSchemaFiles, type Draft } from '../src/checks/validators.js';

const require = createRequire(import.meta.url);
const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;

function generate(name: string, draft: Draft, options: Options, source: string, schema: object | undefined, refs: (id: string) => Record<string, string>): void {
  const ajv = newAjv(draft, { ...options, code: { source: true } });
  if (schema) ajv.addSchema(schema);
  const id = schema ? String((schema as { $id?: unknown }).$id) : META_SCHEMA_IDS[draft];
  const code = standaloneCode(ajv, refs(id));
  fs.writeFileSync(precompiledFile(name), `${code}\nexports.fingerprint = ${JSON.stringify(fingerprint(options, source))};\n`);
}

fs.rmSync(PRECOMPILED_DIR, { recursive: true, force: true });
fs.mkdirSync(PRECOMPILED_DIR, { recursive: true });
const files = runSchemaFiles();
for (const file of files) {
  const source = fs.readFileSync(path.join(schemasDir, file), 'utf8');
  const schema = JSON.parse(source) as { $defs?: Record<string, unknown> };
  generate(file, '2020-12', PROJECT_OPTIONS, source, schema, (id) => ({
    [ROOT_EXPORT]: id,
    ...Object.fromEntries(Object.keys(schema.$defs ?? {}).map((definition) => [`#/$defs/${definition}`, `${id}#/$defs/${definition}`])),
  }));
}
for (const draft of Object.keys(META_SCHEMA_IDS) as Draft[]) {
  generate(metaName(draft), draft, FOREIGN_OPTIONS, META_SCHEMA_IDS[draft], undefined, (id) => ({ [ROOT_EXPORT]: id }));
}
process.stdout.write(`precompile-schemas: ${files.length} schema files and ${Object.keys(META_SCHEMA_IDS).length} meta-schemas in ${path.relative(process.cwd(), PRECOMPILED_DIR)}\n`);
