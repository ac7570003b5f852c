import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Interner } from '../../src/reference/interner.js';
import { ownString } from '../../src/reference/ownString.js';

// Unit codes look like digits ("01", "00004"), which the interner looks up by value: codes must still be
// exactly those of a plain string map.
const codeLike = fc.oneof(
  fc.stringMatching(/^[0-9]{1,12}$/),
  fc.constantFrom('1', '01', '001', '0', '00', '', '0123456789', '١', '+1', ' 1'),
  fc.string(),
);

describe('Interner', () => {
  it('gives the codes of a plain map, for digit strings as for any other (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(codeLike, { nil: undefined }), { maxLength: 60 }), fc.array(codeLike, { maxLength: 20 }), (values, probes) => {
        const interner = new Interner();
        const model = new Map<string, number>();
        for (const v of values) {
          if (v !== undefined && !model.has(v)) model.set(v, model.size + 1);
          expect(interner.intern(v)).toBe(v === undefined ? 0 : model.get(v));
        }
        const copy = Interner.fromValues(interner.values);
        for (const p of [...probes, ...model.keys()]) {
          expect(interner.lookup(p)).toBe(model.get(p) ?? 0);
          expect(copy.lookup(p)).toBe(model.get(p) ?? 0);
        }
        expect(interner.values.slice(1)).toEqual([...model.keys()]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Interner tables', () => {
  it('keep every code through growth, for thousands of names and unit codes', () => {
    const values = Array.from({ length: 6000 }, (_, i) => (i % 2 === 0 ? `Nguyễn Văn ${i}` : String(i * 7919).padStart(i % 3 === 0 ? 9 : 5, '0')));
    const interner = new Interner();
    const codes = values.map((v) => interner.intern(v));
    expect(new Set(codes).size).toBe(values.length);
    // Asked again in another order, each value has its first code; a restored interner agrees.
    const copy = Interner.fromValues(interner.values);
    for (let i = values.length - 1; i >= 0; i--) {
      expect(interner.intern(values[i])).toBe(codes[i]);
      expect(copy.lookup(values[i])).toBe(codes[i]);
    }
    expect(interner.lookup('Nguyễn Văn 1')).toBe(0);
    expect(interner.lookup('000000001')).toBe(0);
  });

  it('tell apart strings whose hashes are equal', () => {
    // Pairs found by searching: the table's 32-bit hash is the same for both strings of each pair.
    const pairs = [['Nguyễn Văn 46222', 'Nguyễn Văn 58940'], ['Nguyễn Văn 89526', 'Nguyễn Văn 181734']];
    const interner = new Interner();
    const codes = pairs.flat().map((v) => interner.intern(v));
    expect(new Set(codes).size).toBe(4);
    const copy = Interner.fromValues(interner.values);
    pairs.flat().forEach((v, k) => {
      expect(interner.intern(v)).toBe(codes[k]);
      expect(interner.lookup(v)).toBe(codes[k]);
      expect(copy.lookup(v)).toBe(codes[k]);
    });
    // A string sharing a hash with a held one, but not held itself, is not found.
    const one = new Interner();
    one.intern('Nguyễn Văn 46222');
    expect(one.lookup('Nguyễn Văn 58940')).toBe(0);
  });
});

describe('ownString', () => {
  it('returns an equal string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        expect(ownString(s)).toBe(s);
      }),
    );
  });
});
