// Repairing Vietnamese typed with pre-Unicode fonts (TCVN3/ABC, VNI), written in VIQR, or UTF-8
// bytes read as Windows-1252. The text is already Unicode here (as it sits in .xlsx/.csv); the
// damage is in which characters it contains. See docs/decisions/encodings.md for the heuristics.
import { isVietnameseSyllable } from './detect.js';
import { TCVN3_FROM, TCVN3_TO, VIQR_SEQUENCES, VNI_SEQUENCES, WINDOWS_1252_HIGH } from './tables.js';

/** A legacy way of writing Vietnamese that {@link convertLegacyFont} can undo. */
export type LegacyFont = 'tcvn3' | 'vni' | 'viqr' | 'utf8-mojibake';

/** Result of {@link detectLegacyFont}. */
export interface LegacyFontDetection {
  /** The font the samples were typed in, or undefined when they look like plain Unicode (or are ambiguous). */
  readonly font: LegacyFont | undefined;
  /** 0..1; grows with the share of samples the font repairs and with their number. 0 when `font` is undefined. */
  readonly confidence: number;
}

/** Result of {@link repairVietnamese}. */
export interface RepairResult {
  /** The repaired text, or the input unchanged. */
  readonly text: string;
  /** The font that was undone; absent when the text was left unchanged. */
  readonly font?: LegacyFont;
}

const TCVN3: ReadonlyMap<string, string> = new Map(
  Array.from(TCVN3_FROM, (ch, i) => [ch, TCVN3_TO[i] ?? ch] as const),
);
const VNI: ReadonlyMap<string, string> = new Map(VNI_SEQUENCES);
// đ/Đ are handled separately in VIQR: only at the start of a word.
const VIQR: ReadonlyMap<string, string> = new Map(VIQR_SEQUENCES.filter(([k]) => k !== 'dd' && k !== 'DD'));
const VIQR_MARKS = "(^+'`?~.";
const VIQR_TONES = "'`?~.";

const CP1252_BYTE: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) {
    m.set(String.fromCharCode(b), b); // C1 controls and Latin-1 (text decoded as ISO-8859-1)
    const ch = WINDOWS_1252_HIGH[b - 0x80];
    if (ch !== undefined) m.set(ch, b);
  }
  return m;
})();

/** How many samples {@link detectLegacyFont} looks at; a column's style is settled long before. */
const MAX_SAMPLES = 2000;
/** Longer strings are not names or addresses; skip the work rather than risk a slow call. */
const MAX_LENGTH = 10_000;

/**
 * Converts text typed in a legacy font (as seen after opening it as Windows-1252) to Unicode.
 * Applies the font's table blindly; use {@link repairVietnamese} or {@link detectLegacyFont} to decide
 * whether it should be applied at all.
 *
 * @example
 * convertLegacyFont('NguyÔn V¨n An', 'tcvn3')
 * //=> 'Nguyễn Văn An'
 */
export function convertLegacyFont(text: string, font: LegacyFont): string {
  switch (font) {
    case 'tcvn3':
      return convertTcvn3(text);
    case 'vni':
      return convertVni(text);
    case 'viqr':
      return convertViqr(text);
    case 'utf8-mojibake':
      return convertMojibake(text);
  }
}

function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}
function isUpper(ch: string): boolean {
  return isCased(ch) && ch === ch.toUpperCase();
}
function isLetter(ch: string): boolean {
  return /[\p{L}\p{M}]/u.test(ch);
}

