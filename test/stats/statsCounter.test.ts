import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addToStats, buildReference, emptyStats, generateSample, reconcile, sortKeys, StatsCounter, summarize } from '../../src/index.js';
import type { RecordResult } from '../../src/index.js';

const sample = generateSample({ citizens: 600, records: 400, seed: 11 });
const reference = buildReference(sample.citizens);
const { results } = reconcile(reference, sample.records, { asOf: sample.asOf });

function counted(list: readonly RecordResult[]): ReturnType<StatsCounter['toStats']> {
  const c = new StatsCounter();
  for (const r of list) c.add(r);
  return c.toStats();
}

describe('StatsCounter', () => {
  it('counts any run of real results exactly as addToStats does (serialised the same once sorted)', () => {
    fc.assert(fc.property(fc.nat(results.length), fc.nat(results.length), (start, len) => {
      const part = results.slice(start, start + len);
      const plain = emptyStats();
      for (const r of part) addToStats(plain, r);
      expect(JSON.stringify(sortKeys(counted(part)))).toBe(JSON.stringify(sortKeys(plain)));
      expect(sortKeys(counted(part))).toEqual(summarize(part));
    }));
  });

  it('counts keys from the data that name Object.prototype members as plain own keys', () => {
    const r = results.find((x) => x.communeCode !== undefined)!;
    const diff = { field: '__proto__', kind: 'constructor', record: 'a', reference: 'b' };
    const problem = { field: 'toString', code: '__proto__', message: 'odd' };
    const odd = [
      { ...r, provinceCode: '__proto__', communeCode: 'constructor', missingFields: ['toString'], diffs: [diff], problems: [problem] },
      { ...r, provinceCode: '__proto__', communeCode: '__proto__', missingFields: ['toString', '__proto__'], reasons: ['__proto__'] },
    ] as unknown as RecordResult[];
    const stats = counted(odd);
    expect(Object.getPrototypeOf(stats.byProvince)).toBe(Object.prototype);
    expect(Object.hasOwn(stats.byProvince, '__proto__')).toBe(true);
    expect(stats.byProvince['__proto__']).toEqual({ [r.status]: 2 });
    expect(stats.byCommune['constructor']).toEqual({ [r.status]: 1 });
    expect(stats.missingFields['toString']).toBe(2);
    expect(Object.hasOwn(stats.missingFields, '__proto__')).toBe(true);
    expect(stats.byReason['__proto__']).toBe(1);
    expect(Object.hasOwn(stats.byCommune, '__proto__')).toBe(true);
    expect(stats.byField['__proto__']).toEqual({ constructor: 1 });
    expect(Object.hasOwn(stats.byField['__proto__']!, 'constructor')).toBe(true);
    expect(Object.hasOwn(stats.problems['toString']!, '__proto__')).toBe(true);
    expect(stats.problems['toString']!['__proto__']).toBe(1);
    expect(stats).toEqual(summarize(odd));
  });

  it('counts unit codes and other keys apart, whatever their spelling (property)', () => {
    // Digit codes of up to six digits go through a table of integers; '4', '04' and '004' are distinct keys,
    // as are longer codes and any other text (a Map); '٤' (an Arabic-Indic four) is not a digit here.
    const key = fc.oneof(fc.stringMatching(/^\d{1,8}$/), fc.constantFrom('4', '04', '004', '0', '00', '٤', '4a', ' 4', ''), fc.string({ maxLength: 3 }));
    const status = fc.constantFrom('matched', 'mismatched', 'missing', 'stale') as fc.Arbitrary<RecordResult['status']>;
    const r = results[0]!;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, key, status), { maxLength: 300 }), (rows) => {
        const list = rows.map(([province, commune, st]) => ({ ...r, provinceCode: province, communeCode: commune, status: st }));
        expect(sortKeys(counted(list))).toEqual(summarize(list));
      }),
      { numRuns: 200 },
    );
  });

  it('adds up counters that counted parts of the results as one counter of all of them, across threads (property)', () => {
    const odd = results.map((r, i) => (i % 7 === 0 ? { ...r, communeCode: `x${i % 3}`, provinceCode: i % 2 === 0 ? '04' : '4' } : r));
    fc.assert(
      fc.property(fc.array(fc.nat(odd.length), { maxLength: 5 }), (cuts) => {
        const at = [0, ...[...new Set(cuts)].sort((a, b) => a - b), odd.length];
        const total = new StatsCounter();
        for (let k = 0; k + 1 < at.length; k++) {
          const part = new StatsCounter();
          for (const r of odd.slice(at[k], at[k + 1])) part.add(r);
          // As a worker posts it: cloned, its typed arrays transferred.
          total.addData(structuredClone(part.toData()));
        }
        expect(sortKeys(total.toStats())).toEqual(summarize(odd));
        expect(sortKeys(total.toStats())).toEqual(sortKeys(counted(odd)));
      }),
      { numRuns: 50 },
    );
  });

  it('counts more keys than its first table holds', () => {
    const r = results[0]!;
    const many = Array.from({ length: 700 }, (_, k) => ({ ...r, communeCode: String(k).padStart(5, '0'), status: (['matched', 'stale', 'missing'] as const)[k % 3]! }));
    const stats = counted([...many, ...many]);
    expect(Object.keys(stats.byCommune)).toHaveLength(700);
    expect(stats.byCommune['00699']).toEqual({ matched: 2 });
    expect(stats.byCommune['00001']).toEqual({ stale: 2 });
    expect(sortKeys(stats)).toEqual(summarize([...many, ...many]));
  });

  it('returns new data each time and keeps counting after it', () => {
    const c = new StatsCounter();
    c.add(results[0]!);
    const first = c.toStats();
    c.add(results[1]!);
    expect(first.total).toBe(1);
    expect(c.toStats().total).toBe(2);
    first.byStatus.matched += 100;
    first.scoreHistogram[0] = 99;
    expect(c.toStats().byStatus.matched).toBeLessThan(100);
    expect(c.toStats().scoreHistogram[0]).not.toBe(99);
  });
});
