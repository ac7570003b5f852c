import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addStatsInto, buildReference, emptyStats, generateSample, mergeAllStats, mergeStats, reconcile, scorecard, sortKeys, summarize, statsSchema } from '../../src/index.js';

const sample = generateSample({ citizens: 800, records: 400, seed: 7 });
const reference = buildReference(sample.citizens);
const { results } = reconcile(reference, sample.records, { asOf: sample.asOf });

/** Statistics of an arbitrary slice of real results: realistic shapes with every map populated. */
const arbStats = fc
  .tuple(fc.nat(results.length), fc.nat(60))
  .map(([start, len]) => summarize(results.slice(start, start + len)));

describe('mergeStats', () => {
  it('is associative', () => {
    fc.assert(fc.property(arbStats, arbStats, arbStats, (a, b, c) => {
      expect(mergeStats(mergeStats(a, b), c)).toEqual(mergeStats(a, mergeStats(b, c)));
    }));
  });

  it('is commutative, also in serialised form', () => {
    fc.assert(fc.property(arbStats, arbStats, (a, b) => {
      expect(JSON.stringify(mergeStats(a, b))).toBe(JSON.stringify(mergeStats(b, a)));
    }));
  });

  it('has the empty statistics as identity', () => {
    fc.assert(fc.property(arbStats, (a) => {
      expect(mergeStats(a, emptyStats())).toEqual(a);
      expect(mergeStats(emptyStats(), a)).toEqual(a);
    }));
  });

  it('gives the statistics of the whole when the parts are summarised separately', () => {
    fc.assert(fc.property(fc.array(fc.nat(results.length), { maxLength: 6 }), (cuts) => {
      const points = [0, ...cuts.sort((x, y) => x - y), results.length];
      const parts = points.slice(1).map((end, i) => summarize(results.slice(points[i], end)));
      expect(mergeAllStats(parts)).toEqual(summarize(results));
    }));
  });

  it('folds in place to what pairwise merging gives, serialised identically once sorted (addStatsInto)', () => {
    fc.assert(fc.property(fc.array(arbStats, { maxLength: 6 }), (list) => {
      const acc = emptyStats();
      for (const s of list) addStatsInto(acc, s);
      const pairwise = list.reduce((x, y) => mergeStats(x, y), emptyStats());
      expect(JSON.stringify(sortKeys(acc))).toBe(JSON.stringify(pairwise));
      expect(JSON.stringify(mergeAllStats(list))).toBe(JSON.stringify(pairwise));
    }));
  });

  it('counts a "__proto__" key as an own key when folding in place', () => {
    const a = emptyStats();
    const b = { ...emptyStats(), total: 1, byProvince: JSON.parse('{"__proto__":{"matched":1}}') as Record<string, Record<string, number>> };
    addStatsInto(a, b);
    addStatsInto(a, b);
    expect(Object.getPrototypeOf(a.byProvince)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(a.byProvince, '__proto__')?.value).toEqual({ matched: 2 });
  });

  it('produces objects that satisfy the published schema', () => {
    expect(statsSchema.safeParse(summarize(results)).success).toBe(true);
    expect(statsSchema.safeParse(emptyStats()).success).toBe(true);
  });
});

describe('scorecard', () => {
  it('states numerator and denominator of each dimension', () => {
    const s = summarize(results);
    const card = scorecard(s);
    const linked = s.byStatus.matched + s.byStatus.mismatched + s.byStatus.stale;
    expect(card.dung).toEqual({ value: s.byStatus.matched / linked, numerator: s.byStatus.matched, denominator: linked });
    expect(card.song.numerator).toBe(linked - s.byStatus.stale);
    expect(card.sach).toEqual({ value: s.clean / s.total, numerator: s.clean, denominator: s.total });
    expect(card.du.denominator).toBe(s.total);
  });

  it('is null, not NaN, when nothing was linked', () => {
    expect(scorecard(emptyStats()).dung.value).toBeNull();
  });
});

describe('breakdown by commune', () => {
  it('counts each row with a known commune once, by status', () => {
    const s = summarize(results);
    const withCommune = results.filter((r) => r.communeCode !== undefined);
    expect(withCommune.length).toBeGreaterThan(0);
    const counted = Object.values(s.byCommune).reduce((a, c) => a + Object.values(c).reduce((x, y) => x + y, 0), 0);
    expect(counted).toBe(withCommune.length);
  });

  it('reads statistics files written before the breakdown existed', () => {
    const { byCommune: _dropped, ...old } = summarize(results);
    expect(statsSchema.parse(JSON.parse(JSON.stringify(old))).byCommune).toEqual({});
  });
});
