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
