import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_PARAMETERS,
  FIELD_LEVELS,
  FUZZY_FIELDS,
  buildReference,
  compareIds,
  matchWeight,
  mergeParameters,
  parseSectorRow,
  probabilityFromWeight,
  resolveFuzzyConfig,
  scoreCitizen,
  weightFromProbability,
} from '../../../src/index.js';
import { prepareRecord } from '../../../src/link/fuzzy/comparisons.js';

describe('the Fellegi–Sunter model', () => {
  it('gives every level of every field an m and a u, and m sums to one per field', () => {
    for (const f of FUZZY_FIELDS) {
      const levels = FIELD_LEVELS[f];
      expect(Object.keys(DEFAULT_PARAMETERS[f]).sort()).toEqual([...levels].sort());
      const sumM = levels.reduce((s, l) => s + DEFAULT_PARAMETERS[f][l]!.m, 0);
      expect(sumM, f).toBeCloseTo(1, 2);
    }
  });

  it('orders weights: a stronger agreement never weighs less than "different"', () => {
    for (const f of FUZZY_FIELDS) {
      const levels = FIELD_LEVELS[f];
      const last = matchWeight(DEFAULT_PARAMETERS[f][levels[levels.length - 1]!]!);
      expect(matchWeight(DEFAULT_PARAMETERS[f][levels[0]!]!)).toBeGreaterThan(last);
    }
  });

  it('maps weight to probability and back', () => {
    expect(probabilityFromWeight(0)).toBe(0.5);
    expect(matchWeight({ m: 0.9, u: 0.45 })).toBeCloseTo(1, 12);
    fc.assert(fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (w) => Math.abs(weightFromProbability(probabilityFromWeight(w)) - w) < 1e-3));
  });

  it('merges caller parameters over the defaults', () => {
    expect(mergeParameters({ gender: { agree: { u: 0.6 } } }).gender['agree']).toEqual({ m: 0.97, u: 0.6 });
  });
});

