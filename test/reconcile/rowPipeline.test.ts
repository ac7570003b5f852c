import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReference, createRowPipeline, generateSample, reconcileRow, resolveOptions, type RowOutcome } from '../../src/index.js';

describe('createRowPipeline', () => {
  const sample = generateSample({ citizens: 600, records: 300, seed: 11 });
  const reference = buildReference(sample.citizens);

  it('hands on each row of the partition the outcome reconcileRow gives it, in input order, whatever the flush points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.nat(), fc.array(fc.nat({ max: 299 }), { maxLength: 4 }), (count, at, flushes) => {
        const options = resolveOptions({ asOf: sample.asOf, partition: { index: at % count, count } });
        const one: RowOutcome[] = [];
        sample.records.forEach((input, i) => {
          const out = reconcileRow(reference, input, i + 1, options);
          if (out !== undefined) one.push(out);
        });
        const grouped: RowOutcome[] = [];
        const pipeline = createRowPipeline(reference, options, (o) => grouped.push(o));
        sample.records.forEach((input, i) => {
          pipeline.add(input, i + 1);
          // A flush hands on every row added so far, and no other.
          if (flushes.includes(i)) {
            pipeline.flush();
            expect(grouped).toEqual(one.filter((o) => o.result.row <= i + 1));
          }
        });
        // A second flush adds nothing.
        pipeline.flush();
        pipeline.flush();
        expect(grouped).toEqual(one);
      }),
      { numRuns: 12 },
    );
  });

  it('keeps a row problem found before parsing with the row it belongs to', () => {
    const problem = { field: 'row', code: 'malformed_line', message: 'line 3: unclosed quote' } as const;
    const got: RowOutcome[] = [];
    const pipeline = createRowPipeline(reference, resolveOptions({ asOf: sample.asOf }), (o) => got.push(o));
    pipeline.add(sample.records[0], 1);
    pipeline.add(sample.records[1], 2, [problem]);
    pipeline.flush();
    expect(got.map((o) => o.result.problems.includes(problem))).toEqual([false, true]);
  });

  it('lets onRow add rows while a group is being finished, and hands every row on in the order it was added', () => {
    const options = resolveOptions({ asOf: sample.asOf });
    const added: number[] = [];
    const emitted: number[] = [];
    const add = (): void => {
      if (added.length === 80) return;
      const row = added.length + 1;
      added.push(row);
      pipeline.add(sample.records[row - 1], row);
    };
    const pipeline = createRowPipeline(reference, options, (o) => {
      emitted.push(o.result.row);
      expect(o.result).toEqual(reconcileRow(reference, sample.records[o.result.row - 1], o.result.row, options)!.result);
      // Rows bring in two more rows each, as a caller reading ahead would: a group fills while the one
      // before it is being finished; a flush asked for meanwhile waits for it.
      add();
      add();
      if (emitted.length % 7 === 0) pipeline.flush();
    });
    for (let k = 0; k < 40; k++) add();
    pipeline.flush();
    pipeline.flush();
    expect(emitted).toEqual(added);
    expect([...emitted].sort((a, b) => a - b)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
  });
});
