/**
 * The project carries its own knowledge: every reference in code, schemas, protos, tests, scripts,
 * benchmarks and docs resolves inside the repository, and every check names where its rule comes from.
 */
import fs from 'node:fs';
import { expect } from 'chai';
import { SERVICE_TYPES } from '../../src/catalog/index.js';
import { requirementsOf } from '../../src/checks/requirements.js';
import { packageRoot } from '../../src/paths.js';
import { brokenReferences, slugOf, textFiles, unresolved, type BrokenReference } from '../support/references.js';

const SCANNED = ['src', 'suites', 'schemas', 'protos', 'test', 'scripts', 'bench', 'docs', '.ci', 'README.md', 'package.json'];
const EXTENSIONS = ['.ts', '.json', '.md', '.proto', '.py', '.yaml', '.yml', '.sh', 'run'];
const UPSTREAM = /^[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:\S+$/;

function describeBroken(broken: readonly BrokenReference[]): string {
  return broken.map((entry) => `${entry.file}:${entry.line}: ${entry.reference}: ${entry.problem}`).join('\n');
}

describe('references', () => {
  it('resolve inside the repository: docs/core/ files and headings exist, nothing points to research outside it', () => {
    const files = textFiles(packageRoot, SCANNED, EXTENSIONS).filter((file) => !['test/support/references.ts', 'test/unit/references.test.ts'].includes(file));
    expect(files.length).to.be.greaterThan(100);
    const broken = files.flatMap((file) => brokenReferences(packageRoot, file, fs.readFileSync(`${packageRoot}/${file}`, 'utf8')));
    expect(broken, describeBroken(broken)).to.deep.equal([]);
  });

  it('are caught when they do not resolve or leave the repository', () => {
    const outside = ['see ../', 'shared/spec/capabilities', '.md section 3'].join('');
    const text = [
      '// docs/core/notification.md#metadata resolves',
      '// docs/core/notification.md#no-such-heading does not',
      '// docs/core/no-such-file.md does not',
      `// ${outside}`,
    ].join('\n');
    const broken = brokenReferences(packageRoot, 'src/example.ts', text);
    expect(broken.map((entry) => entry.line)).to.deep.equal([2, 3, 4]);
    expect(brokenReferences(packageRoot, 'docs/example.md', '[x](core/README.md#verify) [y](core/README.md#nope)').map((entry) => entry.reference)).to.deep.equal(['core/README.md#nope']);
  });

  it('make anchors the way GitHub does', () => {
    expect(slugOf('DataSource RPCs')).to.equal('datasource-rpcs');
    expect(slugOf('notification: `notification.Protocol`')).to.equal('notification-notificationprotocol');
    expect(slugOf('Core bugs')).to.equal('core-bugs');
  });

  it('every check of every type and group names at least one source, each a docs/core heading and an upstream file at a revision', async () => {
    const groups = new Set<string>();
    for (const entry of SERVICE_TYPES) {
      for (const requirement of await requirementsOf(entry)) {
        groups.add(requirement.group);
        expect(requirement.sources.length, `${requirement.id} has no source`).to.be.greaterThan(0);
        for (const source of requirement.sources) {
          const [target = '', anchor] = source.doc.split('#');
          expect(target, requirement.id).to.match(/^docs\/core\/[\w-]+\.md$/);
          expect(anchor, `${requirement.id}: ${source.doc} names no heading`).to.be.a('string');
          expect(unresolved(packageRoot, target, anchor), `${requirement.id}: ${source.doc}`).to.equal(undefined);
          expect(source.upstream, requirement.id).to.match(UPSTREAM);
        }
      }
    }
    for (const group of ['connect', 'contract', 'robustness', 'manifest', 'init', 'verify']) expect(groups.has(group), group).to.equal(true);
  });
});
