/**
 * Comparison levels for birth dates, strongest first (Splink-style ordered levels).
 * Partial dates are compared at their common precision; a missing day or month is never invented.
 */
import type { PartialDate } from '../model/types.js';

/**
 * How two dates agree:
 * `exact` same precision and values; `partial-compatible` one is less precise and contains the other;
 * `day-month-swapped` both full, same year, day and month exchanged; `digit-typo` both full and their ddmmyyyy
 * forms differ in one digit or one adjacent transposition; `year-off-by-one` equal at the common precision except
 * a year one apart; `year-only-match` same year, otherwise different; `different` anything else.
 */
export type DateLevel = 'exact' | 'partial-compatible' | 'day-month-swapped' | 'digit-typo' | 'year-off-by-one' | 'year-only-match' | 'different';

/** All date levels, strongest first: the order in which {@link compareDates} tests them. */
export const DATE_LEVELS: readonly DateLevel[] = ['exact', 'partial-compatible', 'day-month-swapped', 'digit-typo', 'year-off-by-one', 'year-only-match', 'different'];

const precision = (d: PartialDate): 0 | 1 | 2 => (d.month === undefined ? 0 : d.day === undefined ? 1 : 2);

const digits = (d: PartialDate): string =>
  `${String(d.day ?? 0).padStart(2, '0')}${String(d.month ?? 0).padStart(2, '0')}${String(d.year).padStart(4, '0')}`;

/** One substitution, or one transposition of adjacent characters, between equal-length strings. */
function oneDigitApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      diff.push(i);
      if (diff.length > 2) return false;
    }
  }
  if (diff.length === 1) return true;
  const [i, j] = diff;
  return i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/**
 * Compares two (possibly partial) dates and returns the strongest level that holds. Symmetric.
 *
 * @param a - First date.
 * @param b - Second date.
 * @returns The comparison level.
 * @example
 * compareDates({ year: 1950 }, { year: 1950, month: 3, day: 12 })
 * //=> 'partial-compatible'
 * compareDates({ year: 1998, month: 7, day: 5 }, { year: 1998, month: 5, day: 7 })
 * //=> 'day-month-swapped'
 */
export function compareDates(a: PartialDate, b: PartialDate): DateLevel {
  const pa = precision(a);
  const pb = precision(b);
  const common = Math.min(pa, pb);
  // Equal on every component both dates have.
  const agreeAtCommon = (withYear: boolean): boolean =>
    (!withYear || a.year === b.year) && (common < 1 || a.month === b.month) && (common < 2 || a.day === b.day);

  if (agreeAtCommon(true)) return pa === pb ? 'exact' : 'partial-compatible';
  if (pa === 2 && pb === 2) {
    if (a.year === b.year && a.day === b.month && a.month === b.day) return 'day-month-swapped';
    if (oneDigitApart(digits(a), digits(b))) return 'digit-typo';
  }
  if (agreeAtCommon(false) && Math.abs(a.year - b.year) === 1) return 'year-off-by-one';
  if (a.year === b.year) return 'year-only-match';
  return 'different';
}
