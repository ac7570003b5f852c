/**
 * The 12-digit IDs of an ID table bucketed by their first six digits and, again, by their last six, so that
 * the IDs one typing error from a given one are found by scanning two small buckets instead of probing the
 * table for each of its ~120 variants (each probe a hash and a likely cache miss: ~19 µs per mistyped ID at
 * 1M citizens). A variant differs from the ID in one half only, except for a transposition across the
 * middle: it sits in the bucket of the half it keeps.
 */
import type { TypedArray } from './snapshot.js';

/** A {@link buildIdNeighbours} structure (plain typed arrays: it travels in snapshots). */
export interface IdNeighbours {
  /** Per entry, ascending: the first six digits of the ID; the last six as nibbles (one digit per 4 bits); its value in the table. */
  readonly heads: Int32Array;
  readonly headTails: Int32Array;
  readonly headValues: Int32Array;
  /** The same entries ordered by their last six digits, with the first six as nibbles. */
  readonly tails: Int32Array;
  readonly tailHeads: Int32Array;
  readonly tailValues: Int32Array;
}

/** Allocates a zeroed typed array (plain or shared: see `tableFor`). */
export type Allocate = <T extends TypedArray>(Ctor: { new (length: number): T; new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }, length: number) => T;

const HALF = 1e6;
const ID_LENGTH = 12;

/** The six decimal digits of `v` (< 10⁶), one per 4 bits, the last digit lowest. */
export function digitNibbles(v: number): number {
  // Integer arithmetic throughout: `%` on a value the engine holds as a double is a library call.
  let x = v | 0;
  let out = 0;
  for (let shift = 0; shift < 24; shift += 4) {
    const q = (x / 10) | 0;
    out |= (x - q * 10) << shift;
    x = q;
  }
  return out;
}

/** The length digit of an ID table code (value × 16 + length), without a floating-point `%`. */
function lengthOf(code: number): number {
  return code - Math.floor(code / 16) * 16;
}

/**
 * Buckets the 12-digit keys of an ID table given as its slots (`keys`: value × 16 + length, negative when
 * empty; `values` alongside).
 *
 * @example
 * const n = buildIdNeighbours(keyIndex.toData().keys, keyIndex.toData().values, (C, len) => new C(len));
 * n.heads.length // the number of 12-digit IDs in the table
 */
export function buildIdNeighbours(keys: Float64Array, values: Int32Array, allocate: Allocate): IdNeighbours {
  let n = 0;
  for (let s = 0; s < keys.length; s++) if (keys[s]! >= 0 && lengthOf(keys[s]!) === ID_LENGTH) n++;
  const head = new Int32Array(n);
  const tail = new Int32Array(n);
  const headNibbles = new Int32Array(n);
  const tailNibbles = new Int32Array(n);
  const value = new Int32Array(n);
  for (let s = 0, e = 0; s < keys.length; s++) {
    const code = keys[s]!;
    if (code < 0 || lengthOf(code) !== ID_LENGTH) continue;
    const v = (code - ID_LENGTH) / 16;
    const h = Math.floor(v / HALF);
    const t = v - h * HALF;
    head[e] = h;
    tail[e] = t;
    headNibbles[e] = digitNibbles(head[e]!);
    tailNibbles[e] = digitNibbles(t);
    value[e++] = values[s]!;
  }
  const scratch: [Int32Array, Int32Array, Int32Array] = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  const [heads, headTails, headValues] = sortByKey(head, tailNibbles, value, allocate, scratch);
  const [tails, tailHeads, tailValues] = sortByKey(tail, headNibbles, value, allocate, scratch);
  return { heads, headTails, headValues, tails, tailHeads, tailValues };
}

/**
 * Entries (`keys` < 10⁶, with `a` and `b` alongside) in ascending key order: a radix sort on three digits
 * at a time that moves the entries themselves, so every pass reads in order and writes to 1,000 places that
 * each advance in order (a permutation gathered at the end cost a cache miss per entry: 10× slower).
 */
function sortByKey(keys: Int32Array, a: Int32Array, b: Int32Array, allocate: Allocate, scratch: [Int32Array, Int32Array, Int32Array]): [Int32Array, Int32Array, Int32Array] {
  const n = keys.length;
  const out: [Int32Array, Int32Array, Int32Array] = [allocate(Int32Array, n), allocate(Int32Array, n), allocate(Int32Array, n)];
  const count = new Int32Array(1001);
  let from: [Int32Array, Int32Array, Int32Array] = [keys, a, b];
  for (const [div, to] of [[1, scratch], [1000, out]] as const) {
    count.fill(0);
    const [k0, a0, b0] = from;
    const [k1, a1, b1] = to;
    for (let e = 0; e < n; e++) count[(((k0[e]! / div) | 0) % 1000) + 1]!++;
    for (let d = 0; d < 1000; d++) count[d + 1]! += count[d]!;
    for (let e = 0; e < n; e++) {
      const key = k0[e]!;
      const at = count[((key / div) | 0) % 1000]!++;
      k1[at] = key;
      a1[at] = a0[e]!;
      b1[at] = b0[e]!;
    }
    from = to;
  }
  return out;
}

/**
 * Adds to `out`, for every entry of `n` one substitution or one adjacent transposition from the 12-digit ID
 * `v` within one half, `variant × 2 + table` and the entry's value as two numbers. Variants are numbered as
 * `ReferenceIndex.findOneEditAway` probes them: digit `c` at position `k` is `k × 10 + c`; the transposition
 * of positions `k` and `k + 1` is `120 + k`. The transposition of positions 5 and 6 is not found here.
 */
export function oneEditNeighbours(n: IdNeighbours, v: number, table: number, out: number[]): void {
  const h = Math.floor(v / HALF);
  const t = v - h * HALF;
  scan(n.heads, n.headTails, n.headValues, h, digitNibbles(t), 11, table, out);
  scan(n.tails, n.tailHeads, n.tailValues, t, digitNibbles(h), 5, table, out);
}

/** The entries of bucket `key` one edit from `nibbles` in the other half, whose last digit is at position `last`. */
function scan(keys: Int32Array, halves: Int32Array, values: Int32Array, key: number, nibbles: number, last: number, table: number, out: number[]): void {
  // The bucket's first entry (lower bound of `key`).
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  for (let e = lo; e < keys.length && keys[e] === key; e++) {
    const other = halves[e]!;
    const x = other ^ nibbles;
    // One bit per differing digit, at the bottom of its nibble.
    const m = (x | (x >>> 1) | (x >>> 2) | (x >>> 3)) & 0x111111;
    if (m === 0) continue;
    const low = m & -m;
    const j = 31 - Math.clz32(low);
    if (m === low) {
      // One digit differs: the variant with this entry's digit at that position.
      out.push(((last - (j >>> 2)) * 10 + ((other >>> j) & 15)) * 2 + table, values[e]!);
    } else if (m === low * 17 && ((other >>> j) & 15) === ((nibbles >>> (j + 4)) & 15) && ((other >>> (j + 4)) & 15) === ((nibbles >>> j) & 15)) {
      // Two neighbouring digits differ, swapped: the transposition starting at the left one.
      out.push((120 + last - (j >>> 2) - 1) * 2 + table, values[e]!);
    }
  }
}