function convertTcvn3(text: string): string {
  const out: string[] = [];
  const fromLower: boolean[] = [];
  for (const ch of text) {
    const v = TCVN3.get(ch);
    out.push(v ?? ch);
    fromLower.push(v !== undefined && !isUpper(v));
  }
  // All-caps trap: ".VnTimeH" fonts show toned capitals with the lower-case bytes. If the letters around
  // them are capitals, so were they.
  let fieldUpper = 0;
  let fieldLower = 0;
  for (let i = 0; i < out.length; i++) {
    const ch = out[i] ?? '';
    if (fromLower[i] || !isCased(ch)) continue;
    if (isUpper(ch)) fieldUpper++;
    else fieldLower++;
  }
  const fieldAllCaps = fieldUpper >= 2 && fieldLower === 0;
  let i = 0;
  while (i < out.length) {
    if (!isLetter(out[i] ?? '')) {
      i++;
      continue;
    }
    let j = i;
    while (j < out.length && isLetter(out[j] ?? '')) j++;
    let converted = 0;
    let upperAfterFirst = 0;
    let lowerAfterFirst = 0;
    for (let k = i; k < j; k++) {
      const ch = out[k] ?? '';
      if (fromLower[k]) converted++;
      else if (k > i && isCased(ch)) {
        if (isUpper(ch)) upperAfterFirst++;
        else lowerAfterFirst++;
      }
    }
    // "NGUYễN": capitals after the first letter; "Từ" alone stays title case unless the whole field is caps.
    const wordCaps = lowerAfterFirst === 0 && (upperAfterFirst > 0 || fieldAllCaps);
    if (converted > 0 && wordCaps) {
      for (let k = i; k < j; k++) if (fromLower[k]) out[k] = (out[k] ?? '').toUpperCase();
    }
    i = j;
  }
  return out.join('');
}

function flipCase(ch: string): string {
  const u = ch.toUpperCase();
  return u === ch ? ch.toLowerCase() : u;
}

function convertVni(text: string): string {
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const a = chars[i] ?? '';
    const b = chars[i + 1];
    if (b !== undefined) {
      const pair = VNI.get(a + b);
      if (pair !== undefined) {
        out += pair;
        i++;
        continue;
      }
      // Excel's PROPER capitalises the base letter only ("aùnh" → "Aùnh"); the base letter decides.
      const mixed = isUpper(a) && !isUpper(b) ? VNI.get(a + flipCase(b)) : undefined;
      if (mixed !== undefined) {
        out += mixed.toUpperCase();
        i++;
        continue;
      }
    }
    out += VNI.get(a) ?? a;
  }
  return out;
}

function convertViqr(text: string): string {
  let out = '';
  let toneInWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (ch === '\\' && VIQR_MARKS.includes(next) && next !== '') {
      out += next; // RFC 1456 escape: a literal mark
      i += 2;
      continue;
    }
    const wordStart = !isLetter(text[i - 1] ?? ' ');
    if (wordStart && (ch === 'D' || ch === 'd') && (next === 'D' || next === 'd')) {
      out += ch === 'D' ? 'Đ' : 'đ';
      i += 2;
      continue;
    }
    let matched = false;
    for (const len of [3, 2]) {
      const seq = text.slice(i, i + len);
      const letter = seq.length === len ? VIQR.get(seq) : undefined;
      if (letter === undefined) continue;
      const hasTone = VIQR_TONES.includes(seq[seq.length - 1] ?? '');
      if (hasTone && toneInWord) continue; // a syllable has one tone: the second mark is punctuation
      if (hasTone) toneInWord = true;
      out += letter;
      i += len;
      matched = true;
      break;
    }
    if (matched) continue;
    if (!isLetter(ch)) toneInWord = false;
    out += ch;
    i++;
  }
  return out;
}

/** A byte of the mis-decoded text, or a character that could not have come from Windows-1252. */
type Unit = { readonly byte: number; readonly ch: string } | { readonly byte: undefined; readonly ch: string };

