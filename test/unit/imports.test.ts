/** The module structure: no import circle, the model at the bottom, and a start-up that loads no checks or gRPC. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { packageRoot } from '../../src/paths.js';
import { importCycles, importGraph, reachableFrom } from '../support/imports.js';

describe('module structure', () => {
  const every = importGraph(['src', 'suites']);

  it('reads the import graph it judges (a module that imports nothing would make these tests vacuous)', () => {
    expect(every.get('src/cli.ts')).to.include('src/usage.ts');
    expect(every.get('suites/index.ts')).to.include('suites/notification.Protocol/entry.ts');
    expect(every.get('suites/notification.Protocol/suite.ts')).to.include('src/model/suite.ts');
    expect(importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).to.deep.equal([['a.ts', 'b.ts', 'a.ts']]);
  });

  it('has no import circle among src/ and suites/ modules (type-only imports included)', () => {
    expect(importCycles(every).map((cycle) => cycle.join(' -> '))).to.deep.equal([]);
  });

  it('keeps the check model and result types (src/model/) free of run/ and commands/', () => {
    const model = [...every.keys()].filter((module) => module.startsWith('src/model/'));
    expect(model).to.include.members(['src/model/check.ts', 'src/model/results.ts', 'src/model/suite.ts', 'src/model/service-type.ts']);
    for (const module of model) {
      expect(every.get(module)?.filter((target) => /^src\/(run|commands)\//.test(target)), module).to.deep.equal([]);
    }
  });

  it('starts lean: the CLI and the catalog load no check module, no suite and no gRPC package until a command needs them', () => {
    const loading = importGraph(['src', 'suites'], 'loading');
    const atStart = [...reachableFrom(loading, 'src/cli.ts'), 'src/cli.ts'];
    expect(atStart).to.include.members(['src/catalog/index.ts', 'suites/index.ts', 'suites/notification.Protocol/entry.ts']);
    expect(atStart.filter((module) => module.startsWith('src/checks/') || module.endsWith('/suite.ts') || module === 'src/run/runner.ts')).to.deep.equal([]);
    const grpcPackages = atStart.filter((module) => /from '@grpc\//.test(fs.readFileSync(path.join(packageRoot, module), 'utf8')));
    expect(grpcPackages).to.deep.equal([]);
  });
});
