import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PartialDate } from '../../src/model/types.js';
import {
  ageOn,
  comparePartialDateOrder,
  formatPartialDate,
  isPartialDateBefore,
  parsePartialDate,
  toIsoPartial,
} from '../../src/normalise/date.js';

const full = (year: number, month: number, day: number): PartialDate => ({ year, month, day });
const ok = (value: PartialDate) => expect.objectContaining({ ok: true, value });
const err = (code: string) => expect.objectContaining({ ok: false, code });

describe('parsePartialDate: text formats', () => {
  it.each([
    ['05/07/1998'],
    ['5/7/1998'],
    ['05-07-1998'],
    ['05.07.1998'],
    ['05 / 07 / 1998'],
    [' 05/07/1998\u00a0'],
    ['1998-07-05'],
    ['1998/07/05'],
    ['1998-07-05T00:00:00Z'],
    ['1998-07-05T23:59:59.123+07:00'],
    ['05/07/1998 00:00:00'],
    ['ngày 05 tháng 07 năm 1998'],
    ['Ngày 5 tháng 7 năm 1998'],
    ['ngay 05 thang 07 nam 1998'],
    ['５/７/１９９８'],
    ["'05/07/1998"],
  ])('reads %j as 5 July 1998 (day-month order)', (s) => {
    expect(parsePartialDate(s)).toEqual({ ok: true, value: full(1998, 7, 5) });
  });

  it('reads two-digit years with the Excel pivot: 00–29 → 20xx, 30–99 → 19xx', () => {
    expect(parsePartialDate('12/05/45')).toEqual(ok(full(1945, 5, 12)));
    expect(parsePartialDate('1/2/29')).toEqual(ok(full(2029, 2, 1)));
    expect(parsePartialDate('1/2/30')).toEqual(ok(full(1930, 2, 1)));
    expect(parsePartialDate('12/05/45', { twoDigitYearPivot: 50 })).toEqual(ok(full(2045, 5, 12)));
  });

  it('keeps year-only precision for "1950" and its placeholders', () => {
    for (const s of ['1950', '00/00/1950', '../../1950', 'x/x/1950', 'X/X/1950', '??/??/1950', '0/0/1950', 'năm 1950']) {
      expect(parsePartialDate(s), s).toEqual({ ok: true, value: { year: 1950 } });
    }
  });

  it('keeps month precision for "03/1950", "1950-03", "00/03/1950" and "tháng 3 năm 1950"', () => {
    for (const s of ['03/1950', '3/1950', '1950-03', '00/03/1950', '../03/1950', 'tháng 3 năm 1950']) {
      expect(parsePartialDate(s), s).toEqual({ ok: true, value: { year: 1950, month: 3 } });
    }
  });

  it('flags 01/01 as a possible year-only placeholder', () => {
    expect(parsePartialDate('01/01/1950')).toEqual({ ok: true, value: full(1950, 1, 1), placeholder: true });
  });

  it('reads month-day order when asked', () => {
    expect(parsePartialDate('07/05/1998', { dateOrder: 'mdy' })).toEqual({ ok: true, value: full(1998, 7, 5) });
  });

  it('in auto order, flags day ≤ 12 and month ≤ 12 as ambiguous and assumes day-month', () => {
    expect(parsePartialDate('07/05/1998', { dateOrder: 'auto' })).toEqual({ ok: true, value: full(1998, 5, 7), ambiguousOrder: true });
    expect(parsePartialDate('25/05/1998', { dateOrder: 'auto' })).toEqual({ ok: true, value: full(1998, 5, 25) });
    expect(parsePartialDate('05/25/1998', { dateOrder: 'auto' })).toEqual({ ok: true, value: full(1998, 5, 25) });
    expect(parsePartialDate('05/05/1998', { dateOrder: 'auto' })).toEqual({ ok: true, value: full(1998, 5, 5) });
    // never flagged outside auto mode
    expect(parsePartialDate('07/05/1998')).toEqual({ ok: true, value: full(1998, 5, 7) });
  });
});

