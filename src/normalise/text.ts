/**
 * Text cleaning for Vietnamese register fields: Unicode composition, invisible and look-alike
 * characters, diacritic folding and tone-mark placement (DOMAIN.md §4.1, §8 pitfalls 4, 6–8).
 */

// Anything the slow path of `cleanText` would change once the string is NFC. Kept as one character
// class plus three whitespace checks so the common, already-clean value costs a single linear test.
const NEEDS_CLEANING =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u00A0\u00AD\u00B4\u00D0\u00F0`\u02BB\u02BC\u034F\u1680\u180E\u2000-\u200F\u2018\u2019\u2028-\u202F\u2032\u205F-\u2064\u2066-\u2069\u3000\uFEFF\uFF01-\uFF5E]|^ | $| {2}/;

const SPACE = 0x20;
const APOSTROPHE = 0x27;
const REMOVE = -1;

/** Maps one UTF-16 code unit to its clean replacement, `SPACE`, or `REMOVE`. */
function mapUnit(c: number): number {
  if (c < 0x20) return c >= 0x09 && c <= 0x0d ? SPACE : REMOVE;
  if (c < 0x7f) return c === 0x60 ? APOSTROPHE : c;
  if (c <= 0x9f) return c === 0x85 ? SPACE : REMOVE; // DEL and C1 controls; NEL is a line break
  if (c < 0x2000) {
    switch (c) {
      case 0xa0:
      case 0x1680:
        return SPACE;
      case 0xad:
      case 0x034f: // combining grapheme joiner: invisible, and it blocks NFC composition
      case 0x180e:
        return REMOVE;
      case 0xb4:
      case 0x02bb:
      case 0x02bc:
        return APOSTROPHE;
      case 0xd0: // Icelandic Eth typed for Đ (DOMAIN.md §3.3)
        return 0x0110;
      case 0xf0:
        return 0x0111;
      default:
        return c;
    }
  }
  if (c <= 0x206f) {
    if (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f) return SPACE;
    if (c <= 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069)) {
      return REMOVE;
    }
    if (c === 0x2018 || c === 0x2019 || c === 0x2032) return APOSTROPHE;
    return c;
  }
  if (c === 0x3000) return SPACE;
  if (c === 0xfeff) return REMOVE;
  if (c >= 0xff01 && c <= 0xff5e) {
    const ascii = c - 0xfee0;
    return ascii === 0x60 ? APOSTROPHE : ascii;
  }
  return c;
}

/**
 * Cleans a free-text field so equal-looking values compare equal.
 *
 * Composes to NFC (which also repairs "Unicode tổ hợp"/CP1258-style base + combining tone), maps the
 * look-alike Ð/ð (U+00D0/U+00F0) to Đ/đ, removes invisible and control characters, turns every Unicode
 * space into `' '`, maps full-width ASCII to ASCII and apostrophe variants (’ ‘ ʼ ` ´) to `'`, collapses
 * whitespace and trims. Idempotent and total.
 *
 * @param input - Any string.
 * @returns The cleaned string (possibly empty).
 *
 * @example
 * cleanText('  Nguy\u00EA\u0303n\u00A0\u00A0Thị\u200B ')
 * //=> 'Nguyễn Thị'
 */
export function cleanText(input: string): string {
  return isCleanLatin(input) ? input : cleanTextFully(input);
}

/** @internal {@link cleanText} without the shortcut for text already clean (for tests that hold the two equal). */
export function cleanTextFully(input: string): string {
  // NFC first: some singletons only appear after it (U+2000 → U+2002, U+1FFD → U+00B4).
  const s = input.normalize('NFC');
  if (!NEEDS_CLEANING.test(s)) return s;
  let out = '';
  let pendingSpace = false;
  let runStart = 0; // start of the pending run of unchanged code units
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const m = mapUnit(c);
    if (m === SPACE) {
      out += s.slice(runStart, i);
      runStart = i + 1;
      if (out.length > 0) pendingSpace = true;
      continue;
    }
    if (m === c) {
      if (pendingSpace) {
        out += ' ';
        pendingSpace = false;
      }
      continue;
    }
    out += s.slice(runStart, i);
    runStart = i + 1;
    if (m !== REMOVE) {
      if (pendingSpace) {
        out += ' ';
        pendingSpace = false;
      }
      out += String.fromCharCode(m);
    }
  }
  out += s.slice(runStart); // empty when a trailing space is pending
  // Removing a control character or mapping a full-width letter can put a base letter next to a
  // combining mark, so compose again; this cannot create anything the loop above would change.
  return out.normalize('NFC');
}

