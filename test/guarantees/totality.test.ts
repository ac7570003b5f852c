// Promise "totality" (docs/guarantees.md): fast-check over arbitrary strings, Unicode, raw UTF-16 code
// units (lone surrogates) and arbitrary values for every normaliser and comparator: no throw, a result
// of the documented type, idempotence where promised, symmetry of the symmetric comparators.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cleanText,
  compareDates,
  compareNames,
  compareRecord,
  foldDiacritics,
  jaroWinkler,
  nameSkeleton,
  normaliseId,
  normaliseName,
  parseCitizenRow,
  parseCitizenStatus,
  parseGender,
  parsePartialDate,
  parseSectorRow,
  toAsciiDigits,
  unifyToneMarks,
  type PartialDate,
} from '../../src/index.js';

/** Runs per property; 24 properties × 1000 stay well under 10 s. */
export const NUM_RUNS = 1000;
const params = { numRuns: NUM_RUNS };

// Characters that exercise the Vietnamese paths: letters with tone marks, Đ, combining marks, invisible
// and look-alike characters, digits of other scripts, separators.
const VIET = [...'aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐÐðàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ'];
const ODD = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b', '\u200b', '\u200d', '\u202e', '\ufeff', '\u00a0', '\u3000', '\t', '\n', '\u0000', '０', '٣', '३', "'", '’', '.', '-', '/', ',', ' ', ' ', ' '];
const vietChar = fc.oneof(fc.constantFrom(...VIET), fc.constantFrom(...ODD), fc.constantFrom(...'nghtcmpqrsvxkldb0123456789'));
const vietString = fc.string({ unit: vietChar, maxLength: 40 });
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

/** Every kind of string: ASCII, graphemes, any code point, raw code units (lone surrogates), Vietnamese-like. */
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), codeUnits, vietString);
const dateLike = fc.oneof(
  anyString,
  fc.tuple(fc.integer({ min: -5, max: 40 }), fc.integer({ min: -5, max: 15 }), fc.integer({ min: -10, max: 10_000 }), fc.constantFrom('/', '-', '.', ' ', '')).map(([d, m, y, s]) => `${d}${s}${m}${s}${y}`),
);
const partialDate: fc.Arbitrary<PartialDate> = fc.record(
  { year: fc.integer({ min: 1000, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) },
  { requiredKeys: ['year'] },
).map((d) => (d.month === undefined ? { year: d.year } : d));
const FIELDS = ['key', 'citizenId', 'id', 'formerIds', 'fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode', 'address', 'status', 'deathDate', 'updatedAt', '__proto__', 'constructor', 'Ghi chú'];
const cell = fc.oneof(anyString, dateLike, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: false }), fc.array(anyString, { maxLength: 3 }), fc.anything());
const row = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), cell, { maxKeys: 10 }), fc.anything());

describe('text normalisers are total', () => {
  it('cleanText never throws and is idempotent', () => {
    fc.assert(fc.property(anyString, (s) => {
      const c = cleanText(s);
      expect(cleanText(c)).toBe(c);
    }), params);
  });

  it('foldDiacritics and toAsciiDigits never throw and return strings', () => {
    fc.assert(fc.property(anyString, (s) => {
      expect(typeof foldDiacritics(s)).toBe('string');
      expect(typeof toAsciiDigits(s)).toBe('string');
    }), params);
  });

  it('unifyToneMarks never throws and is idempotent', () => {
    fc.assert(fc.property(anyString, (s) => {
      const u = unifyToneMarks(s);
      expect(unifyToneMarks(u)).toBe(u);
    }), params);
  });

  it('normaliseName never throws, is idempotent on its display form, and agrees with nameSkeleton', () => {
    fc.assert(fc.property(anyString, (s) => {
      const n = normaliseName(s);
      expect(nameSkeleton(s)).toBe(n?.skeleton ?? '');
      if (n !== undefined) expect(normaliseName(n.display)?.display).toBe(n.display);
    }), params);
  });
});

