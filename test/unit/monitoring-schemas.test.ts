import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { validateAgainst } from '../../src/checks/schema.js';
import { packageRoot } from '../../src/paths.js';
import type { JsonObject } from '../../src/grpc/struct.js';
import { logMetadata, metricMetadata } from '../plugins/monitoring-data-source.js';

const FILE = 'monitoring.DataSource.metadata.json';
const METRIC = `${FILE}#/$defs/METRIC`;
const LOG = `${FILE}#/$defs/LOG`;

function replayMetadata(name: string): JsonObject {
  const replay = JSON.parse(fs.readFileSync(path.join(packageRoot, 'test', 'replays', 'monitoring.DataSource', name), 'utf8')) as { responses: { 'DataSource.init': { metadata: JsonObject } } };
  return replay.responses['DataSource.init'].metadata;
}

describe('monitoring.DataSource metadata (strict schematics models)', () => {
  it('accepts the reference and the real METRIC and LOG metadata under their own type only', () => {
    expect(validateAgainst(METRIC, metricMetadata())).to.deep.equal([]);
    expect(validateAgainst(LOG, logMetadata())).to.deep.equal([]);
    expect(validateAgainst(METRIC, replayMetadata('plugin-aws-cloudwatch-mon-datasource.json'))).to.deep.equal([]);
    expect(validateAgainst(METRIC, replayMetadata('plugin-azure-monitor-mon-datasource.json'))).to.deep.equal([]);
    expect(validateAgainst(LOG, replayMetadata('plugin-aws-cloudtrail-mon-datasource.json'))).to.deep.equal([]);
    expect(validateAgainst(LOG, replayMetadata('plugin-azure-activity-log-mon-datasource.json'))).to.deep.equal([]);
    expect(validateAgainst(LOG, metricMetadata()).map((detail) => detail.path)).to.deep.equal(['$.supported_stat']);
    expect(validateAgainst(FILE, metricMetadata())).to.deep.equal([]);
  });

  it('tolerates what schematics tolerates: an empty supported_stat, nulls for optional keys and list items', () => {
    expect(validateAgainst(METRIC, { supported_stat: [], required_keys: ['data.x', null], supported_providers: null })).to.deep.equal([]);
    expect(validateAgainst(LOG, { required_keys: ['data.x'], view: null })).to.deep.equal([]);
  });

  it('names each rogue key at its own path, with the register failure', () => {
    const details = validateAgainst(METRIC, replayMetadata('plugin-aws-cloudwatch-mon-datasource@41a2e98.json'));
    const rogue = details.filter((detail) => /not an allowed key/.test(detail.message));
    expect(rogue.map((detail) => detail.path)).to.have.members(['$.supported_resource_type', '$.reference_keys']);
    for (const detail of rogue) expect(detail.coreEffect).to.match(/Rogue field.*ERROR_INVALID_PLUGIN_OPTIONS and register fails/);
  });

  it('says which core call raises what when required_keys is absent or empty', () => {
    const [metric] = validateAgainst(METRIC, { supported_stat: ['MAX'], required_keys: [] });
    expect(metric?.coreEffect).to.match(/Metric\.list and Metric\.get_data raise ERROR_NOT_FOUND_REQUIRED_KEY/);
    const [log] = validateAgainst(LOG, {});
    expect(log).to.include({ path: '$.required_keys', message: '$.required_keys is required' });
    expect(log?.coreEffect).to.match(/Log\.list raises ERROR_REQUIRED_KEYS_NOT_EXISTS/);
  });
});
