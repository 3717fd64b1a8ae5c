import { expect } from 'chai';
import { detectType, matchTypes } from '../../src/catalog/detect.js';
import { SERVICE_TYPES } from '../../src/catalog/index.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';

function entry(name: string, services: Record<string, { fullName: string; required: boolean }>): ServiceTypeEntry {
  return { name, aliases: [], description: '', protoFiles: [], services, init: { rpc: 'A.init', sends: [] }, metadataSchema: '', sources: { services: [], init: [], metadata: [] }, optIn: [] };
}

const monitoring = entry('monitoring.DataSource', {
  DataSource: { fullName: 'spaceone.api.monitoring.plugin.DataSource', required: true },
  Metric: { fullName: 'spaceone.api.monitoring.plugin.Metric', required: false },
});
const cost = entry('cost_analysis.DataSource', {
  DataSource: { fullName: 'spaceone.api.cost_analysis.plugin.DataSource', required: true },
  Cost: { fullName: 'spaceone.api.cost_analysis.plugin.Cost', required: true },
});
const entries = [monitoring, cost];
const EXTRAS = ['grpc.health.v1.Health', 'spaceone.api.core.v1.ServerInfo'];

describe('service type detection', () => {
  it('detects every catalogued type from its own services, ignoring Health and ServerInfo', () => {
    for (const type of SERVICE_TYPES) {
      const listed = [...EXTRAS, ...Object.values(type.services).map((service) => service.fullName)].sort();
      const detection = detectType(listed);
      expect(detection.ok, `${type.name}: ${detection.reason}`).to.equal(true);
      // identity.Domain plugins serve identity.ExternalAuth's service: both match, the current type is chosen.
      const accepted = type.name === 'identity.Domain' ? ['identity.Domain', 'identity.ExternalAuth'] : [type.name];
      if (detection.ok) expect(accepted).to.include(detection.match.entry.name);
    }
  });

  it('prefers official full names over a short-name match and says why', () => {
    const detection = detectType(['spaceone.api.monitoring.plugin.DataSource', 'spaceone.api.monitoring.plugin.Metric'], entries);
    expect(detection.ok).to.equal(true);
    if (detection.ok) {
      expect(detection.match.entry.name).to.equal('monitoring.DataSource');
      expect(detection.reason).to.match(/required service\(s\) DataSource under their official names/);
    }
  });

  it('falls back to short names (a renamed package still works with the 2.x core) and prefers the type that explains more', () => {
    const listed = ['acme.DataSource', 'acme.Cost'];
    expect(matchTypes(listed, entries).map((match) => [match.entry.name, match.by, match.services.length])).to.deep.equal([
      ['monitoring.DataSource', 'short name', 1],
      ['cost_analysis.DataSource', 'short name', 2],
    ]);
    const detection = detectType(listed, entries);
    expect(detection.ok && detection.match.entry.name).to.equal('cost_analysis.DataSource');
    expect(detection.reason).to.match(/short names only.*preferred to monitoring\.DataSource/);
  });

  it('is ambiguous when types tie, and unknown when none matches', () => {
    const twin = entry('monitoring.Twin', { DataSource: { fullName: 'spaceone.api.monitoring.plugin.DataSource', required: true } });
    const ambiguous = detectType(['spaceone.api.monitoring.plugin.DataSource'], [monitoring, twin]);
    expect(ambiguous).to.include({ ok: false });
    expect(ambiguous.reason).to.match(/several types equally \(monitoring\.DataSource, monitoring\.Twin\)/);
    const unknown = detectType(EXTRAS, entries);
    expect(unknown.reason).to.match(/no catalogued service type matches .*grpc\.health\.v1\.Health/);
  });
});
