import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analysePersonalId,
  checkIdConsistency,
  isValidProvincePrefix,
  normaliseId,
  toAsciiDigits,
} from '../../src/normalise/id.js';
import { PROVINCES_2025, PROVINCES_PRE_2025, provinceCode2025, provinceOfPrefix } from '../../src/normalise/provinces.js';

describe('normaliseId (vn scheme)', () => {
  it.each([
    ['001089012345'],
    ['001 089 012 345'],
    ['001.089.012.345'],
    ['001-089-012-345'],
    ['001\u00a0089\u00a0012\u00a0345'],
    ["'001089012345"],
    ['\ufeff001089012345\u200b'],
    ['００１０８９０１２３４５'],
    ['٠٠١٠٨٩٠١٢٣٤٥'],
  ])('cleans %j to the 12-digit personal ID', (s) => {
    expect(normaliseId(s)).toEqual({ value: '001089012345', kind: 'personal-id' });
  });

  it('recognises a 9-digit old CMND', () => {
    expect(normaliseId('025 123 456')).toEqual({ value: '025123456', kind: 'cmnd' });
  });

  it('restores the leading zero Excel dropped from an 11-digit number, and says so', () => {
    for (const v of [79123456789, '79123456789', '79123456789.0', '79123456789,00']) {
      const r = normaliseId(v);
      expect(r, String(v)).toMatchObject({ value: '079123456789', kind: 'personal-id', problem: { code: 'restored_leading_zero' } });
    }
  });

  it('leaves 11 digits alone when restoring is switched off', () => {
    expect(normaliseId('79123456789', { restoreLeadingZeros: false })).toMatchObject({ kind: 'invalid', problem: { code: 'wrong_length' } });
  });

  it('does not take a dotted thousands group ending in 000 for a decimal ".0"', () => {
    expect(normaliseId('079.123.456.000')).toEqual({ value: '079123456000', kind: 'personal-id' });
    expect(normaliseId('1,089,012,345')).toMatchObject({ value: '1089012345', kind: 'invalid', problem: { code: 'wrong_length' } });
  });

  it('flags scientific notation as unusable: the digits are lost', () => {
    for (const s of ['7.91235E+10', '7,91235e+10', '1E+11']) {
      expect(normaliseId(s), s).toMatchObject({ kind: 'invalid', problem: { code: 'scientific_notation' } });
    }
    expect(normaliseId(2 ** 60)).toMatchObject({ kind: 'invalid', problem: { code: 'scientific_notation' } });
  });

  it('converts numbers without an exponent', () => {
    expect(normaliseId(1089012345)).toMatchObject({ value: '1089012345', kind: 'invalid', problem: { code: 'wrong_length' } });
    expect(normaliseId(123456789012)).toEqual({ value: '123456789012', kind: 'personal-id' });
    expect(normaliseId(25123456n)).toMatchObject({ value: '25123456', problem: { code: 'wrong_length' } });
  });

  it('treats a 10-digit number (a BHXH code, or an ID that lost two zeros) as the wrong length', () => {
    expect(normaliseId('0123456789')).toMatchObject({ kind: 'invalid', problem: { code: 'wrong_length' } });
  });

  it('keeps a passport number as another kind of ID', () => {
    expect(normaliseId('c1234567')).toEqual({ value: 'C1234567', kind: 'other' });
  });

  it('rejects letters and other junk as invalid_id', () => {
    for (const v of ['HS4010120878811', 'không có', '---', 1.5, -3, Number.POSITIVE_INFINITY, true, {}]) {
      expect(normaliseId(v), String(v)).toMatchObject({ kind: 'invalid', problem: { code: 'invalid_id' } });
    }
  });

  it('returns undefined for an empty cell', () => {
    for (const v of [undefined, null, '', '   ', "'", '\u00a0', Number.NaN]) expect(normaliseId(v)).toBeUndefined();
  });

  it('never echoes the input in a problem message', () => {
    for (const v of ['7.91235E+10', '79123456789', 'Nguyễn 0123', '0123456789']) {
      const msg = normaliseId(v)?.problem?.message ?? '';
      expect(msg).not.toContain('791');
      expect(msg).not.toContain('0123');
      expect(msg).not.toContain('Nguyễn');
    }
  });
});

describe('normaliseId (opaque scheme)', () => {
  it('trims, removes whitespace and upper-cases', () => {
    expect(normaliseId('  hs 4 01 0120878811 ', { scheme: 'opaque' })).toEqual({ value: 'HS4010120878811', kind: 'other' });
    expect(normaliseId('   ', { scheme: 'opaque' })).toBeUndefined();
  });

  it('normalises to itself when upper-casing decomposes a letter (found by the totality property)', () => {
    for (const scheme of ['opaque', 'vn'] as const) {
      const once = normaliseId('ῒ', { scheme })!.value;
      expect(once).toBe(once.normalize('NFC'));
      expect(normaliseId(once, { scheme })!.value).toBe(once);
    }
  });
});

describe('normaliseId: properties', () => {
  it('is total on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'grapheme' }), fc.double()), (v) => {
        const r = normaliseId(v);
        if (r !== undefined) expect(['personal-id', 'cmnd', 'other', 'invalid']).toContain(r.kind);
      }),
    );
  });

  it('is idempotent on valid IDs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 .\-]{1,20}$/), (s) => {
        const r = normaliseId(s);
        if (r !== undefined && r.kind !== 'invalid') expect(normaliseId(r.value)).toEqual({ value: r.value, kind: r.kind });
      }),
    );
  });

  it('classifies digits by length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,15}$/), (s) => {
        const kind = normaliseId(s)?.kind;
        const expected = s.length === 12 || s.length === 11 ? 'personal-id' : s.length === 9 ? 'cmnd' : 'invalid';
        expect(kind).toBe(expected);
      }),
    );
  });
});

