// Promise "determinism" (docs/guarantees.md). Order-independence of results per key and of statistics is
// in test/reconcile/properties.test.ts, partition-independence in test/reconcile/partition.test.ts; this
// file adds byte-identical output and order-independence with invalid rows and duplicates mixed in.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReference, generateSample, reconcile, type RecordResult } from '../../src/index.js';

const sample = generateSample({ citizens: 700, records: 350, seed: 99 });
const options = { asOf: sample.asOf };

// Rows with explicit keys, so that per-key comparison is meaningful whatever their position.
const junk: Record<string, unknown>[] = [
  { key: 'j1', citizenId: '1.08901E+11', fullName: 'Nguyễn Văn An', birthDate: '31/02/1989' },
  { key: 'j2', citizenId: sample.records[0]!.citizenId, fullName: '=HYPERLINK("x")', gender: 'không rõ' },
  { key: 'j3', citizenId: sample.records[1]!.citizenId, birthDate: '00/00/0000', note: { nested: true } },
  { key: 'j4' },
];

const byKey = (rs: readonly RecordResult[]) => [...rs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row - b.row)).map(({ row: _row, ...r }) => r);

describe('determinism', () => {
  it('gives byte-identical JSON for the same inputs and options, with a freshly built reference', () => {
    const run = () => JSON.stringify(reconcile(buildReference(sample.citizens), [...sample.records, ...junk], options));
    const a = run();
    expect(run()).toBe(a);
  });

  it('gives the same result per key and the same statistics whatever the order, invalid rows and duplicates included', () => {
    const reference = buildReference(sample.citizens);
    const input: object[] = [...sample.records, ...junk];
    const base = reconcile(reference, input, options);
    expect(base.results.some((r) => r.duplicate)).toBe(true);
    fc.assert(
      fc.property(fc.shuffledSubarray(input, { minLength: input.length }), (shuffled) => {
        const out = reconcile(reference, shuffled, options);
        expect(byKey(out.results)).toEqual(byKey(base.results));
        expect(JSON.stringify(out.stats)).toBe(JSON.stringify(base.stats));
      }),
      { numRuns: 10 },
    );
  });

  it('depends on reference order only through duplicate reference IDs, where the first row is kept and the others reported (documented)', () => {
    const twin = { ...sample.citizens[0]!, fullName: 'Tên Khác Hẳn' };
    const first = buildReference([sample.citizens[0]!, twin]);
    const second = buildReference([twin, sample.citizens[0]!]);
    expect(first.problems.map((p) => p.code)).toEqual(['duplicate_id']);
    expect(second.problems.map((p) => p.code)).toEqual(['duplicate_id']);
    expect(first.get(twin.id)?.fullName).not.toBe(second.get(twin.id)?.fullName);
  });
});
