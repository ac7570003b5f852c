/**
 * Dates as found in Vietnamese registers (DOMAIN.md §5): day-month-year text in several spellings,
 * ISO, Excel serial numbers, two-digit years, and partial dates (year or month only) with their placeholders.
 * A date keeps its precision; nothing here ever invents a day or a month.
 */
import { isValid } from 'date-fns';
import type { PartialDate } from '../model/types.js';
import { toAsciiDigits } from './id.js';

/** Result of {@link parsePartialDate}: a date with its precision, or a typed failure. */
export type DateParseResult =
  | {
      readonly ok: true;
      readonly value: PartialDate;
      /** The date is 1 January, often a fill-in when only the year was known: match on the year with lower weight. */
      readonly placeholder?: true;
      /** Only with `dateOrder: 'auto'`: day and month were both ≤ 12 and differ, so day-month order was assumed. */
      readonly ambiguousOrder?: true;
    }
  | {
      readonly ok: false;
      /**
       * `empty`: no value; `invalid_date`: not a date; `impossible_date`: a day that does not exist
       * (31/02, 29/02 of a non-leap year — these occur on old civil-status papers); `out_of_range`: year outside the bounds.
       */
      readonly code: 'empty' | 'invalid_date' | 'impossible_date' | 'out_of_range';
      /** Explanation; never contains the input or its numbers. */
      readonly message: string;
    };

/** Options of {@link parsePartialDate}. */
export interface ParseDateOptions {
  /**
   * Order of day and month in text dates. `dmy` (default, Vietnamese), `mdy` (US), or `auto`:
   * day-month unless only month-day can be valid; flags `ambiguousOrder` when both readings are possible.
   */
  readonly dateOrder?: 'dmy' | 'mdy' | 'auto';
  /** Excel date system of numeric serials: 1900 (default, Windows) or 1904 (old Mac). */
  readonly excelEpoch?: 1900 | 1904;
  /** Earliest accepted year (default 1850). */
  readonly minYear?: number;
  /** Latest accepted year (default 2100). */
  readonly maxYear?: number;
  /** Two-digit years below the pivot are 20xx, the others 19xx, as in Excel (default 30). */
  readonly twoDigitYearPivot?: number;
}

type Failure = Extract<DateParseResult, { ok: false }>;

const DAY_MS = 86_400_000;
// Serial 0 of each Excel date system, as UTC milliseconds. The 1900 system counts a fictitious
// 29 Feb 1900 (serial 60), so from serial 61 on the effective origin is 30 Dec 1899.
const EPOCH_1900_LOW = Date.UTC(1899, 11, 31);
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
// 9999-12-31 in the 1900 system: Excel's own upper bound.
const MAX_SERIAL = 2_958_465;
// A bare integer in this window is a year, not a serial (serials 1850–2100 are dates in 1905).
const YEAR_WINDOW_MIN = 1850;
const YEAR_WINDOW_MAX = 2100;
const MAX_INPUT_LENGTH = 64;

const fail = (code: Failure['code'], message: string): Failure => ({ ok: false, code, message });
const INVALID = (): Failure => fail('invalid_date', 'value is not a recognised date format');

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a proleptic Gregorian year. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Builds a result from components, where 0 means "unknown" for day and month. */
function build(year: number, month: number, day: number, min: number, max: number, ambiguous = false): DateParseResult {
  if (year < min || year > max) return fail('out_of_range', 'year is outside the accepted range');
  if (month === 0) return { ok: true, value: { year } };
  if (month > 12) return fail('invalid_date', 'month is out of range (day and month may be in the other order)');
  if (day === 0) return { ok: true, value: { year, month } };
  if (day > 31) return fail('invalid_date', 'day is out of range');
  if (day > daysInMonth(year, month)) return fail('impossible_date', 'day does not exist in that month');
  const value: PartialDate = { year, month, day };
  if (day === 1 && month === 1) return ambiguous ? { ok: true, value, placeholder: true, ambiguousOrder: true } : { ok: true, value, placeholder: true };
  return ambiguous ? { ok: true, value, ambiguousOrder: true } : { ok: true, value };
}

