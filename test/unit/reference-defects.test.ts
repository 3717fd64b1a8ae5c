/**
 * Every defective reference variant whose rule lives in a schema breaks exactly that rule: what
 * the variant answers, judged by the schema its suite uses, gives one detail at the rule's path,
 * with what the core does. (The CLI tests run one such variant per check end to end.)
 */
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { validateAgainst } from '../../src/checks/schema.js';
import type { Json, JsonObject } from '../../src/grpc/struct.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';

const REQUEST: JsonObject = { options: {}, secret_data: {}, filter: {}, task_options: {}, domain_id: 'domain-test' };

async function answer(type: string, variant: string, rpc: string): Promise<Json> {
  const handler = REFERENCE_PLUGINS[type]?.[variant]?.handlers[rpc];
  if (!handler) throw new Error(`${type} ${variant} serves no ${rpc}`);
  const result = await handler(REQUEST, new grpc.Metadata());
  if (Array.isArray(result)) return result;
  if (Symbol.asyncIterator in result) throw new Error(`${variant} streams lazily`);
  return (rpc.endsWith('.init') ? result['metadata'] : result) as Json;
}

const cases: Array<[type: string, rpc: string, schema: string, variants: Array<[variant: string, path: string]>]> = [
  ['inventory.Collector', 'Collector.init', 'inventory.Collector.metadata.json', [
    ['rules-not-list', '$.collector_rules'],
    ['rule-without-order', '$.collector_rules[0].order'],
    ['rule-order-not-int', '$.collector_rules[0].order'],
    ['rule-name-not-string', '$.collector_rules[0].name'],
    ['rule-condition-without-value', '$.collector_rules[0].conditions[0].value'],
    ['rule-bad-operator', '$.collector_rules[0].conditions[0].operator'],
    ['rule-bad-policy', '$.collector_rules[0].conditions_policy'],
    ['rule-actions-not-object', '$.collector_rules[0].actions'],
  ]],
  ['inventory.Collector', 'Collector.collect', 'inventory.Collector.collect.json', [
    ['collect-unknown-state', '$[1].state'],
    ['collect-without-resource-type', '$[2].resource_type'],
    ['collect-unknown-resource-type', '$[2].resource_type'],
    ['collect-without-match-rules', '$[2].match_rules'],
  ]],
  ['cost_analysis.DataSource', 'DataSource.init', 'cost_analysis.DataSource.metadata.json', [
    ['missing-currency', '$.currency'],
    ['currency-not-string', '$.currency'],
    ['rules-not-list', '$.data_source_rules'],
    ['rule-without-policy', '$.data_source_rules[1].conditions_policy'],
    ['rule-bad-policy', '$.data_source_rules[1].conditions_policy'],
    ['rule-without-actions', '$.data_source_rules[1].actions'],
    ['rule-without-conditions', '$.data_source_rules[1].conditions'],
    ['rule-bad-condition-key', '$.data_source_rules[1].conditions[0].key'],
    ['rule-bad-operator', '$.data_source_rules[1].conditions[0].operator'],
    ['rule-empty-condition-value', '$.data_source_rules[1].conditions[0].value'],
    ['rule-match-without-source', '$.data_source_rules[1].actions.match_project.source'],
    ['routing-without-match-key', '$.account_match_key'],
  ]],
];

describe('defective reference plugins break exactly their rule', () => {
  for (const [type, rpc, schema, variants] of cases) {
    describe(`${type} ${rpc}`, () => {
      it('conforming: no rule broken', async () => {
        expect(validateAgainst(schema, await answer(type, 'conforming', rpc))).to.deep.equal([]);
      });
      for (const [variant, path] of variants) {
        it(`${variant}: ${path}, with what the core does`, async () => {
          const details = validateAgainst(schema, await answer(type, variant, rpc));
          expect(details.map((detail) => detail.path)).to.deep.equal([path]);
          expect(details[0]?.coreEffect).to.be.a('string').and.not.equal('');
        });
      }
    });
  }
});
