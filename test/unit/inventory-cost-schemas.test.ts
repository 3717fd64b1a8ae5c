/** The inventory and cost metadata schemas judge values as the cores do: floats, nulls, truthiness. */
import { expect } from 'chai';
import { validateAgainst } from '../../src/checks/schema.js';
import { pythonTruthy } from '../../src/checks/json-values.js';
import { conformingMetadata as collectorMetadata } from '../plugins/inventory-collector.js';
import { conformingMetadata as dataSourceMetadata } from '../plugins/cost-analysis-data-source.js';
import type { Json, JsonObject } from '../../src/grpc/struct.js';

const COLLECTOR = 'inventory.Collector.metadata.json';
const DATA_SOURCE = 'cost_analysis.DataSource.metadata.json';

function paths(file: string, value: Json): Array<string | undefined> {
  return validateAgainst(file, value).map((detail) => detail.path);
}

describe('inventory and cost schemas', () => {
  it('reads truthiness as Python does', () => {
    for (const falsy of [undefined, null, false, 0, '', [], {}]) expect(pythonTruthy(falsy), JSON.stringify(falsy)).to.equal(false);
    for (const truthy of [true, 1, -1, 'false', [0], { a: null }]) expect(pythonTruthy(truthy), JSON.stringify(truthy)).to.equal(true);
  });

  describe('inventory.Collector metadata', () => {
    it('accepts what SDK and 1.x collectors send, with no collector_rules at all', () => {
      expect(paths(COLLECTOR, collectorMetadata())).to.deep.equal([]);
      expect(paths(COLLECTOR, { supported_resource_type: ['inventory.Region'], options_schema: {}, filter_format: [] })).to.deep.equal([]);
    });

    it('accepts every order IntField converts (numbers arrive as floats), and nothing else', () => {
      const rules = (orders: Json[]): JsonObject => ({ collector_rules: orders.map((order) => ({ order })) });
      expect(paths(COLLECTOR, rules([1, 1.0, 2.5, -3, true, '7', ' +8 ', '1_000']))).to.deep.equal([]);
      expect(paths(COLLECTOR, rules(['first', '1.5', '', null, [1], {}]))).to.deep.equal([0, 1, 2, 3, 4, 5].map((index) => `$.collector_rules[${index}].order`));
    });

    it('tolerates unknown rule keys and null optional fields, as the model does', () => {
      const rule = { order: 1, conditions: null, conditions_policy: null, actions: null, options: null, tags: null, name: null, priority: 'high' };
      expect(paths(COLLECTOR, { collector_rules: [rule] })).to.deep.equal([]);
      expect(paths(COLLECTOR, { collector_rules: [{ order: 1, conditions: [{ key: '', value: '', operator: null }] }] })).to.deep.equal([]);
    });
  });

  describe('cost_analysis.DataSource metadata', () => {
    it('accepts SDK metadata: null actions, null defaults, ALWAYS rules without conditions', () => {
      expect(paths(DATA_SOURCE, dataSourceMetadata())).to.deep.equal([]);
      expect(paths(DATA_SOURCE, { currency: 'USD', data_source_rules: [], use_account_routing: false, account_match_key: null, additional_info: null })).to.deep.equal([]);
    });

    it('treats falsy match actions as absent and needs source in the others', () => {
      const rule = (actions: JsonObject): JsonObject => ({ currency: 'USD', data_source_rules: [{ conditions_policy: 'ALWAYS', actions }] });
      expect(paths(DATA_SOURCE, rule({ match_project: {}, match_workspace: null, match_service_account: '' }))).to.deep.equal([]);
      expect(paths(DATA_SOURCE, rule({ match_workspace: { target: 'x' } }))).to.deep.equal(['$.data_source_rules[0].actions.match_workspace.source']);
    });

    it('accepts the condition keys the core accepts, tags.* and additional_info.* included', () => {
      const conditions = ['provider', 'region_code', 'product', 'account', 'usage_type', 'resource_group', 'resource', 'tags.env', 'additional_info.Tenant Id', 'tags.'].map((key) => ({ key, value: 'v', operator: 'contain' }));
      expect(paths(DATA_SOURCE, { currency: 'USD', data_source_rules: [{ conditions_policy: 'ANY', conditions, actions: {} }] })).to.deep.equal([]);
      expect(paths(DATA_SOURCE, { currency: 'USD', data_source_rules: [{ conditions_policy: 'ALL', conditions: [{ key: 'Provider', value: 'v', operator: 'eq' }], actions: {} }] })).to.deep.equal(['$.data_source_rules[0].conditions[0].key']);
    });

    it('needs account_match_key whenever use_account_routing is truthy, as the core tests it', () => {
      expect(paths(DATA_SOURCE, { currency: 'USD', use_account_routing: 'yes' })).to.deep.equal(['$.account_match_key']);
      expect(paths(DATA_SOURCE, { currency: 'USD', use_account_routing: 0 })).to.deep.equal([]);
      expect(paths(DATA_SOURCE, { currency: 'USD', use_account_routing: true, account_match_key: '' })).to.deep.equal(['$.account_match_key']);
    });
  });
});
