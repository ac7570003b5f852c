/**
 * Vietnamese personal-name normalisation: one cleaned display form plus the keys comparison and
 * blocking need (DOMAIN.md §3, §8 pitfalls 6–10).
 */
import { COMPOUND_SURNAMES } from './compoundSurnames.js';
import { cleanText, foldDiacritics, unifyToneMarks } from './text.js';

/** A personal name in its cleaned forms, split into surname, middle names and given name. */
export interface NormalisedName {
  /** Cleaned, tone marks in modern position, each word capitalised: "Nguyễn Thị Thu Hà", "H'Hen Niê". */
  readonly display: string;
  /** `display` lower-cased, for exact comparison. */
  readonly canonical: string;
  /** `canonical` without diacritics or punctuation (Đ → d): "nguyen thi thu ha". */
  readonly skeleton: string;
  /** Words of `canonical`. */
  readonly tokens: readonly string[];
  /** Words of `skeleton`, aligned with `tokens`. */
  readonly skeletonTokens: readonly string[];
  /** Surname (họ), canonical; a compound surname such as "tôn nữ" counts as one. */
  readonly surname: string;
  /** Middle names (chữ đệm), canonical; may be empty. */
  readonly middle: readonly string[];
  /** Given name (tên), canonical: the last word, or `''` when the name has a single word. */
  readonly given: string;
}

