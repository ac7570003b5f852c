import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(new URL('../../', import.meta.url).pathname);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, Record<string, { types: string; default: string }> | string>;
  bin: Record<string, string>;
  engines: { node: string };
  sideEffects: boolean;
};

/** Files reachable from an entry through relative imports (type-only imports included: harmless here). */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from '(\.[^']+)'/g)) stack.push(join(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  }
  return [...seen];
}

describe('package shape', () => {
  it('keeps the core entry free of Node-only APIs (runs in browsers and Deno)', () => {
    const offenders: string[] = [];
    for (const file of reachable(join(root, 'src/index.ts'))) {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/from 'node:|require\(|\bprocess\.|\bBuffer\b|\bDate\.now\(|new Date\(\)/.test(text)) offenders.push(file.slice(root.length));
    }
    expect(offenders).toEqual([]);
  });

  it('builds every file the exports map, bin and declarations promise', () => {
    const targets = Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e).flatMap((c) => [c.types, c.default])));
    for (const t of [...targets, ...Object.values(pkg.bin)]) expect(existsSync(join(root, t)), t).toBe(true);
    expect(pkg.engines.node).toBe('>=20');
    expect(pkg.sideEffects).toBe(false);
  });

  it('loads through both module systems with the same API', async () => {
    const esm = (await import(join(root, 'dist/index.js'))) as Record<string, unknown>;
    const { createRequire } = await import('node:module');
    const cjs = createRequire(import.meta.url)(join(root, 'dist/index.cjs')) as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
    expect(typeof esm['reconcile']).toBe('function');
  });
});
