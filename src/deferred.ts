/**
 * Libraries only some runs need, loaded on first use: otherwise every start-up (--version, --help,
 * a run without a manifest or known failures) pays for them. They are required, not imported,
 * because the config that needs them is built synchronously; both ship a CommonJS build of the
 * same API.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function yamlLibrary(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

export function minimatchLibrary(): typeof import('minimatch') {
  return require('minimatch') as typeof import('minimatch');
}
