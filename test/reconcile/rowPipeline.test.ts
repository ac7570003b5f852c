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
          if (flushes.includes(i)) pipeline.flush();
        });
        // Nothing is lost before the last flush, and a second flush adds nothing.
        expect(grouped.length).toBeLessThanOrEqual(one.length);
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
});
