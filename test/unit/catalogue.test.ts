/** The requirement catalogue: derived from the check definitions, and docs/requirements.md kept current. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { SERVICE_TYPES } from '../../src/catalog/index.js';
import { requirementsOf } from '../../src/checks/requirements.js';
import { packageRoot } from '../../src/paths.js';
import { SERVICE_TYPE_LIST } from '../../suites/index.js';
import { renderRequirementsMarkdown, REQUIREMENTS_DOC } from '../../src/report/requirements-markdown.js';

describe('requirement catalogue', () => {
  it('has one suite folder for each catalog type, and no suite without a type', () => {
    const names = SERVICE_TYPE_LIST.map((type) => type.entry.name);
    const folders = fs.readdirSync(path.join(packageRoot, 'suites'), { withFileTypes: true }).filter((file) => file.isDirectory());
    expect(folders.map((folder) => folder.name).sort()).to.deep.equal([...names].sort());
  });

  it('gives every check of every type a unique stable ID, a group, required or optional, and one line', async () => {
    const ids = new Set<string>();
    for (const entry of SERVICE_TYPES) {
      const requirements = await requirementsOf(entry);
      expect(requirements.length, entry.name).to.be.greaterThan(0);
      for (const requirement of requirements) {
        expect(requirement.id).to.equal(`${entry.name}/${requirement.group}/${requirement.name}`);
        expect(requirement.id).to.match(/^[\w.]+\/[a-z][\w-]*\/[a-z][\w-]*$/);
        expect(ids.has(requirement.id), `duplicate ${requirement.id}`).to.equal(false);
        ids.add(requirement.id);
        expect(requirement.required).to.be.a('boolean');
        expect(requirement.description.trim(), requirement.id).to.match(/^[^\n]{10,}$/);
        const local = new Set(requirements.map((candidate) => `${candidate.group}/${candidate.name}`));
        for (const prerequisite of requirement.requires) expect(local.has(prerequisite), `${requirement.id} requires ${prerequisite}`).to.equal(true);
      }
    }
  });

  it('marks manifest checks and opt-in calls with the input they need', async () => {
    const entry = SERVICE_TYPES.find((candidate) => candidate.name === 'notification.Protocol');
    if (!entry) throw new Error('notification.Protocol is not catalogued');
    const byId = Object.fromEntries((await requirementsOf(entry)).map((requirement) => [requirement.id, requirement]));
    expect(byId['notification.Protocol/dispatch/sends']).to.deep.include({ required: true, needs: '--dispatch' });
    expect(byId['notification.Protocol/manifest/capability']).to.deep.include({ required: true, needs: '--manifest' });
    // It can only warn for this type, so it is information.
    expect(byId['notification.Protocol/manifest/metadata-agrees']).to.deep.include({ required: false });
    expect(byId['notification.Protocol/init/responds']?.needs).to.equal(undefined);
  });

  it(`${REQUIREMENTS_DOC} is what npm run docs generates now`, async () => {
    const current = fs.readFileSync(path.join(packageRoot, REQUIREMENTS_DOC), 'utf8');
    expect(current === (await renderRequirementsMarkdown()), `${REQUIREMENTS_DOC} is stale: run npm run docs`).to.equal(true);
  });
});