describe('parsePartialDate: Excel serials and Date objects', () => {
  it('reads serial 35981 as 5 July 1998 in the 1900 system', () => {
    expect(parsePartialDate(35981)).toEqual(ok(full(1998, 7, 5)));
    expect(parsePartialDate('35981')).toEqual(ok(full(1998, 7, 5)));
    expect(parsePartialDate(35981.75)).toEqual(ok(full(1998, 7, 5)));
    expect(parsePartialDate('35981,5')).toEqual(ok(full(1998, 7, 5)));
  });

  it('reads serial 34519 as 5 July 1998 in the 1904 system', () => {
    expect(parsePartialDate(34519, { excelEpoch: 1904 })).toEqual(ok(full(1998, 7, 5)));
    expect(parsePartialDate(0, { excelEpoch: 1904, minYear: 1900 })).toEqual(ok(full(1904, 1, 1)));
  });

  it('handles the 1900 leap-year bug around serial 60', () => {
    const opts = { minYear: 1899 };
    expect(parsePartialDate(1, opts)).toEqual({ ok: true, value: full(1900, 1, 1), placeholder: true });
    expect(parsePartialDate(59, opts)).toEqual(ok(full(1900, 2, 28)));
    expect(parsePartialDate(60, opts)).toEqual(err('impossible_date'));
    expect(parsePartialDate(61, opts)).toEqual(ok(full(1900, 3, 1)));
    expect(parsePartialDate(0, opts)).toEqual(err('invalid_date'));
  });

  it('treats a bare integer 1850–2100 as a year and a 5-digit number as a serial', () => {
    expect(parsePartialDate(1950)).toEqual({ ok: true, value: { year: 1950 } });
    expect(parsePartialDate('2100')).toEqual({ ok: true, value: { year: 2100 } });
    expect(parsePartialDate(10000, { minYear: 1900 })).toEqual(ok(full(1927, 5, 18)));
  });

  it('rejects short numeric text that is unlikely to be a serial', () => {
    expect(parsePartialDate('12')).toEqual(err('invalid_date'));
    expect(parsePartialDate('0')).toEqual(err('invalid_date'));
  });

  it('reads valid Date objects with UTC getters and rejects invalid ones', () => {
    expect(parsePartialDate(new Date(Date.UTC(1998, 6, 5)))).toEqual(ok(full(1998, 7, 5)));
    expect(parsePartialDate(new Date(Number.NaN))).toEqual(err('invalid_date'));
  });

  it('rejects negative, infinite and absurdly large numbers', () => {
    expect(parsePartialDate(-5)).toEqual(err('invalid_date'));
    expect(parsePartialDate(Number.POSITIVE_INFINITY)).toEqual(err('invalid_date'));
    expect(parsePartialDate(1e12)).toEqual(err('out_of_range'));
  });
});

describe('parsePartialDate: failures', () => {
  it('reports empty cells as empty', () => {
    for (const v of [undefined, null, '', '   ', '\u00a0']) expect(parsePartialDate(v)).toEqual(err('empty'));
  });

  it.each([['31/02/2000'], ['30/02/2000'], ['29/02/2001'], ['31/04/1975'], ['31/06/1980'], ['31/09/1990'], ['31/11/1960'], ['1900-02-29']])(
    'rejects the impossible legacy date %j as impossible_date',
    (s) => {
      expect(parsePartialDate(s)).toEqual(err('impossible_date'));
    },
  );

  it('accepts 29 February in leap years, including 2000', () => {
    expect(parsePartialDate('29/02/2000')).toEqual(ok(full(2000, 2, 29)));
    expect(parsePartialDate('29/02/1996')).toEqual(ok(full(1996, 2, 29)));
  });

  it.each([['abc'], ['32/01/2000'], ['12/25/1998'], ['1998-13-01'], ['05/07'], ['05/07/998'], ['hôm qua'], [true], [{}], [[1998]], ['1950 12:00']])(
    'rejects %j as invalid_date',
    (v) => {
      expect(parsePartialDate(v)).toEqual(err('invalid_date'));
    },
  );

  it('rejects years outside the bounds as out_of_range', () => {
    expect(parsePartialDate('05/07/1700')).toEqual(err('out_of_range'));
    expect(parsePartialDate('05/07/2200')).toEqual(err('out_of_range'));
    expect(parsePartialDate('05/07/1998', { maxYear: 1990 })).toEqual(err('out_of_range'));
    expect(parsePartialDate('00/00/0000')).toEqual(err('out_of_range'));
  });

  it('never echoes the input or its numbers in a message', () => {
    for (const v of ['31/02/2000', '12/25/1998', '32/01/1998', 'Nguyễn Văn An', '05/07/1700', '60', 60, 0, -3, 1e12]) {
      const r = parsePartialDate(v, { minYear: 1899 });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message.replace('1900 date system', '')).not.toMatch(/\d|Nguyễn/);
    }
  });
});

