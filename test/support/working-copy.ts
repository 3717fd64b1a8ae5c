/**
 * The project as a git repository of its own, for tests that install or check it out as a user
 * does: every file git tracks or would track (working-tree contents, so uncommitted edits are
 * tested too; nothing ignored: no node_modules, no dist), committed in a fresh repository.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/paths.js';

export function projectFiles(): string[] {
  const listed = execFileSync('git', ['-C', packageRoot, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
  // --cached still lists a tracked file deleted in the working tree.
  return [...new Set(listed.split('\0'))].filter((file) => file !== '' && fs.existsSync(path.join(packageRoot, file)));
}

/** A fresh git repository at `directory` holding the project's files in one commit. */
export function commitWorkingCopy(directory: string): string {
  for (const file of projectFiles()) {
    const target = path.join(directory, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(packageRoot, file), target);
  }
  const git = (...args: string[]): void => {
    execFileSync('git', ['-C', directory, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=plugin-conformance tests', '-c', 'user.email=tests@localhost', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'working copy');
  return directory;
}