/**
 * Whether `s` is already clean and in NFC, judged from its code units alone: printable ASCII but the
 * backtick, and the precomposed letters of Latin-1, Latin Extended-A/B and Latin Extended Additional (where
 * Vietnamese letters live) but Ð/ð, single spaces inside only. Such letters are stable under NFC and
 * compose with nothing before them, so normalising would return the same text. Most register cells pass,
 * and the test costs a fraction of `normalize` plus the regular expression it spares.
 */
function isCleanLatin(s: string): boolean {
  const n = s.length;
  if (n > 0 && (s.charCodeAt(0) === SPACE || s.charCodeAt(n - 1) === SPACE)) return false;
  let afterSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === SPACE) {
      if (afterSpace) return false;
      afterSpace = true;
      continue;
    }
    afterSpace = false;
    if (c < 0x7f) {
      if (c < 0x20 || c === 0x60) return false;
    } else if (c >= 0xc0 && c <= 0x24f) {
      if (c === 0xd0 || c === 0xf0) return false;
    } else if (c < 0x1e00 || c > 0x1eff) return false;
  }
  return true;
}

const COMBINING_MARKS = /[\u0300-\u036F]/g;

function slowFold(input: string): string {
  return input
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[\u0110\u00D0]/g, 'D')
    .replace(/[\u0111\u00F0]/g, 'd')
    .normalize('NFC');
}

// Per-character folds for the Latin blocks Vietnamese uses, computed once with the slow definition so
// the hot path is a table look-up instead of NFD + regex + NFC on every name.
const LATIN_FROM = 0x00c0;
const LATIN_TO = 0x024f;
const EXT_FROM = 0x1e00;
const EXT_TO = 0x1eff;
function buildTable(from: number, to: number): readonly string[] {
  const table: string[] = [];
  for (let c = from; c <= to; c++) table.push(slowFold(String.fromCharCode(c)));
  return table;
}
const LATIN_FOLD = buildTable(LATIN_FROM, LATIN_TO);
const EXT_FOLD = buildTable(EXT_FROM, EXT_TO);

/**
 * Removes diacritics for accent-insensitive keys: NFD, drop U+0300–U+036F, map Đ/đ (and Ð/ð) to D/d,
 * back to NFC. Case is preserved.
 *
 * NFD alone leaves Đ intact (it has no decomposition), hence the explicit mapping.
 *
 * @param input - Any string.
 * @returns The string without Vietnamese (and other Latin) diacritics.
 *
 * @example
 * foldDiacritics('Đặng Thị Hương')
 * //=> 'Dang Thi Huong'
 */
export function foldDiacritics(input: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x80) continue;
    let rep: string | undefined;
    if (c >= 0x0300 && c <= 0x036f) rep = '';
    else if (c >= LATIN_FROM && c <= LATIN_TO) rep = LATIN_FOLD[c - LATIN_FROM];
    else if (c >= EXT_FROM && c <= EXT_TO) rep = EXT_FOLD[c - EXT_FROM];
    // Other scripts may need canonical reordering or composition: take the exact definition.
    if (rep === undefined) return slowFold(input);
    out += input.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? input : out + input.slice(last);
}

// Tone marks (dấu thanh) and vowel-shape marks, as combining characters after NFD.
const GRAVE = 0x0300;
const ACUTE = 0x0301;
const TILDE = 0x0303;
const HOOK = 0x0309;
const DOT_BELOW = 0x0323;
const CIRCUMFLEX = 0x0302;
const BREVE = 0x0306;
const HORN = 0x031b;

function isTone(c: number): boolean {
  return c === GRAVE || c === ACUTE || c === TILDE || c === HOOK || c === DOT_BELOW;
}

