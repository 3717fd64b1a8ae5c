/**
 * A service type is the files README "Development" lists: its folder under suites/ (entry.ts,
 * suite.ts), its schemas, its protos, its reference plugin and its end-to-end test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot, protosDir, schemasDir } from '../../src/paths.js';
import { SERVICE_TYPE_LIST } from '../../suites/index.js';
import { REFERENCE_PLUGINS, typeFileStem } from '../plugins/registry.js';

const exists = (...parts: string[]): boolean => fs.existsSync(path.join(...parts));

describe('the files of a service type', () => {
  for (const { entry } of SERVICE_TYPE_LIST) {
    it(`${entry.name} has its folder, schemas, protos, reference plugin and test`, async () => {
      const folder = path.join(packageRoot, 'suites', entry.name);
      expect(exists(folder, 'entry.ts'), `suites/${entry.name}/entry.ts`).to.equal(true);
      expect(exists(folder, 'suite.ts'), `suites/${entry.name}/suite.ts`).to.equal(true);
      const type = SERVICE_TYPE_LIST.find((candidate) => candidate.entry === entry);
      expect((await type?.loadSuite())?.default, 'suite.ts exports its suite as default').to.be.a('function');

      const schemas = [entry.metadataSchema, ...(entry.manifest?.capabilitySchema ? [entry.manifest.capabilitySchema] : [])];
      for (const schema of schemas) expect(exists(schemasDir, schema), `schemas/${schema}`).to.equal(true);
      const protos = [...entry.protoFiles, ...Object.values(entry.services).flatMap((service) => service.protoFiles ?? [])];
      for (const proto of protos) expect(exists(protosDir, proto), `protos/${proto}`).to.equal(true);

      const stem = typeFileStem(entry.name);
      expect(exists(packageRoot, 'test', 'plugins', `${stem}.ts`), `test/plugins/${stem}.ts`).to.equal(true);
      expect(REFERENCE_PLUGINS[entry.name]?.['conforming'], `a conforming ${entry.name} plugin`).to.not.equal(undefined);
      // The end-to-end test is named after the type, or after its core service when it covers all of that service's types.
      const tests = [`${stem}.test.ts`, `${typeFileStem(entry.name.split('.')[0] ?? '')}.test.ts`].filter((file) => exists(packageRoot, 'test', 'cli', file));
      expect(tests, `test/cli/${stem}.test.ts`).to.have.length.greaterThan(0);
      const text = fs.readFileSync(path.join(packageRoot, 'test', 'cli', tests[0] ?? ''), 'utf8');
      expect(text, `test/cli/${tests[0]} runs ${entry.name}`).to.include(`'${entry.name}'`);
    });
  }
});