function fromUtcMs(ms: number, min: number, max: number): DateParseResult {
  const d = new Date(ms);
  if (!isValid(d)) return fail('out_of_range', 'year is outside the accepted range');
  return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), min, max);
}

function fromSerial(serial: number, epoch: 1900 | 1904, min: number, max: number): DateParseResult {
  if (serial < 0) return fail('invalid_date', 'a date serial number cannot be negative');
  if (serial > MAX_SERIAL) return fail('out_of_range', 'year is outside the accepted range');
  // The fraction is the time of day.
  const days = Math.floor(serial);
  if (epoch === 1904) return fromUtcMs(EPOCH_1904 + days * DAY_MS, min, max);
  if (days === 0) return fail('invalid_date', 'that serial number is not a date in the Excel 1900 date system');
  if (days === 60) return fail('impossible_date', 'that serial number is the fictitious leap day of the Excel 1900 date system');
  return fromUtcMs((days < 60 ? EPOCH_1900_LOW : EPOCH_1900) + days * DAY_MS, min, max);
}

// A day or month that is unknown: "00", "0", "..", "x", "xx", "??", "--", "__", "**".
const PART = String.raw`(\d{1,2}|[x?_*.]{1,2}|-{1,2})`;
const DMY = new RegExp(String.raw`^${PART}([\/.\- ])${PART}\2(\d{4}|\d{2})$`);
const MY = new RegExp(String.raw`^${PART}([\/.\- ])(\d{4})$`);
const YMD = /^(\d{4})([\/.\-])(\d{1,2})\2(\d{1,2})$/;
const YM = /^(\d{4})([\/.\-])(\d{1,2})$/;
const NUMERIC = /^\d{1,5}(?:[.,]\d{1,12})?$/;
// A time of day after a full date ("1998-07-05T00:00:00Z", "05/07/1998 00:00:00", "… 12:00 AM").
const TIME = /[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?: ?[ap]m)?(?: ?(?:z|[+-]\d{2}(?::?\d{2})?))?$/;
const VI_DMY = new RegExp(String.raw`^(?:ngày|ngay) ?${PART} ?(?:tháng|thang) ?${PART} ?(?:năm|nam) ?(\d{4}|\d{2})$`);
const VI_MY = new RegExp(String.raw`^(?:tháng|thang) ?${PART} ?(?:năm|nam) ?(\d{4})$`);
const VI_Y = /^(?:năm|nam) ?(\d{4})$/;

function partValue(p: string): number {
  return /^\d+$/.test(p) ? Number(p) : 0;
}

function clean(s: string): string {
  return toAsciiDigits(s.normalize('NFC'))
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/^['‘’`]+/, '')
    .toLowerCase()
    // "05 / 07 / 1998" → "05/07/1998"
    .replace(/ ?([\/.\-]) ?/g, '$1')
    .trim();
}

/**
 * Parses a date cell into a {@link PartialDate}, keeping its precision (day, month or year).
 *
 * Accepts dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, d/m/yy, "ngày 05 tháng 07 năm 1998", ISO (with or without a time),
 * "03/1950", "1950-03", "1950", placeholders ("00/00/1950", "00/03/1950", "../../1950", "x/x/1950", "??/??/1950"),
 * Excel serial numbers (numbers, or numeric text from 61 on), and valid `Date` objects (read in UTC).
 * A bare integer 1850–2100 is a year; other integers are serials. Never throws.
 *
 * @param input - Cell value.
 * @param options - See {@link ParseDateOptions}.
 * @returns The date, or a failure with a code and a message free of the input.
 * @example
 * parsePartialDate('05/07/1998')
 * //=> { ok: true, value: { year: 1998, month: 7, day: 5 } }
 * parsePartialDate('00/03/1950')
 * //=> { ok: true, value: { year: 1950, month: 3 } }
 * parsePartialDate(35981)
 * //=> { ok: true, value: { year: 1998, month: 7, day: 5 } }
 */
const CLEAN_DMY = /^\d\d\/\d\d\/\d{4}$/;

export function parsePartialDate(input: unknown, options: ParseDateOptions = {}): DateParseResult {
  const min = options.minYear ?? 1850;
  const max = options.maxYear ?? 2100;
  const epoch = options.excelEpoch ?? 1900;
  if (input === undefined || input === null) return fail('empty', 'no date given');
  if (input instanceof Date) {
    if (!isValid(input)) return fail('invalid_date', 'the date object is not a valid date');
    return build(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate(), min, max);
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('invalid_date', 'value is not a finite number');
    if (Number.isInteger(input) && input >= YEAR_WINDOW_MIN && input <= YEAR_WINDOW_MAX) return build(input, 0, 0, min, max);
    return fromSerial(input, epoch, min, max);
  }
  if (typeof input !== 'string') return fail('invalid_date', 'value is neither text, a number nor a date');
  // Empty cells are most of an optional date column (death dates): no cleaning pass for them.
  if (input === '') return fail('empty', 'no date given');
  if (input.length > MAX_INPUT_LENGTH * 4) return INVALID();
  // The common export form "05/07/1998" is already clean: skip the cleaning pass (hot path).
  if (input.length === 10 && CLEAN_DMY.test(input)) {
    if (options.dateOrder !== undefined && options.dateOrder !== 'dmy') return parseText(input, options, min, max, epoch);
    // Same as the dd/mm/yyyy branch of parseText, without its regular expressions.
    const digit = (i: number): number => input.charCodeAt(i) - 48;
    const day = digit(0) * 10 + digit(1);
    const month = digit(3) * 10 + digit(4);
    const year = digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9);
    return build(year, month, day, min, max);
  }
  const s = clean(input);
  if (s === '') return fail('empty', 'no date given');
  if (s.length > MAX_INPUT_LENGTH) return INVALID();
  return parseText(s, options, min, max, epoch);
}

