// The direction of dependency README's Architecture promises, checked on the source itself: suites use the harness
// and the harness never imports suites; reports read results, never targets (so never Kubernetes); and no module
// reaches itself through its imports, type-only ones included (a type both sides need belongs in a module below
// them). Imports are read with TypeScript's own pre-processor (static, re-exports and `import()` alike).
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['harness', 'suites', 'bench', 'bin'];

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|mts|mjs)$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every project file each file imports (relative specifiers only: packages are not ours). */
function importGraph(files: readonly string[], read: (f: string) => string): Graph {
  const known = new Set(files);
  return new Map(
    files.map((f) => [
      f,
      ts
        .preProcessFile(read(f), true, true)
        .importedFiles.map((i) => i.fileName)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolve(dirname(f), s))
        .filter((p) => known.has(p)),
    ]),
  );
}

/** The import cycles of a graph: its strongly connected components of more than one file, or a file importing itself. */
function importCycles(g: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (g.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const files = SOURCES.flatMap((d) => sourceFiles(join(ROOT, d)));
const graph = importGraph(files, (f) => readFileSync(f, 'utf8'));
const rel = (p: string) => relative(ROOT, p);
const edges = (from: (f: string) => boolean, to: (f: string) => boolean) =>
  [...graph].flatMap(([f, deps]) => (from(rel(f)) ? deps.filter((d) => to(rel(d))).map((d) => `${rel(f)} → ${rel(d)}`) : []));

describe('imports run one way', () => {
  it('reads the whole project (not vacuous)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
  });

  it('no module reaches itself through its imports, type-only imports included', () => {
    expect(importCycles(graph).map((c) => c.map(rel).join(' ↔ '))).toEqual([]);
  });

  it('the harness never imports suites', () => {
    expect(edges((f) => f.startsWith('harness/'), (f) => f.startsWith('suites/'))).toEqual([]);
  });

  it('reports read results, never targets (so never Kubernetes)', () => {
    expect(edges((f) => f.startsWith('harness/report/'), (f) => f.startsWith('harness/targets/'))).toEqual([]);
  });

  it('the cycle finder finds a type-only cycle, a self-import and a long cycle, and nothing in a chain', () => {
    const sources: Record<string, string> = {
      '/p/a.ts': "import type { B } from './b.ts';",
      '/p/b.ts': "export type { A } from './a.ts';",
      '/p/self.ts': "const m = await import('./self.ts');",
      '/p/x.ts': "import { y } from './y.ts';",
      '/p/y.ts': "import { z } from './z.ts';",
      '/p/z.ts': "import { x } from './x.ts';",
      '/p/chain1.ts': "import { c } from './chain2.ts'; import 'vitest';",
      '/p/chain2.ts': '',
    };
    const g = importGraph(Object.keys(sources), (f) => sources[f]!);
    expect(importCycles(g)).toEqual([['/p/a.ts', '/p/b.ts'], ['/p/self.ts'], ['/p/x.ts', '/p/y.ts', '/p/z.ts']]);
  });
});
