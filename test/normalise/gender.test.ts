import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGender, parseGender } from '../../src/normalise/gender.js';

describe('parseGender', () => {
  it.each([['Nam'], ['nam'], ['NAM'], [' Nam. '], ['M'], ['m'], ['male'], ['Male'], ['trai'], ['Con trai'], ['ông'], ['Ông'], ['nam giới']])(
    'reads %j as male',
    (s) => {
      expect(parseGender(s)).toEqual({ ok: true, value: 'male' });
    },
  );

  it.each([['Nữ'], ['nữ'], ['NỮ'], ['Nu'], ['nu'], ['F'], ['f'], ['female'], ['gái'], ['Gai'], ['bà'], ['Bà'], ['nữ giới'], ['Nữ'.normalize('NFD')]])(
    'reads %j as female',
    (s) => {
      expect(parseGender(s)).toEqual({ ok: true, value: 'female' });
    },
  );

  it('reads 1 as male and 0 as female by default', () => {
    expect(parseGender('1')).toEqual({ ok: true, value: 'male' });
    expect(parseGender(0)).toEqual({ ok: true, value: 'female' });
  });

  it('reads 1 as female and 0 as male when the column says so', () => {
    expect(parseGender(1, { numeric: '1-female' })).toEqual({ ok: true, value: 'female' });
    expect(parseGender('0', { numeric: '1-female' })).toEqual({ ok: true, value: 'male' });
  });

  it('returns an undefined value for an empty cell', () => {
    for (const v of [undefined, null, '', '  ', '\u00a0', Number.NaN]) expect(parseGender(v)).toEqual({ ok: true, value: undefined });
  });

  it('rejects booleans, ambiguous unaccented words and anything else', () => {
    for (const v of [true, false, 'ba', 'ong', 'x', '2', 2, 'Nguyễn Thị Lan', {}, []]) {
      expect(parseGender(v), String(v)).toEqual({ ok: false, code: 'invalid_gender', message: expect.any(String) });
    }
  });

  it('never echoes the input in its message', () => {
    const r = parseGender('Nguyễn Thị Lan');
    expect(!r.ok && r.message.includes('Nguyễn')).toBe(false);
  });

  it('is total on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'grapheme' })), (v) => {
        expect(typeof parseGender(v).ok).toBe('boolean');
      }),
    );
  });

  it('round-trips through its Vietnamese and English display forms', () => {
    for (const g of ['male', 'female'] as const) {
      expect(parseGender(formatGender(g))).toEqual({ ok: true, value: g });
      expect(parseGender(formatGender(g, 'en'))).toEqual({ ok: true, value: g });
    }
  });
});

describe('formatGender', () => {
  it('shows Nam/Nữ in Vietnamese and male/female in English', () => {
    expect(formatGender('male')).toBe('Nam');
    expect(formatGender('female')).toBe('Nữ');
    expect(formatGender('female', 'en')).toBe('female');
  });
});
