import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * The architecture the folders show (README, "Where things are"): between the folders of support/, imports point
 * one way only, and steps reach the cross-process coordination only through the World or a task. Type imports
 * count too: they are a dependency a reader has to follow.
 */
const ROOT = resolve(__dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|cjs|mjs)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Every relative module a file imports, requires or loads, as a path from the project's root (extension left off). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((match) => match[1] as string);
  return specifiers.map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)));
}

/** The folders of support/ some folder's files import, each with one file that does it. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles('support')) {
    const from = dirname(file);
    for (const target of importsOf(file)) {
      if (!target.startsWith('support/')) continue;
      const to = existsSync(join(ROOT, target)) && !/\.\w+$/.test(target) ? target : dirname(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, file);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** A cycle of folders (first folder repeated at the end), or undefined. */
export function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the architecture', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
    ]);
    assert.deepEqual(findCycle(graph), ['a', 'b', 'c', 'a']);
    graph.get('c')?.delete('a');
    assert.equal(findCycle(graph), undefined);
  });

  it('has the folders of support/ import one another one way only', () => {
    const graph = folderGraph();
    assert.ok(graph.size >= 8, `only ${graph.size} folders import others: is the graph read?`);
    const cycle = findCycle(graph);
    const via = cycle?.slice(1).map((to, index) => `${cycle[index]} → ${to} (${graph.get(cycle[index] as string)?.get(to)})`);
    assert.equal(cycle, undefined, `support/ has an import cycle:\n  ${via?.join('\n  ')}`);
  });

  it('keeps the steps away from the cross-process coordination (they go through the World or a task)', () => {
    const reaching = sourceFiles('steps').filter((file) => importsOf(file).some((target) => target.startsWith('support/coordination/')));
    assert.deepEqual(reaching, []);
  });

  it('keeps the real servers (servers/) apart from the harness and the mocks: they import neither', () => {
    const files = sourceFiles('servers');
    assert.ok(files.length >= 3, `only ${files.length} files under servers/`);
    const reaching = files.flatMap((file) => importsOf(file).filter((target) => !target.startsWith('servers/')).map((target) => `${file} → ${target}`));
    assert.deepEqual(reaching, []);
  });

  it('patches neither Node nor a dependency at run time', () => {
    const patching = ['support', 'scripts', 'mocks', 'servers', 'steps', 'bench']
      .flatMap(sourceFiles)
      .filter((file) => /Module\._|stackTraceLimit|reallyExit/.test(readFileSync(join(ROOT, file), 'utf8')));
    assert.deepEqual(patching, []);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { overrides?: unknown; dependencies: Record<string, string> };
    assert.equal(manifest.overrides, undefined, 'package.json replaces a dependency (overrides)');
    assert.deepEqual(Object.entries(manifest.dependencies).filter(([, version]) => version.startsWith('file:')), [], 'a vendored package');
    assert.equal(existsSync(join(ROOT, 'vendor')), false, 'vendor/ is back');
  });
});
