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
  if (a.length > b.length) {
    // Let b be the longer string: the match window and the buffers depend on it.
    const t = a;
    a = b;
    b = t;
  }
  const la = a.length;
  const lb = b.length;
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
    const c = a.charCodeAt(i);
    const from = i > window ? i - window : 0;
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (fb[j] === 0 && b.charCodeAt(j) === c) {
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
    if (a.charCodeAt(i) !== b.charCodeAt(k)) outOfOrder++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - outOfOrder / 2) / matches) / 3;
  if (jaro <= BOOST_THRESHOLD) return jaro;

  const p = prefixScale >= 0 ? Math.min(prefixScale, 0.25) : 0; // also maps NaN to 0
  let prefix = 0;
  const maxPrefix = Math.min(MAX_PREFIX, la);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * p * (1 - jaro);
}
