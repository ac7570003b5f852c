import { describe, expect, it } from 'vitest';
import { memoizeText } from '../../src/normalise/memo.js';

describe('memoizeText', () => {
  it('parses each short text once, long texts every time, and stays bounded', () => {
    const seen: string[] = [];
    const parse = memoizeText((s) => {
      seen.push(s);
      return s.length;
    }, 4, 2);
    expect([parse('Nam'), parse('Nam'), parse('Nữ'), parse('Nam')]).toEqual([3, 3, 2, 3]);
    expect(seen).toEqual(['Nam', 'Nữ']);
    parse('x');
    parse('Nam'); // the memo was full and cleared, so this parses again
    parse('không rõ');
    parse('không rõ');
    expect(seen).toEqual(['Nam', 'Nữ', 'x', 'Nam', 'không rõ', 'không rõ']);
  });
});
