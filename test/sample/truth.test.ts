import { describe, expect, it } from 'vitest';
import { buildReference, generateSample, reconcile, SAMPLE_KINDS } from '../../src/index.js';

describe('the sample generator and its truth', () => {
  const sample = generateSample();
  const reference = buildReference(sample.citizens);
  const { results } = reconcile(reference, sample.records, { asOf: sample.asOf });

  it('is deterministic', () => {
    expect(generateSample({ citizens: 200, records: 100, seed: 3 })).toEqual(generateSample({ citizens: 200, records: 100, seed: 3 }));
  });

  it('produces every kind of record in roughly its stated share', () => {
    const counts = new Map<string, number>();
    for (const t of sample.truth) counts.set(t.kind, (counts.get(t.kind) ?? 0) + 1);
    for (const [kind, spec] of Object.entries(SAMPLE_KINDS)) {
      const share = (counts.get(kind) ?? 0) / sample.truth.length;
      expect(share, kind).toBeGreaterThan(spec.share * 0.5);
      expect(share, kind).toBeLessThan(spec.share * 1.6 + 0.005);
    }
  });

  it('gives ID-less records a misread birth year, or no birth date, as their kinds say', () => {
    const byId = new Map(sample.citizens.map((c) => [c.id, c]));
    const seen = { 'no-id-year-typo': 0, 'no-id-no-date': 0 };
    sample.truth.forEach((t, i) => {
      if (t.kind !== 'no-id-year-typo' && t.kind !== 'no-id-no-date') return;
      seen[t.kind]++;
      const record = sample.records[i]!;
      const citizen = byId.get(t.citizenId)!;
      expect(record.citizenId).toBe('');
      expect(record.fullName).toBe(citizen.fullName);
      if (t.kind === 'no-id-no-date') expect(record.birthDate).toBe('');
      else {
        const [d, m, y] = record.birthDate.split('/').map(Number);
        const [cd, cm, cy] = citizen.birthDate.split('/').map(Number);
        expect(y).not.toBe(cy);
        expect(m).toBe(cm);
        // The day only moves when 29 February does not exist in the misread year.
        if (d !== cd) expect([cd, cm, d]).toEqual([29, 2, 28]);
      }
    });
    expect(seen['no-id-year-typo']).toBeGreaterThan(0);
    expect(seen['no-id-no-date']).toBeGreaterThan(0);
  });

  it('builds a clean reference', () => {
    expect(reference.problems).toEqual([]);
    expect(reference.size).toBe(sample.citizens.length);
  });

  it('classifies every ID-linkable record exactly as the truth says', () => {
    const wrong: string[] = [];
    results.forEach((r, i) => {
      const t = sample.truth[i]!;
      if (t.path === 'fuzzy') return;
      const ok =
        r.status === t.status &&
        t.reasons.every((x) => (r.reasons as readonly string[]).includes(x)) &&
        (t.citizenId === '' ? r.citizenId === undefined : r.citizenId === t.citizenId);
      if (!ok) wrong.push(`${t.kind}: expected ${t.status} [${t.reasons.join(',')}], got ${r.status} [${r.reasons.join(',')}]`);
    });
    expect(wrong).toEqual([]);
  });
});
