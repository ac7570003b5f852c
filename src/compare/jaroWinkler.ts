/**
 * Jaro–Winkler string similarity, tuned for millions of calls: no allocation per call.
 */

// Match flags reused across calls; grown on demand, never shrunk.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Winkler's boost applies only to pairs already this similar (Winkler 1990). */
const BOOST_THRESHOLD = 0.7;
const MAX_PREFIX = 4;

/**
 * Jaro–Winkler similarity of two strings, from 0 (nothing in common) to 1 (identical).
 *
 * Standard definition: Jaro over matches within `floor(max(|a|,|b|)/2) - 1` positions, then a boost of
 * `prefixScale` per shared leading character (up to 4) when the Jaro score exceeds 0.7. Compares UTF-16
 * code units, so pass NFC (or folded) strings. Symmetric in `a` and `b`. `prefixScale` is clamped to
 * [0, 0.25] so the result stays within [0, 1].
 *
 * @param a - First string.
 * @param b - Second string.
 * @param prefixScale - Weight of the shared prefix; Winkler's 0.1 by default.
 * @returns The similarity in [0, 1]; 1 for two empty strings, 0 when exactly one is empty.
 *
 * @example
 * jaroWinkler('MARTHA', 'MARHTA')
 * //=> 0.9611111111111111
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  if (charsA.length < a.length) charsA = new Uint16Array(a.length * 2);
  if (charsB.length < b.length) charsB = new Uint16Array(b.length * 2);
  for (let i = 0; i < a.length; i++) charsA[i] = a.charCodeAt(i);
  for (let i = 0; i < b.length; i++) charsB[i] = b.charCodeAt(i);
  return jaroWinklerCodes(charsA, a.length, charsB, b.length, prefixScale);
}

// Code-unit buffers for the string form, reused across calls.
let charsA = new Uint16Array(64);
let charsB = new Uint16Array(64);

/**
 * {@link jaroWinkler} over UTF-16 code units held in buffers (the first `la`/`lb` units), for callers that
 * keep names as code units (fuzzy linking) and must not allocate per comparison.
 *
 * @example
 * jaroWinklerCodes(Uint16Array.of(77, 65), 2, Uint16Array.of(77, 65), 2) //=> 1
 */
export function jaroWinklerCodes(a0: Uint16Array, la0: number, b0: Uint16Array, lb0: number, prefixScale = 0.1): number {
  let a = a0;
  let b = b0;
  let la = la0;
  let lb = lb0;
  if (la === lb) {
    let same = true;
    for (let k = 0; same && k < la; k++) if (a[k] !== b[k]) same = false;
    if (same) return 1;
  }
  if (la === 0 || lb === 0) return 0;
  if (la > lb) {
    // Let b be the longer string: the match window and the buffers depend on it.
    a = b0;
    b = a0;
    la = lb0;
    lb = la0;
  }
  if (lb <= 32) {
    const jaro = bitParallelJaro(a, la, b, lb);
    if (jaro >= 0) return boosted(jaro, a, b, la, prefixScale);
  }
  if (flagsB.length < lb) {
    flagsA = new Uint8Array(lb * 2);
    flagsB = new Uint8Array(lb * 2);
  }
  const fa = flagsA;
  const fb = flagsB;
  fa.fill(0, 0, la);
  fb.fill(0, 0, lb);
  const window = Math.max(0, (lb >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a[i]!;
    const from = i > window ? i - window : 0;
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (fb[j] === 0 && b[j] === c) {
        fa[i] = 1;
        fb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (fa[i] === 0) continue;
    while (fb[k] === 0) k++;
    if (a[i] !== b[k]) outOfOrder++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - outOfOrder / 2) / matches) / 3;
  return boosted(jaro, a, b, la, prefixScale);
}

/** Winkler's boost of a Jaro score (`la` ≤ the other string's length). */
function boosted(jaro: number, a: Uint16Array, b: Uint16Array, la: number, prefixScale: number): number {
  if (jaro <= BOOST_THRESHOLD) return jaro;
  const scale = prefixScale >= 0 ? Math.min(prefixScale, 0.25) : 0; // also maps NaN to 0
  let prefix = 0;
  const maxPrefix = Math.min(MAX_PREFIX, la);
  while (prefix < maxPrefix && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * scale * (1 - jaro);
}

// Per ASCII character, the positions of `b` holding it, as bits (cleared after each call).
const positions = new Int32Array(128);

/**
 * Jaro of `a` against `b` (1 ≤ `la` ≤ `lb` ≤ 32) with the positions of `b` as bit masks, as in Hyyrö's
 * bit-parallel string matching: each character of `a` takes the lowest free position of `b` within the
 * window holding it, which is the first free match the nested scan takes, so the matches, the
 * transpositions and the score are the same. -1 when a character is outside ASCII (the scan handles those).
 * The scan's inner loop over the window was the most expensive line of fuzzy scoring.
 */
function bitParallelJaro(a: Uint16Array, la: number, b: Uint16Array, lb: number): number {
  const pm = positions;
  let j = 0;
  for (; j < lb; j++) {
    const c = b[j]!;
    if (c >= 128) break;
    pm[c]! |= 1 << j;
  }
  let result = -1;
  if (j === lb) result = jaroFromPositions(a, la, b, lb, pm);
  for (let k = 0; k < j; k++) pm[b[k]!] = 0;
  return result;
}

function jaroFromPositions(a: Uint16Array, la: number, b: Uint16Array, lb: number, pm: Int32Array): number {
  const window = Math.max(0, (lb >> 1) - 1);
  let taken = 0; // positions of b matched
  let matchedA = 0; // positions of a matched
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a[i]!;
    if (c >= 128) return -1;
    const from = i > window ? i - window : 0;
    const to = i + window < lb - 1 ? i + window : lb - 1;
    // Bits from..to (ToInt32 wraps 2 << 31 and 1 << 31 to the right masks).
    const inWindow = ((2 << to) - 1) ^ ((1 << from) - 1);
    const free = pm[c]! & inWindow & ~taken;
    if (free !== 0) {
      taken |= free & -free;
      matchedA |= 1 << i;
      matches++;
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  let rest = taken;
  for (let i = 0; i < la; i++) {
    if ((matchedA & (1 << i)) === 0) continue;
    const low = rest & -rest;
    rest ^= low;
    if (a[i] !== b[31 - Math.clz32(low)]) outOfOrder++;
  }
  return (matches / la + matches / lb + (matches - outOfOrder / 2) / matches) / 3;
}
