/** A JSON Schema that a plugin hands the core inside its metadata must compile as the core's does. */
import type { Json } from '../grpc/struct.js';
import { compileForeignSchema } from './schema.js';
import type { CheckDefinition } from '../model/check.js';

export function channelSchemaCheck(options: { path: readonly string[]; absentWarning?: string; failureEffect: string }): CheckDefinition {
  const where = `$.${options.path.join('.')}`;
  return {
    group: 'init',
    name: 'schema-compiles',
    description: `metadata ${where} is a JSON Schema that compiles (draft from $schema, else 2020-12)`,
    requires: ['init/responds'],
    async run(context) {
      let node: Json | undefined = context.facts.metadata;
      for (const key of options.path) node = node && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined;
      if (node === undefined) return options.absentWarning ? { status: 'passed', warnings: [options.absentWarning] } : { status: 'passed' };
      const compiled = compileForeignSchema(node);
      if (compiled.ok) return { status: 'passed' };
      return {
        status: 'failed',
        message: `${where} is not a valid JSON Schema (${compiled.draft}): ${compiled.reason}`,
        details: [{ message: compiled.reason, path: where, expected: `a valid ${compiled.draft} JSON Schema`, coreEffect: options.failureEffect }],
      };
    },
  };
}
