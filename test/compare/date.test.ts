import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_LEVELS, compareDates } from '../../src/compare/date.js';
import type { PartialDate } from '../../src/model/types.js';

const d = (day: number, month: number, year: number): PartialDate => ({ year, month, day });

describe('compareDates', () => {
  it('finds equal dates of the same precision exact', () => {
    expect(compareDates(d(5, 7, 1998), d(5, 7, 1998))).toBe('exact');
    expect(compareDates({ year: 1950, month: 3 }, { year: 1950, month: 3 })).toBe('exact');
    expect(compareDates({ year: 1950 }, { year: 1950 })).toBe('exact');
  });

  it('finds a less precise date compatible with a full date inside it', () => {
    expect(compareDates({ year: 1950 }, d(12, 3, 1950))).toBe('partial-compatible');
    expect(compareDates({ year: 1950, month: 3 }, d(12, 3, 1950))).toBe('partial-compatible');
    expect(compareDates({ year: 1950 }, { year: 1950, month: 3 })).toBe('partial-compatible');
  });

  it('does not call a less precise date compatible when it does not contain the other', () => {
    expect(compareDates({ year: 1950, month: 4 }, d(12, 3, 1950))).toBe('year-only-match');
    expect(compareDates({ year: 1951 }, d(12, 3, 1950))).toBe('year-off-by-one');
  });

  it('finds day and month swapped (US order in Excel)', () => {
    expect(compareDates(d(5, 7, 1998), d(7, 5, 1998))).toBe('day-month-swapped');
  });

  it('finds a one-digit typo or an adjacent transposition', () => {
    expect(compareDates(d(12, 3, 1950), d(13, 3, 1950))).toBe('digit-typo');
    expect(compareDates(d(5, 7, 1998), d(5, 7, 1989))).toBe('digit-typo');
    expect(compareDates(d(21, 3, 1950), d(12, 3, 1950))).toBe('digit-typo');
    // two unrelated digits differ
    expect(compareDates(d(12, 3, 1950), d(14, 3, 1951))).toBe('different');
  });

  it('finds years one apart when day and month agree', () => {
    expect(compareDates(d(5, 7, 1999), d(5, 7, 2000))).toBe('year-off-by-one');
    expect(compareDates({ year: 1949 }, { year: 1950 })).toBe('year-off-by-one');
    expect(compareDates({ year: 1949, month: 12 }, d(31, 12, 1950))).toBe('year-off-by-one');
  });

  it('falls back to year-only-match, then different', () => {
    expect(compareDates(d(5, 7, 1998), d(20, 11, 1998))).toBe('year-only-match');
    expect(compareDates(d(5, 7, 1998), d(20, 11, 1960))).toBe('different');
  });

  it('lists the levels strongest first', () => {
    expect(DATE_LEVELS[0]).toBe('exact');
    expect(DATE_LEVELS.at(-1)).toBe('different');
    expect(new Set(DATE_LEVELS).size).toBe(7);
  });

  const partial = fc
    .record(
      { year: fc.integer({ min: 1948, max: 1952 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) },
      { requiredKeys: ['year'] },
    )
    .map((x): PartialDate => (x.month === undefined ? { year: x.year } : x.day === undefined ? { year: x.year, month: x.month } : d(x.day, x.month, x.year)));

  it('is symmetric', () => {
    fc.assert(
      fc.property(partial, partial, (a, b) => {
        expect(compareDates(a, b)).toBe(compareDates(b, a));
      }),
    );
  });

  it('finds every date exact with itself, and exact only for equal dates', () => {
    fc.assert(
      fc.property(partial, partial, (a, b) => {
        expect(compareDates(a, a)).toBe('exact');
        if (compareDates(a, b) === 'exact') expect(a).toEqual(b);
      }),
    );
  });

  it('never calls dates with different years partial-compatible', () => {
    fc.assert(
      fc.property(partial, partial, (a, b) => {
        if (compareDates(a, b) === 'partial-compatible') expect(a.year).toBe(b.year);
      }),
    );
  });
});