describe('field parsers are total on any value', () => {
  it('parsePartialDate returns a typed result with a real date, for strings and any value', () => {
    fc.assert(fc.property(fc.oneof(dateLike, cell), fc.constantFrom('dmy', 'mdy', 'auto') , (v, dateOrder) => {
      const r = parsePartialDate(v, { dateOrder });
      if (!r.ok) return;
      const { year, month, day } = r.value;
      expect(Number.isInteger(year)).toBe(true);
      if (month !== undefined) expect(month >= 1 && month <= 12).toBe(true);
      if (day !== undefined) {
        expect(month).toBeDefined();
        expect(new Date(Date.UTC(2000, month! - 1, day)).getUTCDate()).toBe(day); // the day exists in that month (leap year 2000)
      }
    }), params);
  });

  it('parseGender and parseCitizenStatus return a typed result for any value', () => {
    fc.assert(fc.property(cell, (v) => {
      expect(typeof parseGender(v).ok).toBe('boolean');
      expect(typeof parseCitizenStatus(v).ok).toBe('boolean');
    }), params);
  });

  it('normaliseId never throws, and a usable ID normalises to itself', () => {
    fc.assert(fc.property(fc.oneof(cell, fc.bigInt()), fc.constantFrom('vn', 'opaque') , (v, scheme) => {
      const id = normaliseId(v, { scheme });
      if (id === undefined || id.kind === 'invalid') return;
      expect(normaliseId(id.value, { scheme })?.value).toBe(id.value);
    }), params);
  });

  it('parseSectorRow always returns one record with well-formed problems', () => {
    fc.assert(fc.property(row, fc.integer({ min: 1, max: 1e6 }), (r, n) => {
      const rec = parseSectorRow(r, n);
      expect(rec.row).toBe(n);
      expect(typeof rec.key).toBe('string');
      // A column with an empty header gives a problem on field '' (its name): a string, possibly empty.
      for (const p of rec.problems) expect(typeof p.field === 'string' && /^[a-z_]+$/.test(p.code)).toBe(true);
    }), params);
  });

  it('parseCitizenRow returns a citizen only with an ID, and problems otherwise', () => {
    fc.assert(fc.property(row, (r) => {
      const { citizen, problems } = parseCitizenRow(r);
      if (citizen === undefined) expect(problems.length).toBeGreaterThan(0);
      else expect(citizen.id.length).toBeGreaterThan(0);
    }), params);
  });
});

describe('comparators are total and symmetric', () => {
  it('jaroWinkler is in [0, 1], symmetric, and 1 on equal strings', () => {
    fc.assert(fc.property(anyString, anyString, (a, b) => {
      const s = jaroWinkler(a, b);
      expect(s >= 0 && s <= 1).toBe(true);
      expect(jaroWinkler(b, a)).toBe(s);
      expect(jaroWinkler(a, a)).toBe(a === '' ? jaroWinkler('', '') : 1);
    }), params);
  });

  it('compareNames is total and symmetric on any two names', () => {
    const name = fc.oneof(vietString, anyString).map(normaliseName).filter((n) => n !== undefined);
    fc.assert(fc.property(name, name, (a, b) => {
      expect(compareNames(b!, a!)).toEqual(compareNames(a!, b!));
    }), params);
  });

  it('compareDates is total and symmetric on any two partial dates, and exact on equal ones', () => {
    fc.assert(fc.property(partialDate, partialDate, (a, b) => {
      expect(compareDates(b, a)).toBe(compareDates(a, b));
      expect(compareDates(a, a)).toBe('exact');
    }), params);
  });

  it('compareRecord is total on any parsed record and citizen', () => {
    fc.assert(fc.property(row, row, (r, c) => {
      const citizen = parseCitizenRow(c).citizen;
      if (citizen === undefined) return;
      const { diffs } = compareRecord(parseSectorRow(r, 1), citizen);
      for (const d of diffs) expect(typeof d.kind).toBe('string');
    }), params);
  });
});