describe('comparison levels in the score', () => {
  const ref = buildReference([
    { id: '001089012345', fullName: 'Nguyễn Thị Thu Hà', birthDate: '05/07/1989', gender: 'Nữ', provinceCode: '01', communeCode: '00004', address: 'Thôn 3' },
  ]);
  const config = resolveFuzzyConfig({});
  const levelOf = (row: Record<string, unknown>, field: string): string | undefined =>
    scoreCitizen(ref, prepareRecord(ref, parseSectorRow(row, 1)), 0, config).evidence.find((e) => e.field === field)?.level;

  it.each([
    ['Nguyễn Thị Thu Hà', 'exact'],
    ['  NGUYỄN THỊ THU HÀ ', 'exact'],
    ['Nguyen Thi Thu Ha', 'diacritics'],
    ['Nguyễn Hà', 'middle-name'],
    ['Nguyễn T. Thu Hà', 'middle-name'],
    ['Thu Hà Nguyễn Thị', 'token-order'],
    ['Nguyễn Thị Thu Hằng', 'typo'],
    ['Trần Văn Bình', 'different'],
  ])('name %s → %s', (name, level) => {
    expect(levelOf({ fullName: name }, 'fullName')).toBe(level);
  });

  it.each([
    ['05/07/1989', 'exact'],
    ['1989', 'partial-compatible'],
    ['07/05/1989', 'day-month-swapped'],
    ['05/07/1990', 'year-off-by-one'],
    ['05/07/1980', 'digit-typo'],
    ['20/10/1989', 'year-only-match'],
    ['20/10/1950', 'different'],
  ])('birth date %s → %s', (date, level) => {
    expect(levelOf({ birthDate: date }, 'birthDate')).toBe(level);
  });

  it('compares gender, province, commune and address', () => {
    expect(levelOf({ gender: 'Nữ' }, 'gender')).toBe('agree');
    expect(levelOf({ gender: 'Nam' }, 'gender')).toBe('disagree');
    expect(levelOf({ provinceCode: '01' }, 'provinceCode')).toBe('agree');
    expect(levelOf({ provinceCode: '79' }, 'provinceCode')).toBe('disagree');
    expect(levelOf({ communeCode: '00004' }, 'communeCode')).toBe('agree');
    expect(levelOf({ address: 'thon 3' }, 'address')).toBe('similar');
    expect(levelOf({ address: 'Xóm 9' }, 'address')).toBe('different');
  });

  it('grades addresses by the Jaccard similarity of their word sets, for any addresses (repeated ones included)', () => {
    const word = fc.constantFrom('Thôn', 'thon', 'Xóm', '3', '12', 'Đông', 'dong', 'phố', 'Nguyễn', 'Trãi', 'khu', 'A', 'a');
    const address = fc.array(word, { minLength: 0, maxLength: 7 }).chain((ws) => fc.constantFrom(', ', ' ', '-').map((sep) => ws.join(sep)));
    const wordsOf = (s: string): Set<string> =>
      new Set(s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
    fc.assert(
      fc.property(fc.array(address, { minLength: 1, maxLength: 6 }), address, (addresses, mine) => {
        const citizens = addresses.map((a, k) => ({ id: `AB-${k}`, fullName: 'Trần An', birthDate: '1990-01-01', address: a }));
        const reference = buildReference(citizens, { idScheme: 'opaque' });
        const rec = prepareRecord(reference, parseSectorRow({ fullName: 'Trần An', address: mine }, 1));
        addresses.forEach((a, k) => {
          const level = scoreCitizen(reference, rec, k, config).evidence.find((e) => e.field === 'address')?.level;
          const x = wordsOf(mine);
          const y = wordsOf(a);
          const common = [...x].filter((t) => y.has(t)).length;
          const j = common / (x.size + y.size - common);
          const expected = x.size === 0 || y.size === 0 ? undefined : j >= 0.8 ? 'similar' : j >= 0.3 ? 'overlap' : 'different';
          expect(level, `${mine} / ${a}`).toBe(expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out fields either side lacks', () => {
    const e = scoreCitizen(ref, prepareRecord(ref, parseSectorRow({ fullName: 'Nguyễn Thị Thu Hà' }, 1)), 0, config).evidence;
    expect(e.map((x) => x.field)).toEqual(['prior', 'fullName']);
  });

  it('sums the evidence to the total weight', () => {
    const s = scoreCitizen(ref, prepareRecord(ref, parseSectorRow({ fullName: 'Nguyen Thi Ha', birthDate: '1989', gender: 'Nữ' }, 1)), 0, config);
    expect(s.evidence.reduce((a, e) => a + e.weight, 0)).toBeCloseTo(s.weight, 9);
  });

  it('reads ID levels: one edit, Vietnamese structure, different', () => {
    expect(compareIds('001089012354', ['001089012345'], 'vn')).toBe('one-edit');
    expect(compareIds('01089012345', ['001089012345'], 'vn')).toBe('one-edit');
    expect(compareIds('001089999999', ['001089012345'], 'vn')).toBe('same-prefix-year');
    expect(compareIds('079089999999', ['001089012345'], 'vn')).toBe('same-year');
    expect(compareIds('079190999999', ['001089012345'], 'vn')).toBe('different');
    expect(compareIds('025123456', ['001089012345'], 'vn')).toBeUndefined();
    expect(compareIds('AB12', ['AB21'], 'opaque')).toBe('one-edit');
  });

  it('reads the same ID level from the packed IDs of the name table as compareIds does on the strings (property)', () => {
    // IDs near each other: a base, then substitutions, neighbour swaps (across the middle too), a new tail or head.
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const edit = (id: string) =>
      fc.oneof(
        fc.constant(id),
        fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 9 })).map(([k, d]) => id.slice(0, k) + d + id.slice(k + 1)),
        fc.integer({ min: 0, max: 10 }).map((k) => id.slice(0, k) + id[k + 1] + id[k] + id.slice(k + 2)),
        fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })).map(([k, j]) => { const a = [...id]; [a[k], a[j]] = [a[j]!, a[k]!]; return a.join(''); }),
        fc.tuple(fc.integer({ min: 0, max: 10 }), digits(2)).map(([k, d]) => id.slice(0, k) + d + id.slice(k + 2)),
        fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 9 })).map(([k, d]) => id.slice(0, k) + d + id[k] + id.slice(k + 2)),
        digits(6).map((t) => id.slice(0, 6) + t),
        digits(3).map((t) => t + id.slice(3)),
        digits(12),
      );
    fc.assert(
      fc.property(digits(12).chain((base) => fc.tuple(fc.constant(base), fc.array(edit(base).chain((e) => fc.oneof(fc.constant(e), edit(e))), { minLength: 1, maxLength: 8 }))), fc.constantFrom<'vn' | 'opaque'>('vn', 'opaque'), ([base, others], scheme) => {
        const ids = [...new Set(others)];
        const reference = buildReference(ids.map((id) => ({ id, fullName: 'Trần An', birthDate: '1990' })), { idScheme: scheme });
        const rec = prepareRecord(reference, parseSectorRow({ citizenId: base, fullName: 'Trần An' }, 1, { idScheme: scheme }));
        ids.forEach((id, k) => {
          const level = scoreCitizen(reference, rec, k, config).evidence.find((e) => e.field === 'citizenId')?.level;
          expect(level, `${base} / ${id}`).toBe(compareIds(base, [id], scheme));
        });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('term-frequency adjustment', () => {
  // 1,200 citizens so frequencies are used: many Nguyễn Văn Hùng, one Lò Thị Ngát.
  const rows = Array.from({ length: 1200 }, (_, i) => ({
    id: `0010${String(i).padStart(8, '0')}`,
    fullName: i === 0 ? 'Lò Thị Ngát' : i % 2 === 0 ? 'Nguyễn Văn Hùng' : `Trần Văn ${i.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!)}`,
    birthDate: `${1 + (i % 28)}/${1 + (i % 12)}/19${50 + (i % 40)}`,
  }));
  const ref = buildReference(rows);
  const config = resolveFuzzyConfig({});
  const tf = (i: number): number =>
    scoreCitizen(ref, prepareRecord(ref, parseSectorRow({ fullName: rows[i]!.fullName }, 1)), i, config).evidence.find((e) => e.level === 'term-frequency')?.weight ?? 0;

  it('weighs agreement on a rare name more than on a common one', () => {
    expect(tf(0)).toBeGreaterThan(0);
    expect(tf(2)).toBeLessThan(0);
  });
});
