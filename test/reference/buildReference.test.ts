import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReference, packDate, restoreReference, snapshotReference, unpackDate } from '../../src/index.js';
import { KeyIndex } from '../../src/reference/keyIndex.js';

describe('buildReference', () => {
  it('indexes citizens by ID and by former ID', () => {
    const ref = buildReference([
      { id: '001089012345', formerIds: '012345678; 001089000001', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam' },
    ]);
    expect(ref.size).toBe(1);
    expect(ref.findById('001089012345')).toBe(0);
    expect(ref.findByFormerId('012345678')).toBe(0);
    expect(ref.findByFormerId('001089000001')).toBe(0);
    expect(ref.get('001089012345')).toEqual({
      id: '001089012345',
      formerIds: ['012345678', '001089000001'],
      fullName: 'Nguyễn Văn An',
      birthDate: { year: 1989, month: 7, day: 5 },
      gender: 'male',
      status: 'alive',
    });
  });

  it('reports duplicate and ID-less rows on the index instead of throwing', () => {
    const ref = buildReference([
      { id: '001089012345', fullName: 'A' },
      { id: '001 089 012 345', fullName: 'B' },
      { fullName: 'C' },
      { id: 'abc', fullName: 'D' },
      'not a row',
    ]);
    expect(ref.size).toBe(1);
    expect(ref.rowsRead).toBe(5);
    expect(ref.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [2, 'id', 'duplicate_id'],
      [3, 'id', 'missing_id'],
      [4, 'id', expect.any(String)],
      [5, 'row', 'invalid_row'],
      [5, 'id', 'missing_id'],
    ]);
    expect(ref.get('001089012345')?.fullName).toBe('A');
  });

  it('does not link a former ID claimed by two citizens, nor one that is someone else\'s current ID', () => {
    const ref = buildReference([
      { id: '001089012345', formerIds: '111111111' },
      { id: '001089012346', formerIds: '111111111, 001089012345' },
    ]);
    expect(ref.findByFormerId('111111111')).toBe(-1);
    expect(ref.findByFormerId('001089012345')).toBe(-1);
    expect(ref.problems.map((p) => p.code).sort()).toEqual(['duplicate_former_id', 'former_id_is_current_id']);
  });

  it('marks a citizen with a death date as deceased even without a status', () => {
    expect(buildReference([{ id: '001089012345', deathDate: '01/01/2024' }]).get('001089012345')?.status).toBe('deceased');
  });

  it('treats IDs as opaque strings when asked', () => {
    const ref = buildReference([{ id: 'AB-123 456', fullName: 'Jane Citizen' }], { idScheme: 'opaque' });
    expect(ref.size).toBe(1);
    expect(ref.idScheme).toBe('opaque');
  });
});

describe('KeyIndex', () => {
  it('behaves like a Map for any mix of digit and other keys', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.stringMatching(/^\d{1,14}$/), fc.string({ maxLength: 16 }))), (keys) => {
        const idx = new KeyIndex(4);
        const map = new Map<string, number>();
        keys.forEach((k, i) => {
          const expected = map.has(k) ? map.get(k)! : -1;
          expect(idx.setIfAbsent(k, i)).toBe(expected);
          if (!map.has(k)) map.set(k, i);
        });
        for (const k of keys) expect(idx.get(k)).toBe(map.get(k));
        expect(idx.get('99999999999999999')).toBe(-1);
        expect(idx.size).toBe(map.size);
      }),
    );
  });

  it('keeps IDs that differ only by leading zeros apart', () => {
    const idx = new KeyIndex();
    idx.setIfAbsent('012345678', 1);
    idx.setIfAbsent('12345678', 2);
    idx.setIfAbsent('000012345678', 3);
    expect([idx.get('012345678'), idx.get('12345678'), idx.get('000012345678')]).toEqual([1, 2, 3]);
  });

  it('finds every digit key by value and length, through growth and from its tables, and no absent one', () => {
    // getDigits goes through the Bloom filter first: a key it lost would be a typo link never found.
    fc.assert(
      // Up to 1,500 keys: a table made for 4 starts at 1,024 slots and grows past 512 keys.
      fc.property(fc.uniqueArray(fc.stringMatching(/^\d{1,14}$/), { maxLength: 1500 }), fc.array(fc.stringMatching(/^\d{1,14}$/), { maxLength: 50 }), (keys, others) => {
        const idx = new KeyIndex(4);
        keys.forEach((k, i) => idx.setIfAbsent(k, i));
        const copy = KeyIndex.fromData(idx.toData());
        keys.forEach((k, i) => {
          expect(idx.getDigits(Number(k), k.length)).toBe(i);
          expect(copy.getDigits(Number(k), k.length)).toBe(i);
        });
        const present = new Set(keys);
        for (const k of others) if (!present.has(k)) expect(idx.getDigits(Number(k), k.length)).toBe(-1);
      }),
      { numRuns: 60 },
    );
  });

  it('turns away nearly every absent digit key with its filter, before the table', () => {
    // A broken filter that let everything through would still answer correctly, only slowly: so count.
    const idx = new KeyIndex(20_000);
    const code = (k: number): number => k * 16 + 12;
    for (let k = 0; k < 20_000; k++) idx.setIfAbsent(String(100_000_000_000 + k * 7919), k);
    const filter = idx as unknown as { mayHold(code: number): boolean };
    let admitted = 0;
    for (let k = 0; k < 20_000; k++) {
      expect(filter.mayHold(code(100_000_000_000 + k * 7919))).toBe(true);
      if (filter.mayHold(code(100_000_000_000 + k * 7919 + 1))) admitted++;
    }
    // Two bits in one word, 8 filter bits per slot and 2–4 slots per key: ~3 % false positives.
    expect(admitted / 20_000).toBeLessThan(0.06);
  });
});