function parseText(text: string, options: ParseDateOptions, min: number, max: number, epoch: 1900 | 1904): DateParseResult {
  if (NUMERIC.test(text)) {
    const n = Number(text.replace(',', '.'));
    if (Number.isInteger(n) && n >= YEAR_WINDOW_MIN && n <= YEAR_WINDOW_MAX) return build(n, 0, 0, min, max);
    // Short numbers are more likely stray values than serials for January–February 1900.
    if (n < 61) return INVALID();
    return fromSerial(n, epoch, min, max);
  }
  let s = text;
  let m = VI_DMY.exec(s);
  if (m) s = `${m[1]}/${m[2]}/${m[3]}`;
  else if ((m = VI_MY.exec(s))) s = `${m[1]}/${m[2]}`;
  else if ((m = VI_Y.exec(s))) return build(Number(m[1]), 0, 0, min, max);

  const time = TIME.exec(s);
  const hadTime = time !== null;
  if (time) s = s.slice(0, time.index);

  if ((m = YMD.exec(s))) return build(Number(m[1]), Number(m[3]), Number(m[4]), min, max);
  if ((m = DMY.exec(s))) {
    const yearText = m[4] ?? '';
    const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), options.twoDigitYearPivot ?? 30) : Number(yearText);
    const first = partValue(m[1] ?? '');
    const second = partValue(m[3] ?? '');
    const order = options.dateOrder ?? 'dmy';
    if (order === 'mdy') return build(year, first, second, min, max);
    if (order === 'auto') {
      if (first >= 1 && first <= 12 && second > 12) return build(year, first, second, min, max);
      const ambiguous = first >= 1 && first <= 12 && second >= 1 && second <= 12 && first !== second;
      return build(year, second, first, min, max, ambiguous);
    }
    return build(year, second, first, min, max);
  }
  if (hadTime) return INVALID();
  if ((m = YM.exec(s))) return build(Number(m[1]), Number(m[3]), 0, min, max);
  if ((m = MY.exec(s))) return build(Number(m[3]), partValue(m[1] ?? ''), 0, min, max);
  if (/^\d{4}$/.test(s)) return build(Number(s), 0, 0, min, max);
  return INVALID();
}