describe('parsePartialDate: properties', () => {
  const partialDate = fc.oneof(
    fc.integer({ min: 1850, max: 2100 }).map((year): PartialDate => ({ year })),
    fc.record({ year: fc.integer({ min: 1850, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) }),
    fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map(
      (d): PartialDate => full(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
    ),
  );

  it('is total: never throws on arbitrary strings and always returns a typed result', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[\d\/.\- x?]{0,14}$/)), (s) => {
        const r = parsePartialDate(s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('is total on arbitrary values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.double(), fc.date()), (v) => {
        expect(typeof parsePartialDate(v).ok).toBe('boolean');
      }),
    );
  });

  it('round-trips: parsing the Vietnamese and ISO formats of a date gives the date back', () => {
    fc.assert(
      fc.property(partialDate, (d) => {
        expect(parsePartialDate(formatPartialDate(d))).toEqual(expect.objectContaining({ ok: true, value: d }));
        expect(parsePartialDate(toIsoPartial(d))).toEqual(expect.objectContaining({ ok: true, value: d }));
      }),
    );
  });

  it('returns only real calendar dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1850, max: 2100 }), (d, m, y) => {
        const r = parsePartialDate(`${d}/${m}/${y}`);
        if (r.ok && r.value.day !== undefined && r.value.month !== undefined) {
          const js = new Date(Date.UTC(y, r.value.month - 1, r.value.day));
          expect(js.getUTCDate()).toBe(r.value.day);
        }
      }),
    );
  });

  it('returns in bounded time on long adversarial input', () => {
    const s = `${'0/'.repeat(5000)}x`;
    expect(parsePartialDate(s)).toEqual(err('invalid_date'));
    expect(parsePartialDate(`ngày${' 1'.repeat(30)}`)).toEqual(err('invalid_date'));
  });
});

describe('formatting', () => {
  it('formats at the date\'s own precision', () => {
    expect(formatPartialDate(full(1998, 7, 5))).toBe('05/07/1998');
    expect(formatPartialDate({ year: 1950, month: 3 })).toBe('03/1950');
    expect(formatPartialDate({ year: 1950 })).toBe('1950');
    expect(toIsoPartial(full(1998, 7, 5))).toBe('1998-07-05');
    expect(toIsoPartial({ year: 1950, month: 3 })).toBe('1950-03');
    expect(toIsoPartial({ year: 1950 })).toBe('1950');
  });
});

describe('ordering and age', () => {
  it('orders dates when precision allows and says undefined otherwise', () => {
    expect(comparePartialDateOrder({ year: 1950 }, full(1950, 3, 1))).toBeUndefined();
    expect(comparePartialDateOrder({ year: 1950, month: 3 }, full(1950, 3, 31))).toBeUndefined();
    expect(comparePartialDateOrder({ year: 1950, month: 3 }, full(1950, 4, 1))).toBe(-1);
    expect(comparePartialDateOrder(full(1951, 1, 1), { year: 1950 })).toBe(1);
    expect(comparePartialDateOrder({ year: 1950 }, { year: 1950 })).toBe(0);
    expect(comparePartialDateOrder(full(1998, 7, 5), full(1998, 7, 5))).toBe(0);
    expect(comparePartialDateOrder(full(1998, 7, 5), full(1998, 7, 6))).toBe(-1);
  });

  it('says a date is before another only when it surely is', () => {
    expect(isPartialDateBefore({ year: 1950 }, { year: 1951 })).toBe(true);
    expect(isPartialDateBefore({ year: 1950 }, full(1950, 12, 31))).toBe(false);
    expect(isPartialDateBefore(full(1950, 12, 31), { year: 1950 })).toBe(false);
  });

  it('is antisymmetric', () => {
    const pd = fc.record(
      { year: fc.integer({ min: 1948, max: 1952 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) },
      { requiredKeys: ['year'] },
    ).map((d): PartialDate => (d.month === undefined ? { year: d.year } : d.day === undefined ? { year: d.year, month: d.month } : full(d.year, d.month, d.day)));
    fc.assert(
      fc.property(pd, pd, (a, b) => {
        const ab = comparePartialDateOrder(a, b);
        const ba = comparePartialDateOrder(b, a);
        if (ab === undefined) expect(ba).toBeUndefined();
        else expect(ba).toBe(ab === 0 ? 0 : -ab);
      }),
    );
  });

  it('gives the age range in whole years', () => {
    expect(ageOn(full(1984, 7, 5), full(2025, 7, 4))).toEqual({ min: 40, max: 40 });
    expect(ageOn(full(1984, 7, 5), full(2025, 7, 5))).toEqual({ min: 41, max: 41 });
    expect(ageOn({ year: 1950 }, full(2025, 7, 1))).toEqual({ min: 74, max: 75 });
    expect(ageOn({ year: 1950 }, { year: 2025 })).toEqual({ min: 74, max: 75 });
    expect(ageOn({ year: 1950, month: 3 }, full(2025, 3, 15))).toEqual({ min: 74, max: 75 });
    expect(ageOn(full(2000, 2, 29), full(2001, 2, 28))).toEqual({ min: 0, max: 0 });
  });
});

describe('the dd/mm/yyyy fast path', () => {
  it('reads exactly like the general parser', () => {
    const parse = parsePartialDate;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 1800, max: 2150 }), (d, m, y) => {
        const text = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
        // A leading space sends the same text down the general path.
        expect(parse(text)).toEqual(parse(` ${text}`));
        expect(parse(text, { dateOrder: 'auto' })).toEqual(parse(` ${text}`, { dateOrder: 'auto' }));
      }),
      { numRuns: 2000 },
    );
  });
});
