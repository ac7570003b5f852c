// Promise "bounded resources" (docs/guarantees.md): limits give per-field problems, records can be
// streamed from a generator, and the memory of a streamed run does not grow with the number of rows
// when results are consumed one by one (measured with a forced GC when the runtime allows it).
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { addToStats, buildReference, emptyStats, generateSample, parseSectorRow, reconcile, reconcileParsed, resolveOptions } from '../../src/index.js';

const sample = generateSample({ citizens: 2000, records: 1000, seed: 5 });
const reference = buildReference(sample.citizens);

/** Yields n records, cycling through the sample with fresh keys: nothing is held by the producer. */
function* records(n: number): Generator<Record<string, string>> {
  for (let i = 0; i < n; i++) yield { ...sample.records[i % sample.records.length]!, key: `r${i}` };
}

function gcFunction(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** What `build()`'s result keeps alive: the heap after collection, with it held, less the heap before. */
async function heapHeldBy<T>(gc: () => void, build: () => T): Promise<{ value: T; held: number }> {
  const before = heapAfterGc(gc);
  const value = build();
  // What may hold the input for a moment without the result holding it: the engine's last regular
  // expression match (its subject may be a slice of the input) and work still queued on this thread.
  // Once in a full run on a busy machine the input was still there at a first measurement made at once.
  /^$/.exec('');
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { value, held: heapAfterGc(gc) - before };
}

/**
 * A reference of `rows` citizens whose cells `cells(text, i)` cuts from `unit` repeated `times` times (the
 * text itself dropped once built), and what the index keeps alive.
 */
async function referenceCutFrom(
  gc: () => void,
  unit: string,
  times: number,
  rows: number,
  cells: (text: string, i: number) => Record<string, string>,
): Promise<{ ref: ReturnType<typeof buildReference>; held: number }> {
  const build = (): ReturnType<typeof buildReference> => {
    const text = unit.repeat(times);
    return buildReference(Array.from({ length: rows }, (_, i) => ({ id: String(1_089_000_000 + i).padStart(12, '0'), ...cells(text, i) })));
  };
  const { value: ref, held } = await heapHeldBy(gc, build);
  expect(ref.size).toBe(rows);
  return { ref, held };
}

describe('bounded resources', () => {
  it('reconciles records streamed from a generator, every one accounted for', () => {
    const { results, stats } = reconcile(reference, records(3_210), { asOf: sample.asOf });
    expect(results).toHaveLength(3_210);
    expect(stats.total).toBe(3_210);
    expect(results[3_209]!.key).toBe('r3209');
  });

  it('keeps memory flat when results are consumed as they come (streaming), and measures it', ({ annotate, skip }) => {
    const gc = gcFunction();
    if (gc === undefined) skip();
    const options = resolveOptions({ asOf: sample.asOf });
    const streamed = (n: number): number => {
      const stats = emptyStats();
      const start = heapAfterGc(gc!);
      let row = 0;
      for (const input of records(n)) addToStats(stats, reconcileParsed(reference, parseSectorRow(input, ++row, options), options).result);
      const growth = heapAfterGc(gc!) - start;
      expect(stats.total).toBe(n);
      return growth;
    };
    const sizes = [500, 1_500, 4_500];
    const flat = sizes.map(streamed);
    const mb = (b: number) => (b / 1048576).toFixed(1);
    // reconcile() itself returns every result, so its memory grows by about 0.9 KB per row (docs/guarantees.md).
    void annotate(`streamed heap growth (MB) for ${sizes.join('/')} rows: ${flat.map(mb).join(' / ')}`);
    // Streaming holds only the statistics: 9× more rows must not cost 9× more memory.
    expect(flat[2]! - flat[0]!).toBeLessThan(8 * 1048576);
  });

  // Regression test: cells cut from a large text (as a CSV reader cuts them from its chunks) kept that whole
  // text alive inside the reference, ~190 MB for a 1M-citizen file.
  it('does not keep the text the reference cells were cut from', async ({ skip }) => {
    const gc = gcFunction();
    if (gc === undefined) skip();
    // One 8M-character two-byte text; each row's name and address are substrings of it.
    const { ref, held } = await referenceCutFrom(gc!, 'Nguyễn Văn Anh Hàng Bạc phường Hoàn Kiếm ', 200_000, 2_000, (text, i) => ({
      fullName: text.slice(i * 41, i * 41 + 14),
      address: text.slice(i * 41 + 15, i * 41 + 40),
    }));
    expect(ref.columns.fullNames[1]).toBe(ref.columns.fullNames[0]);
    // The text alone is 16 MB; the index of 2,000 short rows needs well under 2 MB.
    expect(held).toBeLessThan(4 * 1048576);
  });

  // Regression test: parsed gender and status cells were remembered by the cell itself, a view into its chunk.
  it('does not keep the text that gender and status cells were cut from (they are remembered by value)', async ({ skip }) => {
    const gc = gcFunction();
    if (gc === undefined) skip();
    // Cells of 13 characters or more cut from a 16 MB text are views into it, until copied.
    const { held } = await referenceCutFrom(gc!, 'Còn sống (xác minh) Giới tính: nữ giới ', 220_000, 200, (text, i) => ({
      status: text.slice(i * 39, i * 39 + 19),
      gender: text.slice(i * 39 + 20, i * 39 + 38),
    }));
    expect(held).toBeLessThan(4 * 1048576);
  });

  // Regression test for a bug the hostile corpus found in src/reconcile/duplicates.ts (fixed).
  it('keeps the output linear in the input when many records share one citizen', () => {
    const one = buildReference([{ id: '001089012345', fullName: 'Nguyễn Văn An' }]);
    const n = 2_000;
    const { results } = reconcile(one, Array.from({ length: n }, (_, i) => ({ key: `k${i}`, citizenId: '001089012345' })), { linkers: [] });
    expect(results.filter((r) => r.duplicate)).toHaveLength(n - 1);
    const listed = results.reduce((sum, r) => sum + (r.duplicateOf?.length ?? 0), 0);
    expect(listed).toBeLessThanOrEqual(2 * n);
  });
});
