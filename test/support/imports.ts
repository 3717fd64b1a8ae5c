/**
 * The project's own import graph, read from the TypeScript sources: which module imports which.
 * Type-only imports count, since each ties one module to another; a lazy `import()` does not: it
 * is the boundary where a command or a run loads what it needs (suites/index.ts loads each suite
 * so), and a module loaded later cannot be half-initialised by the one that asked for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** Module -> the project modules it imports, as paths relative to the package root (`src/cli.ts`). */
export type ImportGraph = Map<string, string[]>;

/** `import ... from` (type-only too), `export ... from` and `import '...'` of a relative path. */
const SPECIFIER = /(?:\bfrom\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;
/** The imports that load a module when the importer loads: not `import type`, not `import()`. */
const LOADING = /^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s*(['"])(\.{1,2}\/[^'"]+)\1|^import\s+(['"])(\.{1,2}\/[^'"]+)\3/gm;

/**
 * Every static import, type-only ones included (`loading`: only the modules loaded with the
 * importer, which leaves out type-only imports).
 */
export function importGraph(roots: readonly string[], kind: 'every' | 'loading' = 'every'): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const root of roots) {
    for (const file of sourceFiles(path.join(packageRoot, root))) {
      const module = path.relative(packageRoot, file);
      const text = fs.readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(kind === 'every' ? SPECIFIER : LOADING)].map((match) => match[2] ?? match[4] ?? '');
      const targets = specifiers.map((specifier) => path.relative(packageRoot, path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts'))));
      graph.set(module, [...new Set(targets)]);
    }
  }
  return graph;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) return sourceFiles(full);
    return item.name.endsWith('.ts') && !item.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every import circle, each once, as the modules along it (the first repeated at the end). */
export function importCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (module: string): void => {
    state.set(module, 'open');
    stack.push(module);
    for (const next of graph.get(module) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(module, 'done');
  };
  for (const module of [...graph.keys()].sort()) if (!state.has(module)) visit(module);
  return cycles;
}

/** The modules `module` imports, directly or through others. */
export function reachableFrom(graph: ImportGraph, module: string): Set<string> {
  const reached = new Set<string>();
  const pending = [...(graph.get(module) ?? [])];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (reached.has(next)) continue;
    reached.add(next);
    pending.push(...(graph.get(next) ?? []));
  }
  return reached;
}