function expandTwoDigitYear(yy: number, pivot: number): number {
  return yy < pivot ? 2000 + yy : 1900 + yy;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Formats a partial date the Vietnamese way, at its own precision.
 *
 * @param d - The date.
 * @returns "dd/mm/yyyy", "mm/yyyy" or "yyyy".
 * @example
 * formatPartialDate({ year: 1998, month: 7, day: 5 })
 * //=> '05/07/1998'
 * formatPartialDate({ year: 1950, month: 3 })
 * //=> '03/1950'
 */
export function formatPartialDate(d: PartialDate): string {
  if (d.month === undefined) return pad(d.year, 4);
  if (d.day === undefined) return `${pad(d.month, 2)}/${pad(d.year, 4)}`;
  return `${pad(d.day, 2)}/${pad(d.month, 2)}/${pad(d.year, 4)}`;
}

/**
 * Formats a partial date as ISO 8601 at its own precision.
 *
 * @param d - The date.
 * @returns "yyyy-mm-dd", "yyyy-mm" or "yyyy".
 * @example
 * toIsoPartial({ year: 1950, month: 3 })
 * //=> '1950-03'
 */
export function toIsoPartial(d: PartialDate): string {
  if (d.month === undefined) return pad(d.year, 4);
  if (d.day === undefined) return `${pad(d.year, 4)}-${pad(d.month, 2)}`;
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** A partial date as the closed interval of full dates it may stand for, as [y, m, d] triples. */
function bounds(d: PartialDate): { readonly lo: readonly [number, number, number]; readonly hi: readonly [number, number, number] } {
  if (d.month === undefined) return { lo: [d.year, 1, 1], hi: [d.year, 12, 31] };
  if (d.day === undefined) return { lo: [d.year, d.month, 1], hi: [d.year, d.month, daysInMonth(d.year, d.month)] };
  return { lo: [d.year, d.month, d.day], hi: [d.year, d.month, d.day] };
}

function cmp(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

const samePrecisionAndValue = (a: PartialDate, b: PartialDate): boolean => a.year === b.year && a.month === b.month && (a.month === undefined || a.day === b.day);

/**
 * Orders two partial dates when their precision allows it.
 *
 * @param a - First date.
 * @param b - Second date.
 * @returns -1 when `a` is surely before `b`, 1 when surely after, 0 when both are recorded identically
 *   (same precision and values), `undefined` when the precision leaves the order open (1950 vs 01/03/1950).
 * @example
 * comparePartialDateOrder({ year: 1950 }, { year: 1951, month: 1, day: 1 })
 * //=> -1
 * comparePartialDateOrder({ year: 1950 }, { year: 1950, month: 3, day: 1 })
 * //=> undefined
 */
export function comparePartialDateOrder(a: PartialDate, b: PartialDate): -1 | 0 | 1 | undefined {
  if (samePrecisionAndValue(a, b)) return 0;
  const x = bounds(a);
  const y = bounds(b);
  if (cmp(x.hi, y.lo) < 0) return -1;
  if (cmp(x.lo, y.hi) > 0) return 1;
  return undefined;
}

/**
 * Whether `a` is definitely strictly before `b`, whatever days the partial dates stand for.
 *
 * @param a - First date.
 * @param b - Second date.
 * @returns `true` only when every date `a` may stand for precedes every date `b` may stand for.
 * @example
 * isPartialDateBefore({ year: 1950, month: 3 }, { year: 1950, month: 4, day: 1 })
 * //=> true
 */
export function isPartialDateBefore(a: PartialDate, b: PartialDate): boolean {
  return comparePartialDateOrder(a, b) === -1;
}

function age(birth: readonly [number, number, number], on: readonly [number, number, number]): number {
  const beforeBirthday = on[1] < birth[1] || (on[1] === birth[1] && on[2] < birth[2]);
  return on[0] - birth[0] - (beforeBirthday ? 1 : 0);
}

/**
 * Age in completed years on a date, as a range covering every day the partial dates may stand for.
 * A negative bound means `on` may precede the birth.
 *
 * @param birth - Birth date.
 * @param on - The date the age is taken on.
 * @returns The smallest and largest possible age.
 * @example
 * ageOn({ year: 1950 }, { year: 2025, month: 7, day: 1 })
 * //=> { min: 74, max: 75 }
 */
export function ageOn(birth: PartialDate, on: PartialDate): { min: number; max: number } {
  const b = bounds(birth);
  const o = bounds(on);
  return { min: age(b.hi, o.lo), max: age(b.lo, o.hi) };
}
