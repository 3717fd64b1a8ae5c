import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'chai';
import { compileForeignSchema, validateAgainst } from '../../src/checks/schema.js';
import { schemasDir } from '../../src/paths.js';
import { SERVICE_TYPES } from '../../src/catalog/index.js';
import { conformingMetadata } from '../plugins/notification-protocol.js';
import type { Json, JsonObject } from '../../src/grpc/struct.js';
import { fingerprint, FOREIGN_OPTIONS, loadPrecompiled, META_SCHEMA_IDS, metaName, newAjv, PROJECT_OPTIONS, ROOT_EXPORT, runSchemaFiles } from '../../src/checks/validators.js';

describe('schema checks', () => {
  // Runs compile the project's schemas without validating them against the meta-schema (that
  // compile alone cost a tenth of a run); this is where they are validated instead.
  it('every project schema is valid against the JSON Schema 2020-12 meta-schema', () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, keywords: ['x-core-effect', 'x-severity'] });
    const files = fs.readdirSync(schemasDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));
    expect(files.length).to.be.greaterThan(10);
    for (const file of files) {
      const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, file), 'utf8')) as JsonObject;
      expect(ajv.validateSchema(schema), `${file}: ${ajv.errorsText(ajv.errors)}`).to.equal(true);
    }
  });

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

describe('precompiled validators', () => {
  const files = runSchemaFiles();

  it('the build made one for every schema file a run uses and each meta-schema, matching what is there now', () => {
    for (const file of files) {
      const source = fs.readFileSync(path.join(schemasDir, file), 'utf8');
      expect(loadPrecompiled(file, fingerprint(PROJECT_OPTIONS, source))?.[ROOT_EXPORT], file).to.be.a('function');
    }
    for (const draft of ['draft-07', '2020-12'] as const) {
      expect(loadPrecompiled(metaName(draft), fingerprint(FOREIGN_OPTIONS, META_SCHEMA_IDS[draft]))?.[ROOT_EXPORT], draft).to.be.a('function');
    }
  });

  it('is not used when stale: another text of the schema has another fingerprint', () => {
    const source = fs.readFileSync(path.join(schemasDir, 'notification.Protocol.metadata.json'), 'utf8');
    expect(loadPrecompiled('notification.Protocol.metadata.json', fingerprint(PROJECT_OPTIONS, `${source} `))).to.equal(undefined);
    expect(loadPrecompiled('no-such-schema.json', fingerprint(PROJECT_OPTIONS, source))).to.equal(undefined);
  });

  it('judges as a validator compiled now does, errors and all', () => {
    const file = 'notification.Protocol.metadata.json';
    const source = fs.readFileSync(path.join(schemasDir, file), 'utf8');
    const precompiled = loadPrecompiled(file, fingerprint(PROJECT_OPTIONS, source))?.[ROOT_EXPORT];
    const compiled = newAjv('2020-12', PROJECT_OPTIONS).compile(JSON.parse(source) as object);
    const samples: Json[] = [conformingMetadata(), {}, { data_type: 'HTML', data: { schema: 7 } }, { ...conformingMetadata(), extra: [1, null] }, []];
    for (const sample of samples) {
      expect(precompiled?.(sample), JSON.stringify(sample)).to.equal(compiled(sample));
      expect(JSON.parse(JSON.stringify(precompiled?.errors ?? null)), JSON.stringify(sample)).to.deep.equal(JSON.parse(JSON.stringify(compiled.errors ?? null)));
    }
    const meta = loadPrecompiled(metaName('2020-12'), fingerprint(FOREIGN_OPTIONS, META_SCHEMA_IDS['2020-12']))?.[ROOT_EXPORT];
    expect(meta?.({ type: 'object' })).to.equal(true);
    expect(meta?.({ type: 'strng' })).to.equal(false);
  });
});