// A word is a run of letters, marks, digits and apostrophes; a dot directly after it is kept only for
// an initial ("T."), so "T.Lan" splits into "T." and "Lan" and every other punctuation separates words.
const WORD = /[\p{L}\p{M}\p{N}']+\.?/gu;
const INITIAL = /^\p{L}\p{M}*\.$/u;
const HAS_LETTER = /\p{L}/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const APOSTROPHES = /'{2,}/g;
const EDGE_APOSTROPHES = /^'+|'+$/g;
// Ethnic-minority gender prefixes are one or two letters: "H'Hen", "K'Long". A longer word before a
// detached apostrophe ("Nguyễn 'Văn", an Excel text prefix) is not joined to it.
const PREFIX_BEFORE_APOSTROPHE = /^\p{L}\p{M}*(?:\p{L}\p{M}*)?'*$/u;

/**
 * The common case, checked without regexes: only Latin letters as Vietnamese uses them, combining
 * marks after a letter, and single spaces (cleanText guarantees no doubled or edge spaces).
 */
function isPlain(cleaned: string): boolean {
  let afterLetter = false;
  for (let i = 0; i < cleaned.length; i++) {
    const c = cleaned.charCodeAt(i);
    if (c === 0x20) {
      afterLetter = false;
    } else if (c >= 0x0300 && c <= 0x036f) {
      if (!afterLetter) return false;
    } else if (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
      (c >= 0x1e00 && c <= 0x1eff)
    ) {
      afterLetter = true;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Words of a cleaned name, with "H 'Nghia" / "H' Nghia" rejoined and stray apostrophes and
 * punctuation dropped; empty when no word contains a letter.
 */
function splitWords(cleaned: string): string[] {
  if (cleaned === '') return [];
  if (isPlain(cleaned)) return cleaned.split(' ');

  const words: string[] = [];
  for (const match of cleaned.matchAll(WORD)) {
    let w = match[0];
    if (w.endsWith('.') && !INITIAL.test(w)) w = w.slice(0, -1);
    const prev = words[words.length - 1];
    if (
      prev !== undefined &&
      (prev.endsWith("'") || w.startsWith("'")) &&
      PREFIX_BEFORE_APOSTROPHE.test(prev) &&
      !prev.endsWith('.')
    ) {
      const joined = prev + w;
      // "H' T." joins to one word that is no longer an initial; keeping its dot would make the
      // display form normalise differently the second time.
      words[words.length - 1] = joined.endsWith('.') && !INITIAL.test(joined) ? joined.slice(0, -1) : joined;
    } else {
      words.push(w);
    }
  }
  const out: string[] = [];
  let hasLetter = false;
  for (const w of words) {
    const t = w.includes("'") ? w.replace(APOSTROPHES, "'").replace(EDGE_APOSTROPHES, '') : w;
    if (HAS_LETTER_OR_DIGIT.test(t)) {
      out.push(t);
      if (!hasLetter && HAS_LETTER.test(t)) hasLetter = true;
    }
  }
  return hasLetter ? out : [];
}

/** Upper-cases the first letter of the word and of each part after an apostrophe ("H'Hen"). */
function capitalise(word: string): string {
  let out = '';
  let atStart = true;
  for (const ch of word) {
    if (atStart) {
      const up = ch.toUpperCase();
      // Skip letters whose upper case does not round-trip ("ß" → "SS"), so lower-casing the display
      // gives back the canonical form and normalisation stays idempotent.
      out += up.toLowerCase() === ch ? up : ch;
    } else {
      out += ch;
    }
    atStart = ch === "'";
  }
  return out;
}

interface WordForms {
  readonly display: string;
  readonly canonical: string;
  readonly skeleton: string;
}

// Names reuse a few thousand syllables, so memoising per word makes normalising millions of names
// cheap. Bounded: cleared when full, which keeps memory flat on adversarial input.
const MEMO_LIMIT = 50_000;
const memo = new Map<string, WordForms>();

function wordForms(word: string): WordForms {
  const hit = memo.get(word);
  if (hit !== undefined) return hit;
  const canonical = unifyToneMarks(word.toLowerCase()).normalize('NFC');
  const display = capitalise(canonical);
  const forms: WordForms = {
    display,
    canonical: display.toLowerCase(),
    skeleton: foldDiacritics(canonical).replace(NOT_LETTER_OR_DIGIT, ''),
  };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(word, forms);
  return forms;
}

// Only the HNG list's entries that are unambiguous as surnames. "Vũ Văn" is left out: in Vietnam it
// is overwhelmingly surname Vũ + middle name Văn, and reading it as one surname would give every
// "Vũ Văn Nam" a rare compound surname and no middle name.
const NOT_COMPOUND = new Set(['vũ văn']);
const COMPOUND = new Set(
  COMPOUND_SURNAMES.map((s) => s.split(' ').map((w) => wordForms(w).canonical).join(' ')).filter(
    (s) => !NOT_COMPOUND.has(s),
  ),
);

/**
 * Normalises a Vietnamese personal name for display, exact comparison and fuzzy matching.
 *
 * Cleans the text ({@link cleanText}), puts tone marks in the modern position ("Hòa" → "Hoà"),
 * capitalises each word (ALL-CAPS and lower-case input give the same result), keeps initials ("T.")
 * and apostrophes of ethnic-minority names ("H'Hen Niê"), and splits off the surname, recognising
 * compound surnames such as "Tôn Nữ" (written with diacritics). Idempotent: normalising `display`
 * again gives the same result.
 *
 * @param raw - The name as found in a register.
 * @returns The normalised name, or `undefined` when nothing name-like (no letter) remains.
 *
 * @example
 * normaliseName('  NGUYỄN  thị HÒA ')?.display
 * //=> 'Nguyễn Thị Hoà'
 */
export function normaliseName(raw: string): NormalisedName | undefined {
  const words = splitWords(cleanText(raw));
  const n = words.length;
  if (n === 0) return undefined;
  const tokens: string[] = new Array<string>(n);
  const skeletonTokens: string[] = new Array<string>(n);
  let display = '';
  for (let i = 0; i < n; i++) {
    const f = wordForms(words[i] as string);
    tokens[i] = f.canonical;
    skeletonTokens[i] = f.skeleton;
    display = i === 0 ? f.display : `${display} ${f.display}`;
  }
  const surnameSize = n >= 3 && COMPOUND.has(`${tokens[0]} ${tokens[1]}`) ? 2 : 1;
  return {
    display,
    canonical: tokens.join(' '),
    skeleton: skeletonTokens.join(' '),
    tokens,
    skeletonTokens,
    surname: surnameSize === 1 ? (tokens[0] as string) : `${tokens[0]} ${tokens[1]}`,
    middle: n > surnameSize ? tokens.slice(surnameSize, n - 1) : [],
    given: n > 1 ? (tokens[n - 1] as string) : '',
  };
}

/**
 * @internal The words of a name before their forms are taken (what {@link normaliseName} and {@link nameSkeleton}
 * split), for callers that keep something per distinct word.
 */
export function nameWords(raw: string): string[] {
  return splitWords(cleanText(raw));
}

/** @internal The skeleton of one of {@link nameWords}' words: `nameSkeleton` is these joined by spaces. */
export function wordSkeleton(word: string): string {
  return wordForms(word).skeleton;
}

/**
 * The accent-folded skeleton of a name, for blocking keys; the same as
 * `normaliseName(raw)?.skeleton ?? ''` without building the whole result.
 *
 * @param raw - The name as found in a register.
 * @returns Lower-case words without diacritics or punctuation, or `''` when nothing name-like remains.
 *
 * @example
 * nameSkeleton('Đặng Thị Hương')
 * //=> 'dang thi huong'
 */
export function nameSkeleton(raw: string): string {
  const words = nameWords(raw);
  let out = '';
  for (let i = 0; i < words.length; i++) {
    if (i > 0) out += ' ';
    out += wordForms(words[i] as string).skeleton;
  }
  return out;
}
