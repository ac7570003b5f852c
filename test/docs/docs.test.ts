import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildReference, reconcile, scorecard, REASON_CODES, DIFF_KIND_CODES } from '../../src/index.js';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('README', () => {
  it('shows the two set-up commands', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });

  it('usage example does what it says', () => {
    const reference = buildReference([
      { id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam', status: 'Còn sống' },
    ]);
    const { results, stats } = reconcile(
      reference,
      [{ key: 'BH-1', citizenId: '001 089 012 345', fullName: 'Nguyen Van An', birthDate: '05/07/1989' }],
      { asOf: '2026-01-01' },
    );
    expect(results[0]!.status).toBe('mismatched');
    expect(results[0]!.diffs[0]).toEqual({ field: 'fullName', kind: 'diacritics', record: 'Nguyen Van An', reference: 'Nguyễn Văn An' });
    expect(scorecard(stats).dung).toEqual({ value: 0, numerator: 0, denominator: 1 });
  });
});

describe('docs/reasons.md', () => {
  it('documents every reason code and diff kind (regenerate with scripts/build-docs.mjs)', () => {
    const doc = read('docs/reasons.md');
    for (const code of REASON_CODES) expect(doc, code).toContain(`\`${code}\``);
    for (const kind of DIFF_KIND_CODES) expect(doc, kind).toContain(`\`${kind}\``);
  });
});

describe('docs/profiles', () => {
  it('match the shipped profiles (regenerate with scripts/build-profile-docs.mjs after a build)', async () => {
    const { PROFILES } = await import('../../src/index.js');
    for (const p of Object.values(PROFILES)) {
      const doc = read(`docs/profiles/${p.name}.md`);
      expect(doc, p.name).toContain(`Compared with the reference: ${p.compare.map((f) => `\`${f}\``).join(', ')}.`);
      for (const r of p.rules) expect(doc, `${p.name}: ${r.name}`).toContain(`- \`${r.name}\`: ${r.description}`);
    }
  });
});