function convertMojibake(text: string): string {
  const units: Unit[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const byte = c < 0x80 ? c : CP1252_BYTE.get(ch);
    units.push({ byte, ch });
  }
  let out = '';
  let i = 0;
  while (i < units.length) {
    const u = units[i] as Unit;
    const b = u.byte;
    if (b === undefined || b < 0xc2 || b > 0xf4) {
      out += u.ch;
      i++;
      continue;
    }
    const need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    let k = 1;
    for (; k <= need; k++) {
      const c = units[i + k]?.byte;
      if (c === undefined || c < 0x80 || c > 0xbf) break;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (k > need && isValidScalar(cp, need)) {
      out += String.fromCodePoint(cp);
      i += need + 1;
      continue;
    }
    // A lost undefined byte (0x81 0x8D 0x8F 0x90 0x9D), shown as "?" or U+FFFD, in the last position.
    const lost = units[i + k];
    if (k === need && lost !== undefined && (lost.ch === '?' || lost.ch === '\uFFFD')) {
      out += need === 1 && b === 0xc4 ? 'Đ' : '\uFFFD'; // C4 90 is the only Vietnamese letter among C4 8x/9x
      i += need + 1;
      continue;
    }
    // The byte was dropped altogether: E1 BA/E1 BB only start Vietnamese letters, so mark the gap.
    if (need === 2 && k === 2 && b === 0xe1 && (units[i + 1]?.byte === 0xba || units[i + 1]?.byte === 0xbb)) {
      out += '\uFFFD';
      i += 2;
      continue;
    }
    out += u.ch;
    i++;
  }
  return out;
}

function isValidScalar(cp: number, need: number): boolean {
  const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
  return cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

interface Analysis {
  /** Words that are well-formed Vietnamese syllables and contain a non-ASCII letter. */
  readonly good: number;
  /** Words with non-ASCII letters that are not Vietnamese syllables. */
  readonly bad: number;
  /** Characters that plain Vietnamese text does not contain (Latin-1 symbols such as ¨ ¬ × ÷, C1 controls). */
  readonly weird: number;
}

const WEIRD_EXTRA = new Set(Array.from('€‚ƒ„†‡ˆ‰‹›˜™'));
// A UTF-8 lead byte seen as Windows-1252 next to a continuation byte: "Ã\u00A0" (à), "Ã”" (Ô), "á»" (ễ…).
// Their halves can look like plain letters and punctuation ("hoÃ\u00A0ng"), so count the pair itself.
const MOJIBAKE_PAIR = /[ÂÃÄÅÆ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|á[º»]/gu;

function analyse(text: string): Analysis {
  let good = 0;
  let bad = 0;
  let weird = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x80 && c <= 0xff && c !== 0xa0 && !/\p{L}/u.test(ch)) || WEIRD_EXTRA.has(ch)) weird++;
  }
  weird += (text.match(MOJIBAKE_PAIR) ?? []).length;
  for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
    if (word === '' || /^[\x00-\x7f]*$/u.test(word)) continue; // ASCII words say nothing either way
    if (isVietnameseSyllable(word)) good++;
    else bad++;
  }
  return { good, bad, weird };
}

function isClean(a: Analysis): boolean {
  return a.bad === 0 && a.weird === 0;
}

