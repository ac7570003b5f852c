import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReference, generateSample, mergeAllStats, parsePartition, partitionOf, reconcile, type RecordResult } from '../../src/index.js';

const sample = generateSample({ citizens: 600, records: 300, seed: 23 });
const reference = buildReference(sample.citizens);
const options = { asOf: sample.asOf };
const strip = (r: RecordResult) => r;

describe('partitioned runs', () => {
  it('merge to exactly the single run: statistics and results', () => {
    fc.assert(
      fc.property(fc.subarray(sample.records, { minLength: 1 }), fc.integer({ min: 1, max: 9 }), (records, n) => {
        const single = reconcile(reference, records, options);
        const parts = Array.from({ length: n }, (_, index) => reconcile(reference, records, { ...options, partition: { index, count: n } }));
        expect(mergeAllStats(parts.map((p) => p.stats))).toEqual(single.stats);
        const union = parts.flatMap((p) => p.results).sort((a, b) => a.row - b.row);
        expect(union.map(strip)).toEqual(single.results.map(strip));
      }),
      { numRuns: 25 },
    );
  });

  it('puts every record of one citizen in the same partition, so duplicates are found', () => {
    const single = reconcile(reference, sample.records, options);
    const dupes = single.results.filter((r) => r.duplicate).length;
    expect(dupes).toBeGreaterThan(0);
    const parts = [0, 1, 2].map((index) => reconcile(reference, sample.records, { ...options, partition: { index, count: 3 } }));
    expect(parts.reduce((n, p) => n + p.results.filter((r) => r.duplicate).length, 0)).toBe(dupes);
  });

  it('reads partitions as users write them', () => {
    expect(parsePartition('2/8')).toEqual({ index: 1, count: 8 });
    expect(parsePartition('0/8')).toBeUndefined();
    expect(parsePartition('9/8')).toBeUndefined();
    expect(parsePartition('a/b')).toBeUndefined();
  });

  it('spreads keys stably', () => {
    expect(partitionOf('id:001', 1)).toBe(0);
    expect(partitionOf('id:001', 7)).toBe(partitionOf('id:001', 7));
  });
});
