/**
 * Personal ID numbers: cleaning what spreadsheets do to them, classifying them, and reading the
 * structure of the 12-digit personal ID (DOMAIN.md §1, §8 items 1–3).
 */
import type { Gender } from '../model/types.js';
import { provinceOfPrefix } from './provinces.js';

/** How the ID column is interpreted: Vietnamese personal IDs, or opaque keys compared as cleaned text. */
export type IdScheme = 'vn' | 'opaque';

/**
 * What a normalised ID looks like:
 * `personal-id` = 12 digits (CCCD, or a 12-digit CMND, which is the same number);
 * `cmnd` = 9 digits (an old ID card, a different number from the personal ID);
 * `other` = an opaque-scheme key, or another document such as a passport;
 * `invalid` = unusable.
 */
export type IdKind = 'personal-id' | 'cmnd' | 'other' | 'invalid';

/** Code of a problem found while normalising an ID. */
export type IdProblemCode = 'invalid_id' | 'scientific_notation' | 'restored_leading_zero' | 'wrong_length';

/** A cleaned ID with its kind, and the problem met on the way if any. */
export interface NormalisedId {
  /** The cleaned ID: ASCII digits for `personal-id`/`cmnd`, upper-cased text otherwise. */
  readonly value: string;
  readonly kind: IdKind;
  /** Set when the input was unusable, or (informational) when a lost leading zero was restored. */
  readonly problem?: { readonly code: IdProblemCode; readonly message: string };
}

/** Options of {@link normaliseId}. */
export interface NormaliseIdOptions {
  /** `vn` (default): Vietnamese personal IDs. `opaque`: any key, only trimmed, de-spaced and upper-cased. */
  readonly scheme?: IdScheme;
  /**
   * Restore the leading zero of an 11-digit number (every Vietnamese-province prefix starts with "0",
   * and Excel drops it). Default true; only meaningful for the `vn` scheme.
   */
  readonly restoreLeadingZeros?: boolean;
}

const DIGIT = /\p{Nd}/u;

/**
 * Replaces every Unicode decimal digit (full-width, Arabic-Indic, Devanagari, …) by its ASCII digit.
 *
 * @param s - Any string.
 * @returns The string with ASCII digits; other characters unchanged.
 * @example
 * toAsciiDigits('０７９１２３')
 * //=> '079123'
 */
export function toAsciiDigits(s: string): string {
  // Fast path: nothing outside ASCII.
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7f && DIGIT.test(ch)) {
      // Unicode guarantees decimal digits come in contiguous runs of 0–9 (some runs are adjacent,
      // e.g. the mathematical digits), so the value is the offset from the run start modulo 10.
      let start = cp;
      while (start > 0 && cp - start < 100 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
      out += String((cp - start) % 10);
    } else {
      out += ch;
    }
  }
  return out;
}

// Invisible characters that survive copy-paste from Word/Excel/web pages.
const ALL_DIGITS = /^\d+$/;
// Zero-width, BOM, soft hyphen and bidi marks: invisible in a spreadsheet, fatal to a digit check.
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d*)?e[+-]?\d+$/i;
const THOUSANDS = /^\d{1,3}(?:,\d{3})+$/;
const PASSPORT = /^[A-Z]\d{7,8}$/;

function problem(code: IdProblemCode, message: string, value: string, kind: IdKind = 'invalid'): NormalisedId {
  return { value, kind, problem: { code, message } };
}

function inputToText(input: unknown): string | NormalisedId | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === 'string') return input;
  if (typeof input === 'bigint') return input >= 0n ? input.toString() : problem('invalid_id', 'ID is a negative number', '');
  if (typeof input === 'number') {
    if (Number.isNaN(input)) return undefined;
    if (!Number.isFinite(input) || input < 0 || !Number.isInteger(input)) {
      return problem('invalid_id', 'ID is a number that cannot be an ID (negative, fractional or infinite)', '');
    }
    // Above 2^53 the number no longer holds every digit: same loss as scientific notation.
    if (!Number.isSafeInteger(input)) return problem('scientific_notation', 'ID is a number too large to hold every digit exactly', '');
    return String(input);
  }
  return problem('invalid_id', 'ID is neither text nor a number', '');
}