/** VIQR is plain ASCII, so only convert with marks that English text does not produce. */
function viqrAcceptable(text: string, converted: string): boolean {
  if (!/^[\x00-\x7f]*$/u.test(text)) return false;
  // Strong: a vowel mark, a grave or tilde after a vowel, or đ at the start of a word. ' ? . after a
  // vowel alone are punctuation too often ("I'm", "Go?", "A.") unless two letters carry them.
  const strong = /[aeiouyAEIOUY][(^+`~]/u.test(text) || /(^|[^a-zA-Z])(dd|DD|Dd)[aeiouyAEIOUY]/u.test(text);
  const a = analyse(converted);
  const letters = Array.from(converted).filter((ch) => ch > '\x7f').length;
  if (!strong && letters < 2) return false;
  return isClean(a) && a.good >= 1;
}

function repairs(text: string, font: LegacyFont, before: Analysis): { text: string; good: number } | undefined {
  const converted = convertLegacyFont(text, font);
  if (converted === text) return undefined;
  if (font === 'viqr') {
    return viqrAcceptable(text, converted) ? { text: converted, good: analyse(converted).good } : undefined;
  }
  if (isClean(before)) return undefined;
  const after = analyse(converted);
  return isClean(after) && after.good >= 1 ? { text: converted, good: after.good } : undefined;
}

const FONTS: readonly LegacyFont[] = ['utf8-mojibake', 'tcvn3', 'vni', 'viqr'];

// Vietnamese letters outside Latin-1: ă đ ĩ ũ ơ ư and the precomposed toned letters U+1EA0–U+1EF9.
// Text decoded as Windows-1252 (TCVN3, VNI, mojibake) or written in VIQR (ASCII) can never hold them.
const BEYOND_LATIN1 = /[ĂăĐđĨĩŨũƠơƯưẠ-ỹ]/u;

/** A clean cell holding letters no legacy font produces: certainly typed in Unicode already. */
function isCertainlyUnicode(text: string, a: Analysis): boolean {
  return isClean(a) && a.good >= 1 && BEYOND_LATIN1.test(text);
}

/**
 * Detects the legacy font of a column from many of its cells: a font is chosen when converting
 * repairs cells into valid Vietnamese syllables and rarely breaks one. A cell already in Unicode
 * Vietnamese with letters beyond Latin-1 (ễ ị ơ ư đ…) counts against every font, so a Unicode column
 * with a few stray legacy cells, or with words that also read as legacy ("Hoà" is VNI "Hồ"), is not
 * taken for a legacy column.
 *
 * @example
 * detectLegacyFont(['NguyÔn V¨n An', 'TrÇn ThÞ B×nh', 'Lª Hoa']).font
 * //=> 'tcvn3'
 */
export function detectLegacyFont(samples: readonly string[]): LegacyFontDetection {
  let best: LegacyFontDetection = { font: undefined, confidence: 0 };
  const used = samples.slice(0, MAX_SAMPLES).filter((s) => s.length > 0 && s.length <= MAX_LENGTH);
  const befores = used.map(analyse);
  for (const font of FONTS) {
    let good = 0;
    let bad = 0;
    used.forEach((s, i) => {
      if (isCertainlyUnicode(s, befores[i] as Analysis)) {
        bad++;
        return;
      }
      const converted = convertLegacyFont(s, font);
      if (converted === s) return;
      if (repairs(s, font, befores[i] as Analysis) !== undefined) good++;
      else if (!isClean(analyse(converted))) bad++;
    });
    if (good === 0) continue;
    const ratio = good / (good + bad);
    if (ratio < 0.6) continue;
    const confidence = ratio * (1 - 0.5 ** (good + 1));
    if (confidence > best.confidence) best = { font, confidence };
  }
  return best;
}

/**
 * Repairs one string typed in a legacy font, converting only when the whole string then reads as
 * Vietnamese syllables and did not before; anything else (plain Unicode Vietnamese, English,
 * "Hélène", "José") is returned unchanged. For whole columns prefer {@link detectLegacyFont}.
 *
 * @example
 * repairVietnamese('Nguyá»…n Thá»‹ HÆ°Æ¡ng')
 * //=> { text: 'Nguyễn Thị Hương', font: 'utf8-mojibake' }
 */
export function repairVietnamese(text: string): RepairResult {
  if (text.length === 0 || text.length > MAX_LENGTH) return { text };
  const before = analyse(text);
  let best: { text: string; good: number; font: LegacyFont } | undefined;
  for (const font of FONTS) {
    const r = repairs(text, font, before);
    // On a tie prefer the shorter result: VNI pairs collapsing into one letter is evidence in itself.
    if (r === undefined) continue;
    if (best === undefined || r.good > best.good || (r.good === best.good && r.text.length < best.text.length)) {
      best = { ...r, font };
    }
  }
  return best === undefined ? { text } : { text: best.text, font: best.font };
}
