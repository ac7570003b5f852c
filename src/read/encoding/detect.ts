// Byte-level encoding detection and a Vietnamese syllable check used to judge legacy-font repairs.
// Pure and runtime-neutral: works on Uint8Array, no Buffer.

/** Byte encodings doisoat can decode (what the CLI's encoding options offer besides `auto`). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'windows-1252'] as const;
/** A byte encoding doisoat can decode: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1258' or 'windows-1252'. */
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** How sure a detection is: a BOM is `certain`, a strict UTF-8 check `likely`, byte statistics a `guess`. */
export type DetectionConfidence = 'certain' | 'likely' | 'guess';

/** Result of {@link detectEncoding}. */
export interface DetectedEncoding {
  /** The encoding to decode with. */
  readonly encoding: TextEncoding;
  /** Whether the bytes start with a byte-order mark of that encoding. */
  readonly bom: boolean;
  /** How the encoding was established. */
  readonly confidence: DetectionConfidence;
}

/** How many bytes the statistical checks look at; enough for a header and a few hundred rows. */
const SAMPLE_SIZE = 65_536;

/** Windows-1258 combining tone bytes: 0xCC grave, 0xD2 hook above, 0xDE tilde, 0xEC acute, 0xF2 dot below. */
const CP1258_TONE_BYTES: ReadonlySet<number> = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2]);

/** Bytes that are vowels in Windows-1258 (ASCII vowels and precomposed vowels without tone). */
const CP1258_VOWEL_BYTES: ReadonlySet<number> = new Set([
  ...'aeiouyAEIOUY'.split('').map((c) => c.charCodeAt(0)),
  // Â Ă Ê Ô Ơ Ư â ă ê ô ơ ư, and the precomposed toned vowels Windows-1258 has (À Á È É Í Ó Ù Ú à á è é í ó ù ú …)
  0xc2, 0xc3, 0xca, 0xd4, 0xd5, 0xdd, 0xe2, 0xe3, 0xea, 0xf4, 0xf5, 0xfd,
  0xc0, 0xc1, 0xc8, 0xc9, 0xcd, 0xd3, 0xd9, 0xda, 0xe0, 0xe1, 0xe8, 0xe9, 0xed, 0xf3, 0xf9, 0xfa,
]);

/**
 * Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF).
 * A sequence cut off by the end of the sample counts as valid when `truncated` is true.
 *
 * @example
 * isValidUtf8(new Uint8Array([0x4e, 0xc3, 0xa0]))
 * //=> true
 */
export function isValidUtf8(bytes: Uint8Array, truncated = false): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return truncated;
      const c = bytes[i + k] ?? 0;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * Detects the encoding of a byte buffer: BOM first, then strict UTF-8, then UTF-16 by the pattern of
 * NUL bytes, then Windows-1258 when its combining tone bytes follow vowels, else Windows-1252.
 * TCVN3 and VNI files come out as Windows-1252; repair them afterwards with `repairVietnamese`.
 *
 * @param bytes - The input, or its first bytes.
 * @param options - `partial`: `bytes` is the start of a longer input, so a character cut at its very end
 *   is not a UTF-8 error. Readers pass a few bytes past the 64 KiB sample so that a character the sample
 *   cuts is judged whole: letting a cut one pass also takes an ASCII file with one Windows-125x byte at the
 *   cut for UTF-8.
 * @example
 * detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))
 * //=> { encoding: 'utf-8', bom: true, confidence: 'certain' }
 */
export function detectEncoding(bytes: Uint8Array, options: { readonly partial?: boolean } = {}): DetectedEncoding {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true, confidence: 'certain' };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bom: true, confidence: 'certain' };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: true, confidence: 'certain' };

  const sample = bytes.length > SAMPLE_SIZE ? bytes.subarray(0, SAMPLE_SIZE) : bytes;

  // UTF-16 before UTF-8: ASCII in UTF-16 is full of NULs, which are valid UTF-8.
  const utf16 = utf16ByNuls(sample);
  if (utf16 !== undefined) return { encoding: utf16, bom: false, confidence: 'guess' };

  // A character cut by the sample's end is completed from the bytes after it, so it is judged whole. Only
  // when the input itself stops there and more is known to follow (`partial`) is a cut one let pass.
  let end = sample.length;
  while (end < bytes.length && end < sample.length + 3 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end++;
  if (isValidUtf8(bytes.subarray(0, end), end === bytes.length && options.partial === true)) return { encoding: 'utf-8', bom: false, confidence: 'likely' };

  return { encoding: looksLike1258(sample) ? 'windows-1258' : 'windows-1252', bom: false, confidence: 'guess' };
}

function utf16ByNuls(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  // Latin-script UTF-16 has a NUL in the high byte of most code units (spaces, digits, ASCII letters).
  if (zeroOdd >= pairs * 0.2 && zeroEven <= zeroOdd * 0.1) return 'utf-16le';
  if (zeroEven >= pairs * 0.2 && zeroOdd <= zeroEven * 0.1) return 'utf-16be';
  return undefined;
}

function looksLike1258(sample: Uint8Array): boolean {
  let high = 0;
  let tones = 0;
  let tonesAfterVowel = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] ?? 0;
    if (b < 0x80) continue;
    high++;
    if (!CP1258_TONE_BYTES.has(b)) continue;
    tones++;
    if (i > 0 && CP1258_VOWEL_BYTES.has(sample[i - 1] ?? 0)) tonesAfterVowel++;
  }
  // In 1258 a tone byte always follows a vowel; in TCVN3/VNI the same bytes are letters that follow consonants.
  return tonesAfterVowel >= 2 && tonesAfterVowel >= tones * 0.8 && tonesAfterVowel >= high * 0.15;
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const VOWEL_CLUSTERS = [
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'iêu', 'oai', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uya', 'uyê', 'uyu', 'yêu',
].sort((a, b) => b.length - a.length);
// Bounded alternations over a token of at most 8 letters: no catastrophic backtracking.
const SYLLABLE = new RegExp(
  `^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?(${VOWEL_CLUSTERS.join('|')})(ch|ng|nh|[cmnpt])?$`,
  'u',
);

/**
 * Whether one word is a well-formed Vietnamese syllable: onset + vowel cluster + final, at most one
 * tone mark, placed on a vowel, and only sắc/nặng before the stop finals c ch p t.
 *
 * @example
 * isVietnameseSyllable('Nguyễn')
 * //=> true
 */
export function isVietnameseSyllable(word: string): boolean {
  if (word.length === 0 || word.length > 12) return false;
  const nfd = word.normalize('NFD').toLowerCase();
  const tones = nfd.match(TONE_MARKS) ?? [];
  if (tones.length > 1) return false;
  for (let i = 0; i < nfd.length; i++) {
    const ch = nfd[i] ?? '';
    if (!/[\u0300-\u036f]/u.test(ch)) continue;
    let base = i - 1;
    while (base >= 0 && /[\u0300-\u036f]/u.test(nfd[base] ?? '')) base--;
    if (!/[aeiouy]/u.test(nfd[base] ?? '')) return false; // marks only sit on vowels
  }
  const bare = nfd.replace(TONE_MARKS, '').normalize('NFC');
  if (bare.length > 8) return false;
  const m = SYLLABLE.exec(bare);
  if (!m) return false;
  const final = m[3];
  if (final === 'c' || final === 'ch' || final === 'p' || final === 't') {
    return tones[0] === '\u0301' || tones[0] === '\u0323';
  }
  return true;
}
