/** Validates a written JSON report against schemas/report.json, as a consumer of the format would. */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import { schemasDir } from '../../src/paths.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)));
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(schemasDir, 'report.json'), 'utf8')) as object);

/** The schema's complaints, one line each; empty when the report conforms. */
export function reportSchemaErrors(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
