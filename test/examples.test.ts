import { describe, expect, it } from 'vitest';
import { run } from '../examples/basic.js';

describe('examples/basic.ts', () => {
  it('classifies each row as the comments promise', () => {
    const { results, lines } = run();
    expect(results.map((r) => [r.key, r.status])).toEqual([
      ['BHYT-001', 'matched'],
      ['BHYT-002', 'mismatched'],
      ['BHYT-003', 'stale'],
      ['BHYT-004', 'missing'],
    ]);
    expect(results[1]!.reasons).toEqual(['name-differs', 'birth-date-differs', 'superseded-id']);
    expect(lines.at(-1)).toBe('đúng 1/3, sống 2/3');
    expect(lines.join('\n')).not.toContain('079190004567');
  });
});

describe('examples/streaming.ts', () => {
  it('decides every streamed record as reconcile does, in input order, before duplicate marking', async () => {
    const { run } = await import('../examples/streaming.js');
    const { buildReference, generateSample, reconcile } = await import('../src/index.js');
    const { lines, stats } = await run();
    const sample = generateSample({ citizens: 400, records: 250, seed: 3 });
    const memory = reconcile(buildReference(sample.citizens), sample.records, { asOf: sample.asOf });
    const streamed = lines.map((l) => JSON.parse(l) as { key: string; status: string; reasons: string[] });
    expect(streamed).toHaveLength(250);
    // reconcile also marks duplicates (a second pass over all results); the stream leaves that to its reader.
    const unmarked = memory.results.map((r) => ({ key: r.key, status: r.status, reasons: r.reasons.filter((x) => x !== 'duplicate-record') }));
    expect(streamed.map((r) => ({ key: r.key, status: r.status, reasons: r.reasons }))).toEqual(unmarked);
    expect(stats.total).toBe(250);
    expect(stats.byStatus).toEqual(memory.stats.byStatus);
  });
});