describe('toAsciiDigits', () => {
  it('maps digits of other scripts and leaves the rest alone', () => {
    expect(toAsciiDigits('０７９１２３')).toBe('079123');
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('०१२')).toBe('012');
    expect(toAsciiDigits('𝟎𝟏𝟗 𝟘𝟙')).toBe('019 01');
    expect(toAsciiDigits('Đồng Tháp 87')).toBe('Đồng Tháp 87');
  });
});

describe('analysePersonalId', () => {
  it('reads Đồng Tháp, male, born 1984 from 087084000999', () => {
    expect(analysePersonalId('087084000999')).toEqual({
      provinceCode: '087',
      provinceKnown: true,
      provinceName: 'Đồng Tháp',
      gender: 'male',
      century: 1900,
      birthYear: 1984,
    });
  });

  it('reads the century and gender from digit 4', () => {
    expect(analysePersonalId('001189012345')).toMatchObject({ gender: 'female', century: 1900, birthYear: 1989 });
    expect(analysePersonalId('079205012345')).toMatchObject({ gender: 'male', century: 2000, birthYear: 2005 });
    expect(analysePersonalId('079310012345')).toMatchObject({ gender: 'female', century: 2000, birthYear: 2010 });
    expect(analysePersonalId('079400012345')).toMatchObject({ gender: 'male', century: 2100 });
    expect(analysePersonalId('079900012345')).toMatchObject({ gender: 'female', century: 2300 });
  });

  it('marks an unknown prefix (e.g. a birth registered abroad) without a province name', () => {
    const info = analysePersonalId('003084000999');
    expect(info).toMatchObject({ provinceCode: '003', provinceKnown: false });
    expect(info).not.toHaveProperty('provinceName');
  });

  it('returns undefined for anything but 12 ASCII digits', () => {
    for (const s of ['08708400099', '0870840009991', '08708400099x', '０８７０８４０００９９９', '']) expect(analysePersonalId(s)).toBeUndefined();
  });
});

describe('checkIdConsistency', () => {
  it('flags a female record on an ID whose digit 4 says male', () => {
    expect(checkIdConsistency('001089012345', { gender: 'female' })).toEqual(['gender']);
  });

  it('accepts a record that fits the ID', () => {
    expect(checkIdConsistency('087084000999', { gender: 'male', birthYear: 1984 })).toEqual([]);
    expect(checkIdConsistency('087084000999', {})).toEqual([]);
  });

  it('flags a birth year that differs in the last two digits', () => {
    expect(checkIdConsistency('087084000999', { birthYear: 1985 })).toEqual(['birth-year']);
  });

  it('flags a century mismatch, e.g. a two-digit year expanded to 2045 for someone born 1945', () => {
    expect(checkIdConsistency('001045012345', { birthYear: 2045 })).toEqual(['century-digit']);
    expect(checkIdConsistency('001045012345', { gender: 'female', birthYear: 2050 })).toEqual(['gender', 'century-digit', 'birth-year']);
  });

  it('checks nothing on a non-personal ID', () => {
    expect(checkIdConsistency('025123456', { gender: 'female', birthYear: 1950 })).toEqual([]);
  });
});

describe('provinces', () => {
  it('holds the 63 pre-2025 provinces and the 34 of 2025', () => {
    expect(PROVINCES_PRE_2025).toHaveLength(63);
    expect(PROVINCES_2025).toHaveLength(34);
    expect(new Set(PROVINCES_PRE_2025.map((p) => p.cccdPrefix)).size).toBe(63);
  });

  it('maps every old province to an existing 2025 province', () => {
    const codes = new Set(PROVINCES_2025.map((p) => p.code));
    for (const p of PROVINCES_PRE_2025) {
      expect(codes.has(p.code2025), p.name).toBe(true);
      expect(p.name2025).not.toBe('');
    }
  });

  it('stores names in NFC with diacritics', () => {
    for (const p of [...PROVINCES_PRE_2025, ...PROVINCES_2025]) expect(p.name).toBe(p.name.normalize('NFC'));
    expect(provinceOfPrefix('001')?.name).toBe('Hà Nội');
    expect(provinceOfPrefix('079')?.name).toBe('Hồ Chí Minh');
    expect(provinceOfPrefix('048')?.name).toBe('Đà Nẵng');
    expect(provinceOfPrefix('096')?.name).toBe('Cà Mau');
  });

  it('knows where provinces merged in 2025', () => {
    expect(provinceOfPrefix('002')).toMatchObject({ code: '02', name: 'Hà Giang', code2025: '08', name2025: 'Tuyên Quang' });
    expect(provinceCode2025('02')).toBe('08');
    expect(provinceCode2025('002')).toBe('08');
    expect(provinceCode2025('87')).toBe('82');
    expect(provinceCode2025('99')).toBeUndefined();
  });

  it('validates 3-digit prefixes', () => {
    expect(isValidProvincePrefix('087')).toBe(true);
    expect(isValidProvincePrefix('003')).toBe(false);
    expect(isValidProvincePrefix('87')).toBe(false);
  });
});