function isShape(c: number): boolean {
  return c === CIRCUMFLEX || c === BREVE || c === HORN;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isVowel(lower: number): boolean {
  // a e i o u y
  return lower === 0x61 || lower === 0x65 || lower === 0x69 || lower === 0x6f || lower === 0x75 || lower === 0x79;
}

/** Which vowels may carry a shape mark: ă â ê ô ơ ư. */
function shapeAllowed(lower: number, shape: number): boolean {
  if (shape === BREVE) return lower === 0x61;
  if (shape === CIRCUMFLEX) return lower === 0x61 || lower === 0x65 || lower === 0x6f;
  return lower === 0x6f || lower === 0x75; // horn
}

interface Letter {
  readonly base: number; // code unit as written (case preserved)
  readonly lower: number;
  shape: number; // 0 when none
}

/**
 * Index of the letter that carries the tone in modern style (QĐ 1989/QĐ-BGDĐT Điều 8), or -1 when
 * the letters do not form one Vietnamese syllable.
 */
function toneTarget(letters: readonly Letter[]): number {
  let v0 = -1;
  let v1 = -1;
  for (let i = 0; i < letters.length; i++) {
    const l = letters[i] as Letter;
    if (isVowel(l.lower)) {
      if (v0 === -1) v0 = i;
      else if (v1 !== i - 1) return -1; // a second vowel group: not one syllable
      v1 = i;
    }
  }
  if (v0 === -1) return -1;
  let start = v0;
  if (v1 > v0 && v0 > 0) {
    const prev = (letters[v0 - 1] as Letter).lower;
    const first = letters[v0] as Letter;
    // In "qu" and "gi" the u/i belong to the onset: "quý", "già".
    if ((prev === 0x71 && first.lower === 0x75) || (prev === 0x67 && first.lower === 0x69 && first.shape === 0)) {
      start = v0 + 1;
    }
  }
  const size = v1 - start + 1;
  if (size > 3) return -1;
  for (let i = v1; i >= start; i--) if ((letters[i] as Letter).shape !== 0) return i; // ươ → ơ
  if (v1 < letters.length - 1) return v1; // closed syllable: "hoàng", "quỳnh"
  if (size === 1) return start;
  if (size === 3) return start + 1; // "ngoài", "khuya"
  const a = (letters[start] as Letter).lower;
  const b = (letters[v1] as Letter).lower;
  const medial = (a === 0x6f && (b === 0x61 || b === 0x65)) || (a === 0x75 && b === 0x79); // oa oe uy
  return medial ? v1 : start;
}

/** Rebuilds one letter-run with its tone moved to the modern position; `undefined` if not a syllable. */
function placeTone(letters: readonly Letter[], tone: number): string | undefined {
  const target = toneTarget(letters);
  if (target === -1) return undefined;
  let out = '';
  for (let i = 0; i < letters.length; i++) {
    const l = letters[i] as Letter;
    out += String.fromCharCode(l.base);
    if (l.shape !== 0) out += String.fromCharCode(l.shape);
    if (i === target) out += String.fromCharCode(tone);
  }
  return out;
}

// Characters that may separate syllable runs inside one word ("H'Hen", "T.").
function isSeparator(c: number): boolean {
  return c === 0x27 || c === 0x2e || c === 0x2d;
}

/**
 * Moves each syllable's tone mark to the modern position (QĐ 1989/QĐ-BGDĐT Điều 8), so "Hòa" and
 * "Hoà", "Thủy" and "Thuỷ", "Qúy" and "Quý" become identical.
 *
 * Only open syllables with medial o/u (oa, oe, uy) and misplaced marks change; "Hoàng", "Toàn" and
 * "Quỳnh" are the same in both styles. Words that are not Vietnamese syllables (digits, foreign
 * letters, two tones) are returned unchanged. Case is preserved. Idempotent and total.
 *
 * @param word - One word, ideally already passed through {@link cleanText}.
 * @returns The word with tone marks in the modern position, NFC.
 *
 * @example
 * unifyToneMarks('Hòa')
 * //=> 'Hoà'
 */
export function unifyToneMarks(word: string): string {
  const d = word.normalize('NFD');
  let hasTone = false;
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (isTone(c)) hasTone = true;
    else if (!(isAsciiLetter(c) || c === 0x0110 || c === 0x0111 || isShape(c) || isSeparator(c))) return word;
  }
  if (!hasTone) return word;

  let out = '';
  let letters: Letter[] = [];
  let tone = 0;
  const flush = (): boolean => {
    if (letters.length === 0) return true;
    if (tone !== 0) {
      const placed = placeTone(letters, tone);
      if (placed === undefined) return false;
      out += placed;
    } else {
      for (const l of letters) out += String.fromCharCode(l.base) + (l.shape !== 0 ? String.fromCharCode(l.shape) : '');
    }
    letters = [];
    tone = 0;
    return true;
  };

  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (isSeparator(c)) {
      if (!flush()) return word;
      out += String.fromCharCode(c);
      continue;
    }
    if (isTone(c) || isShape(c)) {
      const l = letters[letters.length - 1];
      // A mark must sit on a vowel; a second tone in one syllable is not Vietnamese.
      if (l === undefined || !isVowel(l.lower)) return word;
      if (isTone(c)) {
        if (tone !== 0) return word;
        tone = c;
      } else {
        if (l.shape !== 0 || !shapeAllowed(l.lower, c)) return word;
        l.shape = c;
      }
      continue;
    }
    letters.push({ base: c, lower: c | (isAsciiLetter(c) ? 0x20 : 0), shape: 0 });
  }
  if (!flush()) return word;
  return out.normalize('NFC');
}
