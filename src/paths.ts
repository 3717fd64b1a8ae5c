import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The installed package's root: compiled files live in dist/src and the bundle in dist/bin, data beside dist. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const protosDir = path.join(packageRoot, 'protos');
export const schemasDir = path.join(packageRoot, 'schemas');
/** The CLI as installed: the bundle scripts/bundle.ts builds from dist/src/cli.js. */
export const cliPath = path.join(packageRoot, 'dist', 'bin', 'cli.js');

/** A path as a person reads it in a console: relative when under the working directory. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
