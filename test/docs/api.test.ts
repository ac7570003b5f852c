import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as core from '../../src/index.js';
import * as node from '../../src/node.js';
// @ts-expect-error: a plain .mjs script without type declarations
import { buildApiDoc } from '../../scripts/build-api-doc.mjs';

const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

/** Names exported by a module file, types included, read from its export statements. */
function exportedNames(path: string): string[] {
  const text = readFileSync(new URL(path, import.meta.url), 'utf8');
  const names: string[] = [];
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? '').split(',')) {
      const item = part.replace(/\/\/.*$/gm, '').trim().replace(/^type\s+/, '');
      if (item === '') continue;
      const alias = / as (\w+)$/.exec(item);
      names.push(alias?.[1] ?? item);
    }
  }
  return names;
}

describe('docs/api.md', () => {
  it('lists every runtime export of doisoat and doisoat/node', () => {
    const missing = [...new Set([...Object.keys(core), ...Object.keys(node)])].filter((name) => !doc.includes(` ${name}`) && !doc.includes(`\`${name}`));
    expect(missing).toEqual([]);
  });

  it('lists every exported type of src/index.ts and src/node.ts', () => {
    const names = [...exportedNames('../../src/index.ts'), ...exportedNames('../../src/node.ts')];
    expect(names.length).toBeGreaterThan(300);
    const line = (name: string) => new RegExp(`^- \`(?:class |interface |type |const )?${name}\\b`, 'm');
    expect(names.filter((name) => !line(name).test(doc))).toEqual([]);
  });

  it('is up to date with the sources (regenerate with node scripts/build-api-doc.mjs)', () => {
    expect(doc).toBe((buildApiDoc as () => string)());
  });
});
