/** The manifest as spacectl reads it, the repository's image check, and the manifest schemas. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { UsageError } from '../../src/usage.js';
import { assessAgainst } from '../../src/checks/schema.js';
import { judgeImageName } from '../../src/manifest/image-name.js';
import { declaredType, loadManifest } from '../../src/manifest/load.js';
import { MANIFEST_RULES } from '../../src/catalog/manifest-rules.js';
import { schemasDir } from '../../src/paths.js';
import { tempDir } from '../support/reports.js';

function manifestFile(text: string): string {
  const file = path.join(tempDir(), 'plugin.yml');
  fs.writeFileSync(file, text);
  return file;
}

describe('manifest', () => {
  describe('reading', () => {
    it('reads YAML as PyYAML (1.1) does, and notes values the register request cannot carry', () => {
      const manifest = loadManifest(manifestFile('name: Slack\nresource_type: notification.Protocol\nlabels: [yes, "yes"]\ntags: {released: 2024-01-01, 7: seven}\n'));
      expect(manifest.document['labels']).to.deep.equal([true, 'yes']);
      expect(manifest.problems.map((problem) => problem.path)).to.deep.equal(['$.tags.released', '$.tags["7"]']);
      expect(manifest.problems[0]?.problem).to.match(/timestamp/);
      expect(declaredType(manifest.document)).to.deep.equal({ key: 'resource_type', value: 'notification.Protocol' });
      expect(declaredType({ service_type: 'notification.Protocol' })).to.deep.equal({ key: 'service_type', value: 'notification.Protocol' });
    });

    it('rejects what is not one YAML mapping with one line (exit 2 material)', () => {
      expect(() => loadManifest('/no/such/plugin.yml')).to.throw(UsageError, /cannot read the file: no such file/);
      expect(() => loadManifest(manifestFile('name: [a\n'))).to.throw(UsageError, /not valid YAML: .*line/);
      expect(() => loadManifest(manifestFile('a: 1\n---\nb: 2\n'))).to.throw(UsageError, /multiple documents/);
      expect(() => loadManifest(manifestFile('- name: x\n'))).to.throw(UsageError, /must be a YAML mapping .* got a list/);
      expect(() => loadManifest(manifestFile(''))).to.throw(UsageError, /got an empty document/);
    });
  });

  describe('image name, as the repository service checks it', () => {
    it('passes letters, digits and -, and the single trailing character the service tolerates', () => {
      expect(judgeImageName('cloudforet/plugin-slack-notification-protocol')).to.deep.equal({ ok: true, name: 'plugin-slack-notification-protocol' });
      expect(judgeImageName('registry.example.com:5000/team/pluginx_')).to.deep.include({ ok: true, tolerated: '_' });
      expect(judgeImageName(`a/${'x'.repeat(47)}é`)).to.deep.include({ ok: true, tolerated: 'é' });
    });

    it('fails an odd character inside the name and a name over 48 characters', () => {
      expect(judgeImageName('cloudforet/plugin_aws')).to.deep.include({ ok: false, error: 'ERROR_INVALID_IMAGE_NAME_FORMAT' });
      expect(judgeImageName('cloudforet/plugin.v2')).to.deep.include({ ok: false, error: 'ERROR_INVALID_IMAGE_NAME_FORMAT' });
      expect(judgeImageName(`a/${'x'.repeat(48)}`)).to.deep.equal({ ok: true, name: 'x'.repeat(48) });
      expect(judgeImageName(`a/${'x'.repeat(49)}`)).to.deep.include({ ok: false, error: 'ERROR_INVALID_IMAGE_LENGTH' });
    });
  });

  describe('schemas', () => {
    const complete = { name: 'Slack', resource_type: 'notification.Protocol', image: 'cloudforet/plugin-slack', registry_type: 'HARBOR', labels: ['Slack'], tags: {}, docs: { en: {} }, capability: { supported_schema: [] } };

    it('accepts a complete manifest and the optional fields left out or null', () => {
      expect(assessAgainst('manifest.json', complete)).to.deep.equal({ failures: [], warnings: [] });
      expect(assessAgainst('manifest.json', { name: 'n', resource_type: 't', image: 'i', provider: null, labels: null }).failures).to.deep.equal([]);
    });

    it('names each broken register rule with its path and what the core does', () => {
      const { failures } = assessAgainst('manifest.json', { name: '', resource_type: 'notification.Protocol', registry_type: 'QUAY', labels: ['x'.repeat(256)], template_id: 'x' });
      const byPath = Object.fromEntries(failures.map((detail) => [detail.path, detail]));
      expect(Object.keys(byPath).sort()).to.deep.equal(['$.image', '$.labels[0]', '$.name', '$.registry_type', '$.template_id']);
      expect(byPath['$.image']?.coreEffect).to.match(/ERROR_REQUIRED_PARAMETER\(key=image\)/);
      expect(byPath['$.name']?.coreEffect).to.match(/proto3 does not send an empty string/);
      expect(byPath['$.template_id']).to.deep.include({ message: '$.template_id is not an allowed key', actual: 'x' });
      expect(byPath['$.template_id']?.coreEffect).to.match(/has no field/);
      expect(byPath['$.labels[0]']?.expected).to.equal('maxLength 255');
    });

    it('keeps a tolerated capability shape a warning: supported_schema must exist, a list is expected', () => {
      const missing = assessAgainst('capability/notification.Protocol.json', { data_type: 'SECRET' });
      expect(missing.failures.map((detail) => detail.path)).to.deep.equal(['$.supported_schema']);
      expect(missing.failures[0]?.coreEffect).to.match(/ERROR_WRONG_PLUGIN_SETTINGS/);
      const notAList = assessAgainst('capability/notification.Protocol.json', { supported_schema: 'slack' });
      expect(notAList.failures).to.deep.equal([]);
      expect(notAList.warnings[0]?.coreEffect).to.match(/^tolerated/);
    });

    it('every per-type rule names a capability schema that exists', () => {
      for (const [type, rules] of Object.entries(MANIFEST_RULES)) {
        if (rules.capabilitySchema) expect(fs.existsSync(path.join(schemasDir, rules.capabilitySchema)), type).to.equal(true);
      }
    });
  });
});
