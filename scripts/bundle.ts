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
import { build, type Plugin } from 'esbuild';
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
  // own copy of lodash and xmlbuilder (790 KB), its ES build imports them, so one lodash serves it
  // and the reflection client. (The only other such package here, @js-sdsl/ordered-map, is the same
  // code either way.)
  mainFields: ['module', 'main'],
  plugins: [healthCheckDirectory()],
  // CommonJS packages inside an ESM bundle still call require (ajv's generated code, yaml on demand).
  banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
  logLevel: 'warning',
});

/**
 * grpc-health-check reads its .proto relative to its own __dirname when it loads, which a bundle
 * does not have; the module is given the directory it has in node_modules, found at run time.
 */
function healthCheckDirectory(): Plugin {
  return {
    name: 'grpc-health-check-directory',
    setup(bundle) {
      bundle.onLoad({ filter: /grpc-health-check[\\/]build[\\/]src[\\/]health\.js$/ }, (args) => ({
        contents: `var __dirname = require('node:path').dirname(require.resolve('grpc-health-check/build/src/health.js'));\n${fs.readFileSync(args.path, 'utf8')}`,
        loader: 'js',
      }));
    },
  };
}