describe('packed dates', () => {
  it('round-trip full and partial dates', () => {
    for (const d of [{ year: 1950 }, { year: 1950, month: 3 }, { year: 1998, month: 7, day: 5 }]) expect(unpackDate(packDate(d))).toEqual(d);
    expect(unpackDate(packDate(undefined))).toBeUndefined();
  });
});

describe('findOneEditAway', () => {
  const slow = (ref: ReturnType<typeof buildReference>, id: string): number[] => {
    const variants = new Set<string>();
    const alphabet = /^\d+$/.test(id) ? '0123456789' : '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let k = 0; k < id.length; k++) for (const ch of alphabet) if (ch !== id[k]) variants.add(id.slice(0, k) + ch + id.slice(k + 1));
    for (let k = 0; k + 1 < id.length; k++) if (id[k] !== id[k + 1]) variants.add(id.slice(0, k) + id[k + 1] + id[k] + id.slice(k + 2));
    variants.add(`0${id}`);
    variants.delete(id);
    const found = new Set<number>();
    for (const v of variants) {
      if (ref.findById(v) >= 0) found.add(ref.findById(v));
      if (ref.findByFormerId(v) >= 0) found.add(ref.findByFormerId(v));
    }
    return [...found];
  };

  it('probes digit IDs arithmetically with the same result as building every variant', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^\d{9}$|^\d{12}$/), { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(11), fc.nat(9), (ids, pick, pos, digit) => {
        const unique = [...new Set(ids)];
        const ref = buildReference(unique.map((id, i) => ({ id: id.length === 12 ? id : `0${String(i).padStart(11, '0')}`, formerIds: id.length === 9 ? id : '' })));
        const base = unique[pick % unique.length]!;
        const p = pos % base.length;
        const probe = base.slice(0, p) + String(digit) + base.slice(p + 1);
        expect(ref.findOneEditAway(probe)).toEqual(slow(ref, probe));
        expect(ref.findOneEditAway(base.slice(1))).toEqual(slow(ref, base.slice(1)));
        // A restored index counts its key lengths from the tables it is given.
        const restored = restoreReference(snapshotReference(ref));
        expect(restored.findOneEditAway(probe)).toEqual(slow(ref, probe));
        expect(restored.findOneEditAway(base.slice(1))).toEqual(slow(ref, base.slice(1)));
      }),
    );
  });
  it('finds a 12-digit ID\'s neighbours in its halves\' buckets in the order probing every variant gives (property)', () => {
    // IDs crowded around one ID (one or two digits changed, neighbours swapped, a half shared), current or
    // former, so that many are one edit from the ID asked about and their order matters.
    const edit = fc.tuple(fc.constantFrom('sub', 'swap', 'two'), fc.nat(11), fc.nat(9), fc.nat(11), fc.nat(9));
    const apply = (id: string, [kind, p, d, q, e]: [string, number, number, number, number]): string => {
      const a = id.split('');
      if (kind === 'swap' && p < 11) [a[p], a[p + 1]] = [a[p + 1]!, a[p]!];
      else a[p] = String(d);
      if (kind === 'two') a[q] = String(e);
      return a.join('');
    };
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.array(fc.tuple(edit, fc.nat(5)), { minLength: 1, maxLength: 60 }), fc.array(edit, { maxLength: 4 }), (base, crowd, asks) => {
        // Some current, some former IDs, and some with a 13th digit in front (the ID a lost leading zero
        // leaves: the 'opaque' scheme keeps 13-digit IDs).
        const rows = crowd.map(([e, kind], i) =>
          kind === 0 ? { id: `9${String(i).padStart(11, '0')}`, formerIds: apply(base, e) } : kind === 1 ? { id: `0${apply(base, e)}` } : { id: apply(base, e) },
        );
        const ref = buildReference(rows, { idScheme: 'opaque' });
        const ids = [base, ...asks.map((e) => apply(base, e))];
        // Restored before the buckets were built (it builds its own), and after (they travel in the snapshot).
        const before = restoreReference(structuredClone(snapshotReference(ref, { shared: true })));
        for (const id of ids) expect(ref.findOneEditAway(id)).toEqual(slow(ref, id));
        const after = restoreReference(structuredClone(snapshotReference(ref, { shared: true })));
        expect(after.internals().derived.has('id:neighbours')).toBe(true);
        for (const id of ids) {
          expect(before.findOneEditAway(id)).toEqual(slow(ref, id));
          expect(after.findOneEditAway(id)).toEqual(slow(ref, id));
        }
      }),
      { numRuns: 300 },
    );
  });
});
