/**
 * Bundles the CLI into dist/bin with esbuild, after tsc has compiled it to dist/src. A run loads
 * a few hundred modules from a dozen packages; resolved and read one file at a time, that was
 * about a third of a run's wall time (bench/ measures it). Bundled, they load as a few chunks, and
 * what a command imports lazily stays a chunk of its own, so --version does not load gRPC.
 *
 * dist/bin sits two levels under the package root like dist/src, so paths.ts finds protos/ and
 * schemas/ from either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../src/paths.js';

const outdir = path.join(packageRoot, 'dist', 'bin');

// Chunk names carry content hashes: without a clean directory, old chunks would stay beside new ones.
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(packageRoot, 'dist', 'src', 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A package's ES module build where it has one: junit-report-builder's CommonJS build inlines its
  // own copy of lodash and xmlbuilder (790 KB), its ES build imports them. (The only other such
  // package here, @js-sdsl/ordered-map, is the same code either way.)
  mainFields: ['module', 'main'],
  // CommonJS packages inside an ESM bundle still call require (ajv's generated code, yaml on demand).
  banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
  logLevel: 'warning',
});
