/** docs/requirements.md: the requirement catalogue as a page, rendered from the check definitions. */
import { SERVICE_TYPES } from '../catalog/index.js';
import { requirementsOf, type Requirement } from '../checks/requirements.js';
import type { CheckSource } from '../spec.js';

export const REQUIREMENTS_DOC = 'docs/requirements.md';

export async function renderRequirementsMarkdown(): Promise<string> {
  const lines = [
    '# Requirement catalogue',
    '',
    '<!-- Generated from the check definitions by `npm run docs`; do not edit. A test fails when it is stale. -->',
    '',
    'Every check the harness runs, by service type. `plugin-conformance list [--type T] [--json]` prints the same.',
    'IDs (`<type>/<group>/<check>`) are stable: they name the JUnit test cases and the entries of `--known-failures`.',
    'A **required** check must pass for a plugin to conform, and `--profile certification` demands that each one',
    'runs and passes; an **optional** check reports information. *Needs* names the input without which the check',
    'is not run: manifest checks run with `--manifest`, opt-in calls with their flag. *Sources* link the account of the',
    'core behaviour the check encodes ([core/](core/README.md)) and the upstream file it was read in.',
  ];
  for (const entry of SERVICE_TYPES) {
    lines.push('', `## ${entry.name}`, '', '| ID | | What passes | Needs | Sources |', '|---|---|---|---|---|');
    for (const requirement of await requirementsOf(entry)) lines.push(row(requirement));
  }
  return `${lines.join('\n')}\n`;
}

function row(requirement: Requirement): string {
  const cells = [`\`${requirement.id}\``, requirement.required ? 'required' : 'optional', requirement.description, requirement.needs ? `\`${requirement.needs}\`` : '', requirement.sources.map(sourceLinks).join('<br>')];
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** A doc heading relative to docs/, and the upstream file at its revision on GitHub. */
function sourceLinks(source: CheckSource): string {
  const doc = source.doc.replace(/^docs\//, '');
  const [repoAt, file] = source.upstream.split(/:(.*)/s, 2);
  const [repo, revision] = (repoAt ?? '').split('@');
  return `[${doc}](${doc}) ([${source.upstream}](https://github.com/${repo}/blob/${revision}/${file}))`;
}
