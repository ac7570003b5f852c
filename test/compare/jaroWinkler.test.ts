import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaroWinkler } from '../../src/compare/jaroWinkler.js';

describe('jaroWinkler', () => {
  it('runs the documented example', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBe(0.9611111111111111);
  });

  it('matches the published values (Winkler 1990; Wikipedia)', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    // No common prefix, so Jaro–Winkler equals Jaro here.
    expect(jaroWinkler('JELLYFISH', 'SMELLYFISH')).toBeCloseTo(0.8963, 4);
  });

  it('returns 1 for identical strings, including two empty ones', () => {
    expect(jaroWinkler('nguyen van an', 'nguyen van an')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
  });

  it('returns 0 when exactly one string is empty or nothing matches', () => {
    expect(jaroWinkler('', 'lan')).toBe(0);
    expect(jaroWinkler('lan', '')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('scores a one-letter typo in a Vietnamese name higher than an unrelated name', () => {
    const typo = jaroWinkler('nguyen van hung', 'nguyen van hunh');
    const other = jaroWinkler('nguyen van hung', 'tran thi mai');
    expect(typo).toBeGreaterThan(0.95);
    expect(other).toBeLessThan(0.7);
  });

  it('applies the prefix boost only above a Jaro score of 0.7', () => {
    // Jaro of these is below 0.7, so the shared prefix "ab" adds nothing.
    expect(jaroWinkler('abcdefgh', 'abxyzuvw')).toBe(jaroWinkler('abcdefgh', 'abxyzuvw', 0));
  });

  it('clamps the prefix scale so the result stays within [0, 1]', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA', 5)).toBeLessThanOrEqual(1);
    expect(jaroWinkler('MARTHA', 'MARHTA', -1)).toBe(jaroWinkler('MARTHA', 'MARHTA', 0));
    expect(jaroWinkler('MARTHA', 'MARHTA', Number.NaN)).toBe(jaroWinkler('MARTHA', 'MARHTA', 0));
  });

  it('handles strings longer than its reused buffers', () => {
    const long = 'nguyen '.repeat(100);
    expect(jaroWinkler(long, `${long}x`)).toBeGreaterThan(0.99);
  });

  it('gives exactly the textbook nested scan\'s score, on both sides of the 32-character bit-parallel limit', () => {
    // The definition as written (first free match in the window, then transpositions), without any shortcut.
    const textbook = (a: string, b: string): number => {
      if (a === b) return 1;
      if (a.length === 0 || b.length === 0) return 0;
      if (a.length > b.length) [a, b] = [b, a];
      const window = Math.max(0, (b.length >> 1) - 1);
      const fa = new Array<boolean>(a.length).fill(false);
      const fb = new Array<boolean>(b.length).fill(false);
      let m = 0;
      for (let i = 0; i < a.length; i++) {
        for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
          if (!fb[j] && a[i] === b[j]) {
            fa[i] = fb[j] = true;
            m++;
            break;
          }
        }
      }
      if (m === 0) return 0;
      let t = 0;
      for (let i = 0, k = 0; i < a.length; i++) {
        if (!fa[i]) continue;
        while (!fb[k]) k++;
        if (a[i] !== b[k++]) t++;
      }
      const jaro = (m / a.length + m / b.length + (m - t / 2) / m) / 3;
      if (jaro <= 0.7) return jaro;
      let p = 0;
      while (p < Math.min(4, a.length) && a[p] === b[p]) p++;
      return jaro + p * 0.1 * (1 - jaro);
    };
    const letters = fc.constantFrom('a', 'n', 'g', 'h', 'u', ' ');
    const near32 = fc.string({ unit: letters, minLength: 26, maxLength: 38 });
    const withAccents = fc.string({ unit: fc.constantFrom('a', 'n', 'g', 'ă', 'đ', ' '), maxLength: 14 });
    for (const arb of [fc.string({ unit: letters, maxLength: 16 }), near32, withAccents]) {
      fc.assert(fc.property(arb, arb, (a, b) => jaroWinkler(a, b) === textbook(a, b)), { numRuns: 4000 });
    }
    // Exactly 32 characters on the longer side (the widest bit mask), against 32, 31 and 33 (the scan).
    const thirtyTwo = 'nguyen thi thu huong hoang anh b';
    expect(thirtyTwo).toHaveLength(32);
    for (const other of ['nguyen thi thu huong hoang anh h', 'uguyen thi thu huong hoang anh n', 'nguyen thi thu huong hoang anh', 'bnguyen thi thu huong hoang anh', 'nguyen thi thu huong hoang anh bx', 'b hna gnaoh gnouh uht iht neyugn']) {
      expect(jaroWinkler(thirtyTwo, other)).toBe(textbook(thirtyTwo, other));
      expect(jaroWinkler(other, thirtyTwo)).toBe(textbook(other, thirtyTwo));
    }
    const upTo32 = fc.string({ unit: letters, minLength: 28, maxLength: 32 });
    fc.assert(fc.property(upTo32, upTo32, (a, b) => jaroWinkler(a, b) === textbook(a, b)), { numRuns: 4000 });
    // Non-ASCII on one side only: the bit masks cannot hold it, on either side.
    const ascii = fc.string({ unit: letters, maxLength: 14 });
    fc.assert(fc.property(ascii, withAccents, (a, b) => jaroWinkler(a, b) === textbook(a, b) && jaroWinkler(b, a) === textbook(b, a)), { numRuns: 4000 });
  });

  it('is symmetric', () => {
    const small = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'n', 'g', ' '), maxLength: 12 });
    fc.assert(fc.property(small, small, (a, b) => jaroWinkler(a, b) === jaroWinkler(b, a)), { numRuns: 5000 });
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => jaroWinkler(a, b) === jaroWinkler(b, a)), { numRuns: 2000 });
  });

  it('stays within [0, 1] and is 1 only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const s = jaroWinkler(a, b);
        return s >= 0 && s <= 1 && (s === 1) === (a === b);
      }),
      { numRuns: 3000 },
    );
  });
});
