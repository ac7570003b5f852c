/**
 * Gender cells: "Nam/Nữ", "Nam/Nu", "M/F", "1/0", "trai/gái", "ông/bà" (DOMAIN.md §8 item 17).
 * Which way round "1"/"0" go differs between forms; the caller decides per column.
 */
import { memoizeText } from './memo.js';
import type { Gender } from '../model/types.js';

/** Result of {@link parseGender}: a gender, `undefined` for an empty cell, or a typed failure. */
export type GenderParseResult =
  | { readonly ok: true; readonly value: Gender }
  | { readonly ok: true; readonly value: undefined }
  | { readonly ok: false; readonly code: 'invalid_gender'; readonly message: string };

/** Options of {@link parseGender}. */
export interface ParseGenderOptions {
  /** Meaning of "1"/"0": `1-male` (default: 1 = Nam, 0 = Nữ) or `1-female`. */
  readonly numeric?: '1-male' | '1-female';
}

// Unaccented "ba" (father, three) and "ong" (bee) are left out: too ambiguous.
const WORDS: Readonly<Record<string, Gender>> = {
  nam: 'male',
  'nam giới': 'male',
  'nam gioi': 'male',
  trai: 'male',
  'con trai': 'male',
  ông: 'male',
  m: 'male',
  male: 'male',
  man: 'male',
  nữ: 'female',
  nu: 'female',
  'nữ giới': 'female',
  'nu gioi': 'female',
  gái: 'female',
  gai: 'female',
  'con gái': 'female',
  'con gai': 'female',
  bà: 'female',
  f: 'female',
  female: 'female',
  woman: 'female',
};

const INVALID: GenderParseResult = { ok: false, code: 'invalid_gender', message: 'value is not a recognised gender' };

/**
 * Parses a gender cell. Booleans are rejected: their meaning depends on the column.
 *
 * @param input - Cell value (text, or the numbers 0 and 1).
 * @param options - See {@link ParseGenderOptions}.
 * @returns The gender, `{ ok: true, value: undefined }` for an empty cell, or `invalid_gender`.
 * @example
 * parseGender('NỮ')
 * //=> { ok: true, value: 'female' }
 * parseGender('1', { numeric: '1-female' })
 * //=> { ok: true, value: 'female' }
 */
export function parseGender(input: unknown, options: ParseGenderOptions = {}): GenderParseResult {
  if (typeof input === 'string') return options.numeric === '1-female' ? CACHED_1F(input) : CACHED(input);
  return parseGenderUncached(input, options);
}

const CACHED = /* @__PURE__ */ memoizeText((s) => parseGenderUncached(s, {}), 32);
const CACHED_1F = /* @__PURE__ */ memoizeText((s) => parseGenderUncached(s, { numeric: '1-female' }), 32);

function parseGenderUncached(input: unknown, options: ParseGenderOptions): GenderParseResult {
  if (input === undefined || input === null) return { ok: true, value: undefined };
  let s: string;
  if (typeof input === 'number') {
    if (Number.isNaN(input)) return { ok: true, value: undefined };
    s = String(input);
  } else if (typeof input === 'string') {
    s = input
      .normalize('NFC')
      .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
      .replace(/[\s\u00a0]+/g, ' ')
      .trim()
      .toLowerCase()
      .replace(/\.$/, '');
  } else {
    return INVALID;
  }
  if (s === '') return { ok: true, value: undefined };
  if (s === '1' || s === '0') {
    const oneIsMale = options.numeric !== '1-female';
    return { ok: true, value: (s === '1') === oneIsMale ? 'male' : 'female' };
  }
  const g = Object.hasOwn(WORDS, s) ? WORDS[s] : undefined;
  return g === undefined ? INVALID : { ok: true, value: g };
}

/**
 * Display form of a gender.
 *
 * @param g - The gender.
 * @param lang - `vi` (default) or `en`.
 * @returns "Nam"/"Nữ", or "male"/"female".
 * @example
 * formatGender('female')
 * //=> 'Nữ'
 */
export function formatGender(g: Gender, lang: 'vi' | 'en' = 'vi'): string {
  if (lang === 'en') return g;
  return g === 'male' ? 'Nam' : 'Nữ';
}
