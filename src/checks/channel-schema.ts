/** A JSON Schema that a plugin hands the core inside its metadata must compile as the core's does. */
import type { Json, JsonObject } from '../grpc/struct.js';
import type { CheckSource } from '../spec.js';
import { compileForeignSchema } from './schema.js';
import type { CheckDefinition, Verdict } from '../model/check.js';

export function channelSchemaCheck(options: {
  path: readonly string[];
  /** The verdict on metadata without the schema (the init metadata decides: e.g. data_type); passes when not given. */
  whenAbsent?: (metadata: JsonObject) => Verdict;
  failureEffect: string;
  sources: readonly CheckSource[];
}): CheckDefinition {
  const where = `$.${options.path.join('.')}`;
  return {
    group: 'init',
    name: 'schema-compiles',
    sources: options.sources,
    description: `metadata ${where} is a JSON Schema that compiles (draft from $schema, else 2020-12)`,
    requires: ['init/responds'],
    async run(context) {
      let node: Json | undefined = context.facts.metadata;
      for (const key of options.path) node = node && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined;
      if (node === undefined) return options.whenAbsent ? options.whenAbsent(context.facts.metadata ?? {}) : { status: 'passed' };
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
