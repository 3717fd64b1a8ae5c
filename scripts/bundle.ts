/**
 * Bundles the CLI into dist/bin with esbuild, after tsc has compiled it to dist/src. A run loads
 * a few hundred modules from a dozen packages; resolved and read one file at a time, that was
 * about a third of a run's wall time (bench/ measures it). Bundled, they load as a few chunks, and
 * what a command imports lazily stays a chunk of its own, so --version does not load gRPC.
 *
 * dist/bin sits two levels under the package root like dist/src, so paths.ts finds protos/ and
 * schemas/ from either. grpc-health-check stays outside: it reads its .proto file relative to its
 * own directory when it loads.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../src/paths.js';

const outdir = path.join(packageRoot, 'dist', 'bin');

await build({
  entryPoints: [path.join(packageRoot, 'dist', 'src', 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['grpc-health-check'],
  // CommonJS packages inside an ESM bundle still call require (ajv's generated code, yaml on demand).
  banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
  logLevel: 'warning',
});
