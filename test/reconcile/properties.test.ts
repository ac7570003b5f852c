import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReference, generateSample, reconcile, type RecordResult } from '../../src/index.js';

const sample = generateSample({ citizens: 600, records: 300, seed: 11 });
const reference = buildReference(sample.citizens);
const options = { asOf: sample.asOf };

const byKey = (rs: readonly RecordResult[]) => [...rs].sort((a, b) => (a.key < b.key ? -1 : 1)).map(({ row: _row, ...r }) => r);

describe('reconcile invariants', () => {
  it('accounts for every input row exactly once, in input order, and the counts add up', () => {
    fc.assert(
      fc.property(fc.subarray(sample.records), fc.array(fc.anything(), { maxLength: 5 }), (records, junk) => {
        const input: unknown[] = [...records, ...junk];
        const { results, stats } = reconcile(reference, input, options);
        expect(results).toHaveLength(input.length);
        expect(results.map((r) => r.row)).toEqual(input.map((_, i) => i + 1));
        const { matched, mismatched, missing, stale } = stats.byStatus;
        expect(matched + mismatched + missing + stale).toBe(input.length);
        expect(stats.total).toBe(input.length);
        expect(stats.valid).toBe(results.filter((r) => r.problems.length === 0).length);
      }),
      { numRuns: 50 },
    );
  });

  it('gives the same result for each record whatever the input order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(sample.records, { minLength: sample.records.length }), (shuffled) => {
        const a = reconcile(reference, sample.records, options);
        const b = reconcile(reference, shuffled, options);
        expect(byKey(b.results)).toEqual(byKey(a.results));
        expect(b.stats).toEqual(a.stats);
      }),
      { numRuns: 10 },
    );
  });

  it('does not depend on the order of the reference rows', () => {
    const reversed = buildReference([...sample.citizens].reverse());
    expect(reconcile(reversed, sample.records, options).results).toEqual(reconcile(reference, sample.records, options).results);
  });

  it('flags exactly one original in each group of records linked to the same citizen', () => {
    const { results } = reconcile(reference, sample.records, options);
    const groups = new Map<string, RecordResult[]>();
    for (const r of results) if (r.linkedBy !== undefined) groups.set(r.citizenId!, [...(groups.get(r.citizenId!) ?? []), r]);
    for (const g of groups.values()) {
      expect(g.filter((r) => !r.duplicate)).toHaveLength(1);
      if (g.length > 1) {
        const original = g.find((r) => !r.duplicate)!;
        expect(original.duplicateOf).toHaveLength(Math.min(20, g.length - 1));
        for (const r of g.filter((x) => x.duplicate)) expect(r.duplicateOf).toEqual([original.key]);
      }
    }
  });
});