/**
 * Cleans an ID as found in a register and classifies it.
 *
 * For the `vn` scheme it strips spaces, dots, dashes, NBSP and invisible characters, an Excel apostrophe prefix
 * and a trailing ".0", turns Unicode digits into ASCII, flags scientific notation (digits irrecoverably lost),
 * and restores the leading zero of an 11-digit number. The ID itself is never auto-corrected beyond that.
 *
 * @param input - Cell value (string, number or bigint).
 * @param options - See {@link NormaliseIdOptions}.
 * @returns The normalised ID, or `undefined` when the cell is empty.
 * @example
 * normaliseId("'001 089 012 345")
 * //=> { value: '001089012345', kind: 'personal-id' }
 * normaliseId(79123456789)
 * //=> { value: '079123456789', kind: 'personal-id', problem: { code: 'restored_leading_zero', message: '…' } }
 */
export function normaliseId(input: unknown, options: NormaliseIdOptions = {}): NormalisedId | undefined {
  // Hot path: a clean 12- or 9-digit string, as almost every cell of an ID column is.
  if (typeof input === 'string' && options.scheme !== 'opaque' && (input.length === 12 || input.length === 9) && ALL_DIGITS.test(input)) {
    return { value: input, kind: input.length === 12 ? 'personal-id' : 'cmnd' };
  }
  if (input === '') return undefined;
  const text = inputToText(input);
  if (text === undefined || typeof text === 'object') return text;
  let s = toAsciiDigits(text.normalize('NFC').replace(INVISIBLE, '').replace(/\u00a0/g, ' ').trim());
  if (s === '') return undefined;
  if (options.scheme === 'opaque') {
    // Upper-casing can decompose ("ῒ" → "Ϊ̀"): compose again so the result normalises to itself.
    const value = s.replace(/\s+/g, '').toUpperCase().normalize('NFC');
    return { value, kind: 'other' };
  }
  // Excel's "treat as text" prefix.
  s = s.replace(/^['‘’`]+/, '').trim();
  if (s === '') return undefined;
  if (SCIENTIFIC.test(s.replace(/\s+/g, ''))) {
    return problem('scientific_notation', 'ID was saved in scientific notation; its digits are lost', s.replace(/\s+/g, '').toUpperCase());
  }
  // A number cell exported as "79123456789.0"; must go before dots are dropped as separators.
  // Four or more digits before the mark tell it from a thousands group ("079.123.456.000").
  if (/^\d{4,}[.,]0+$/.test(s)) s = s.replace(/[.,]0+$/, '');
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  const compact = s.replace(SEPARATORS, '').toUpperCase().normalize('NFC');
  if (compact === '') return problem('invalid_id', 'ID holds only separators', compact);
  if (/^\d+$/.test(compact)) {
    switch (compact.length) {
      case 12:
        return { value: compact, kind: 'personal-id' };
      case 9:
        return { value: compact, kind: 'cmnd' };
      case 11:
        if (options.restoreLeadingZeros !== false) {
          return problem('restored_leading_zero', 'a leading zero lost by a spreadsheet was restored', `0${compact}`, 'personal-id');
        }
        return problem('wrong_length', 'ID has 11 digits; a personal ID has 12', compact);
      default:
        return problem('wrong_length', 'ID has neither 12 digits (personal ID) nor 9 digits (old CMND)', compact);
    }
  }
  // A passport (letter + 7 digits) or similar document number in the ID column.
  if (PASSPORT.test(compact)) return { value: compact, kind: 'other' };
  return problem('invalid_id', 'ID contains characters other than digits', compact);
}

/** What the structure of a 12-digit personal ID says. */
export interface PersonalIdInfo {
  /** First three digits: the province (or country) where the birth was registered, e.g. `"001"`. */
  readonly provinceCode: string;
  /** Whether the prefix is one of the 63 province codes (otherwise abroad or unknown). */
  readonly provinceKnown: boolean;
  /** Short name of that pre-2025 province, when known. */
  readonly provinceName?: string;
  /** From digit 4 (even = male, odd = female). */
  readonly gender?: Gender;
  /** First year of the century of birth, from digit 4: 1900, 2000, … 2300. */
  readonly century?: number;
  /** `century` + digits 5–6. */
  readonly birthYear?: number;
}

/**
 * Reads the province, gender and birth year encoded in a 12-digit personal ID.
 * The structure is evidence, not truth: IDs with a wrong structure exist and are re-issued.
 *
 * @param id - A normalised 12-digit personal ID.
 * @returns The decoded information, or `undefined` when `id` is not 12 ASCII digits.
 * @example
 * analysePersonalId('087084000999')
 * //=> { provinceCode: '087', provinceKnown: true, provinceName: 'Đồng Tháp', gender: 'male', century: 1900, birthYear: 1984 }
 */
export function analysePersonalId(id: string): PersonalIdInfo | undefined {
  if (!/^\d{12}$/.test(id)) return undefined;
  const provinceCode = id.slice(0, 3);
  const province = provinceOfPrefix(provinceCode);
  const d4 = Number(id[3]);
  const century = 1900 + Math.floor(d4 / 2) * 100;
  const base = {
    provinceCode,
    provinceKnown: province !== undefined,
    gender: (d4 % 2 === 0 ? 'male' : 'female') as Gender,
    century,
    birthYear: century + Number(id.slice(4, 6)),
  };
  return province === undefined ? base : { ...base, provinceName: province.name };
}

/** A part of the personal-ID structure that disagrees with the record. */
export type IdInconsistency = 'gender' | 'birth-year' | 'century-digit';

/**
 * Compares the gender and birth year encoded in a 12-digit personal ID with the record's.
 * `century-digit` means digit 4 gives another century; `birth-year` means digits 5–6 differ from the year's last two.
 *
 * @param id - A normalised 12-digit personal ID (anything else yields no inconsistency).
 * @param facts - What the record says; absent facts are not checked.
 * @returns The inconsistencies found, empty when consistent.
 * @example
 * checkIdConsistency('001089012345', { gender: 'female', birthYear: 1989 })
 * //=> ['gender']
 */
export function checkIdConsistency(id: string, facts: { readonly gender?: Gender; readonly birthYear?: number }): readonly IdInconsistency[] {
  const info = analysePersonalId(id);
  if (info === undefined) return [];
  const found: IdInconsistency[] = [];
  if (facts.gender !== undefined && facts.gender !== info.gender) found.push('gender');
  const y = facts.birthYear;
  if (y !== undefined && Number.isInteger(y) && info.century !== undefined && info.birthYear !== undefined) {
    if (Math.floor(y / 100) * 100 !== info.century) found.push('century-digit');
    if (((y % 100) + 100) % 100 !== info.birthYear % 100) found.push('birth-year');
  }
  return found;
}

/**
 * Whether a 3-digit prefix is one of the 63 province codes of the personal ID.
 *
 * @param prefix - Three digits, e.g. the start of a personal ID.
 * @returns `true` for a known province prefix.
 * @example
 * isValidProvincePrefix('079')
 * //=> true
 * isValidProvincePrefix('003')
 * //=> false
 */
export function isValidProvincePrefix(prefix: string): boolean {
  return provinceOfPrefix(prefix) !== undefined;
}

/**
 * Every ID one typing error away from `id`: each character substituted (digits for a numeric ID, digits and
 * letters otherwise), each adjacent pair transposed, and a dropped leading zero restored; in that order,
 * without repeats and without `id` itself. 119 variants for a 12-digit ID.
 *
 * @example
 * oneEditVariants('12').includes('21') //=> true
 */
export function oneEditVariants(id: string): string[] {
  if (id.length === 0 || id.length > 40) return [];
  const alphabet = /^\d+$/.test(id) ? '0123456789' : '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const out = new Set<string>();
  for (let k = 0; k < id.length; k++) {
    for (const ch of alphabet) if (ch !== id[k]) out.add(id.slice(0, k) + ch + id.slice(k + 1));
  }
  for (let k = 0; k + 1 < id.length; k++) {
    if (id[k] !== id[k + 1]) out.add(id.slice(0, k) + id[k + 1] + id[k] + id.slice(k + 2));
  }
  out.add(`0${id}`);
  out.delete(id);
  return [...out];
}
