/** Exit codes are defined once (src/model/exit-codes.ts): --help prints that definition and the README's table says the same. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { EXIT, EXIT_CODES, exitCodesHelp, shownCode } from '../../src/model/exit-codes.js';
import { packageRoot } from '../../src/paths.js';

/** The rows of the table under the README's "Exit codes" heading, as [code, meaning]. */
function readmeExitCodeRows(): string[][] {
  const readme = fs.readFileSync(path.join(packageRoot, 'README.md'), 'utf8');
  const section = /^#+ Exit codes\n([\s\S]*?)(?=\n#)/m.exec(readme)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*(code|-+)\s*\|/.test(line))
    .map((line) => line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
}

describe('exit codes', () => {
  it('the README table lists exactly the defined codes with their meanings, in order', () => {
    const expected = Object.values(EXIT_CODES).map((definition) => [shownCode(definition), definition.meaning]);
    expect(readmeExitCodeRows()).to.deep.equal(expected);
  });

  it('--help prints every defined code and meaning', () => {
    const help = exitCodesHelp();
    for (const definition of Object.values(EXIT_CODES)) {
      expect(help).to.match(new RegExp(`^  ${shownCode(definition).replace(/[/ ]/g, '\\$&')} +${definition.meaning.replace(/`/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    }
  });

  it('names each code once', () => {
    expect(EXIT).to.deep.equal({ passed: 0, failed: 1, usage: 2, unreachable: 3, internal: 4, interrupted: 130 });
  });
});
