import fs from 'node:fs';
import { expect } from 'chai';
import { compileForeignSchema, validateAgainst } from '../../src/checks/schema.js';
import { schemasDir } from '../../src/paths.js';
import { SERVICE_TYPES } from '../../src/catalog/index.js';
import { conformingMetadata } from '../plugins/notification-protocol.js';
import type { JsonObject } from '../../src/grpc/struct.js';

describe('schema checks', () => {
  it('every catalogue type names a metadata schema that exists and compiles', () => {
    for (const entry of SERVICE_TYPES) {
      expect(fs.existsSync(`${schemasDir}/${entry.metadataSchema}`), entry.metadataSchema).to.equal(true);
      expect(validateAgainst(entry.metadataSchema, {})).to.be.an('array');
    }
  });

  describe('notification.Protocol metadata', () => {
    const file = 'notification.Protocol.metadata.json';

    it('accepts the conforming metadata and metadata without data (the core tolerates it)', () => {
      expect(validateAgainst(file, conformingMetadata())).to.deep.equal([]);
      expect(validateAgainst(file, { data_type: 'PLAIN_TEXT' })).to.deep.equal([]);
    });

    it('names path, expected, actual and the core effect of a wrong data_type', () => {
      const [detail, ...rest] = validateAgainst(file, { ...conformingMetadata(), data_type: 'HTML' });
      expect(rest).to.deep.equal([]);
      expect(detail).to.include({ path: '$.data_type', actual: 'HTML' });
      expect(detail?.expected).to.deep.equal(['PLAIN_TEXT', 'SECRET']);
      expect(detail?.coreEffect).to.match(/channel/);
    });

    it('requires title beside pattern at any depth, but not for a property named "pattern"', () => {
      const metadata = conformingMetadata();
      const schema = (metadata['data'] as JsonObject)['schema'] as JsonObject;
      schema['properties'] = {
        pattern: { type: 'string', title: 'A field called pattern' },
        nested: { type: 'object', properties: { inner: { type: 'string', pattern: '^a' } } },
        list: { type: 'array', items: { type: 'string', pattern: '^b', title: 'Item' } },
      };
      const details = validateAgainst(file, metadata);
      expect(details.map((detail) => detail.path)).to.deep.equal(['$.data.schema.properties.nested.properties.inner.title']);
      expect(details[0]?.coreEffect).to.match(/ERROR_JSON_SCHEMA_PATTERN/);
    });
  });

  describe('schemas a plugin hands the core', () => {
    it('compile when valid, with unknown keywords and formats tolerated as jsonschema tolerates them', () => {
      expect(compileForeignSchema({ type: 'object', properties: { a: { type: 'string', format: 'slack-channel', 'x-ui': 1 } } }).ok).to.equal(true);
      expect(compileForeignSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', definitions: {} }).ok).to.equal(true);
      expect(compileForeignSchema({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }).ok).to.equal(true);
    });

    it('fail with the reason when invalid', () => {
      const result = compileForeignSchema({ type: 'object', properties: { a: { type: 'strng' } } });
      expect(result.ok).to.equal(false);
      expect(result.ok ? '' : result.reason).to.match(/properties\/a\/type/);
      expect(compileForeignSchema({ $ref: '#/definitions/missing' }).ok).to.equal(false);
    });
  });
});
