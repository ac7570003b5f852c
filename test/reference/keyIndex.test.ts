import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyIndex } from '../../src/reference/keyIndex.js';

const digitKey = fc.integer({ min: 1, max: 14 }).chain((n) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`)));

describe('KeyIndex', () => {
  it('answers digit probes as a Map of the keys would, built or rebuilt from its data (with or without the lengths of its keys)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(digitKey, { maxLength: 60 }), fc.array(digitKey, { maxLength: 40 }), (keys, probes) => {
        const built = new KeyIndex(4);
        keys.forEach((k, i) => built.setIfAbsent(k, i));
        const restored = KeyIndex.fromData(built.toData());
        // Data from before the digit keys' lengths travelled with it: recomputed from the table.
        const { lengths: _lengths, ...older } = built.toData();
        const fromOlder = KeyIndex.fromData(older);
        const expected = new Map(keys.map((k, i) => [k, i]));
        for (const p of [...keys, ...probes]) {
          const want = expected.get(p) ?? -1;
          for (const index of [built, restored, fromOlder]) {
            expect(index.get(p)).toBe(want);
            expect(index.getDigits(Number(p), p.length)).toBe(want);
          }
        }
      }),
    );
  });

  it('answers probes of a length it holds no key of without looking, and finds such a key once added', () => {
    // Former IDs are 9-digit CMND numbers: typo probing asks that table about a 12-digit ID's variants.
    const former = new KeyIndex(16);
    former.setIfAbsent('023456789', 0);
    expect(former.getDigits(23456789, 9)).toBe(0);
    expect(former.getDigits(1089012345, 12)).toBe(-1);
    former.setIfAbsent('001089012345', 1);
    expect(former.getDigits(1089012345, 12)).toBe(1);
    expect(KeyIndex.fromData(former.toData()).getDigits(1089012345, 12)).toBe(1);
    // Growing rehashes every key and keeps what lengths the table holds.
    for (let i = 0; i < 5000; i++) former.setIfAbsent(String(100000000 + i), 2 + i);
    expect(former.getDigits(1089012345, 12)).toBe(1);
    expect(former.getDigits(100004999, 9)).toBe(5001);
  });

  it('touches the slot a lookup starts at without changing what lookups answer', () => {
    const index = new KeyIndex(16);
    index.setIfAbsent('001089012345', 7);
    index.setIfAbsent('AB-12', 8);
    for (const key of ['001089012345', '001089012346', 'AB-12', '']) expect(Number.isInteger(index.touch(key))).toBe(true);
    expect(index.touch('AB-12')).toBe(0);
    expect([index.get('001089012345'), index.get('AB-12'), index.get('001089012346')]).toEqual([7, 8, -1]);
  });
});
