/**
 * The 12-digit IDs of an ID table bucketed by their first six digits and, again, by their last six, so that
 * the IDs one typing error from a given one are found by scanning two small buckets instead of probing the
 * table for each of its ~120 variants (each probe a hash and a likely cache miss: ~19 µs per mistyped ID at
 * 1M citizens). A variant differs from the ID in one half only, except for a transposition across the
 * middle: it sits in the bucket of the half it keeps.
 */
import type { Allocate } from './sharedTables.js';

/**
 * A {@link buildIdNeighbours} structure (plain typed arrays: it travels in snapshots). Each entry is three
 * numbers side by side: a half of the ID (the key, ascending), the other half as six 4-bit digits (the last
 * digit lowest), and the entry's value in the ID table.
 */
export interface IdNeighbours {
  /** Entries keyed by the first six digits. */
  readonly byHead: Int32Array;
  /** The same entries keyed by the last six digits. */
  readonly byTail: Int32Array;
}


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

/** The number whose six digits {@link digitNibbles} gave. */
function fromNibbles(n: number): number {
  let v = 0;
  for (let shift = 20; shift >= 0; shift -= 4) v = v * 10 + ((n >>> shift) & 15);
  return v;
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
 * n.byHead.length / 3 // the number of 12-digit IDs in the table
 */
export function buildIdNeighbours(keys: Float64Array, values: Int32Array, allocate: Allocate): IdNeighbours {
  let n = 0;
  for (let s = 0; s < keys.length; s++) if (keys[s]! >= 0 && lengthOf(keys[s]!) === ID_LENGTH) n++;
  // Entries as (first half, last half as nibbles, value), in table order; then the same sorted by first half.
  const input = new Int32Array(n * 3);
  for (let s = 0, e = 0; s < keys.length; s++) {
    const code = keys[s]!;
    if (code < 0 || lengthOf(code) !== ID_LENGTH) continue;
    const v = (code - ID_LENGTH) / 16;
    const h = Math.floor(v / HALF);
    input[e] = h;
    input[e + 1] = digitNibbles(v - h * HALF);
    input[e + 2] = values[s]!;
    e += 3;
  }
  const scratch = new Int32Array(n * 3);
  const byHead = allocate(Int32Array, n * 3);
  sortTriples(input, scratch, byHead);
  // Keyed by the last half instead, from the sorted entries (the input is free again).
  for (let e = 0; e < n * 3; e += 3) {
    const h = byHead[e]!;
    input[e] = fromNibbles(byHead[e + 1]!);
    input[e + 1] = digitNibbles(h);
    input[e + 2] = byHead[e + 2]!;
  }
  const byTail = allocate(Int32Array, n * 3);
  sortTriples(input, scratch, byTail);
  return { byHead, byTail };
}

/** An ID table's slots, as `KeyIndex.toData` gives them. */
export interface IdTableSlots {
  readonly keys: Float64Array;
  readonly values: Int32Array;
}

/**
 * The {@link IdNeighbours} of an index's current and former ID tables (what `ReferenceIndex.idNeighbours`
 * memoises, and what a worker thread builds for another).
 *
 * @example
 * const { current, former } = buildReferenceNeighbours(byId.toData(), byFormerId.toData(), (C, len) => new C(len));
 */
export function buildReferenceNeighbours(current: IdTableSlots, former: IdTableSlots, allocate: Allocate): { readonly current: IdNeighbours; readonly former: IdNeighbours } {
  return { current: buildIdNeighbours(current.keys, current.values, allocate), former: buildIdNeighbours(former.keys, former.values, allocate) };
}

/**
 * Sorts the triples of `from` by their first number (< 10⁶) into `to`, through `scratch`: a radix sort on
 * three digits at a time that moves the triples themselves, so every pass reads in order and writes to
 * 1,000 places that each advance in order (sorting positions and gathering the entries after cost a cache
 * miss per entry: several times slower; three arrays side by side instead of triples cost a TLB miss per
 * write at 10M entries).
 */
function sortTriples(from: Int32Array, scratch: Int32Array, to: Int32Array): void {
  const n = from.length;
  const count = new Int32Array(1001);
  for (const [div, source, target] of [
    [1, from, scratch],
    [1000, scratch, to],
  ] as const) {
    count.fill(0);
    for (let e = 0; e < n; e += 3) count[(((source[e]! / div) | 0) % 1000) + 1]!++;
    for (let d = 0; d < 1000; d++) count[d + 1]! += count[d]!;
    for (let e = 0; e < n; e += 3) {
      const key = source[e]!;
      const at = count[((key / div) | 0) % 1000]!++ * 3;
      target[at] = key;
      target[at + 1] = source[e + 1]!;
      target[at + 2] = source[e + 2]!;
    }
  }
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
  scan(n.byHead, h, digitNibbles(t), 11, table, out);
  scan(n.byTail, t, digitNibbles(h), 5, table, out);
}

/** The entries of bucket `key` one edit from `nibbles` in the other half, whose last digit is at position `last`. */
function scan(entries: Int32Array, key: number, nibbles: number, last: number, table: number, out: number[]): void {
  // The bucket's first entry (lower bound of `key`), counted in entries of three numbers.
  let lo = 0;
  let hi = entries.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid * 3]! < key) lo = mid + 1;
    else hi = mid;
  }
  for (let e = lo * 3; e < entries.length && entries[e] === key; e += 3) {
    const other = entries[e + 1]!;
    const x = other ^ nibbles;
    // One bit per differing digit, at the bottom of its nibble.
    const m = (x | (x >>> 1) | (x >>> 2) | (x >>> 3)) & 0x111111;
    if (m === 0) continue;
    const low = m & -m;
    const j = 31 - Math.clz32(low);
    if (m === low) {
      // One digit differs: the variant with this entry's digit at that position.
      out.push(((last - (j >>> 2)) * 10 + ((other >>> j) & 15)) * 2 + table, entries[e + 2]!);
    } else if (m === low * 17 && ((other >>> j) & 15) === ((nibbles >>> (j + 4)) & 15) && ((other >>> (j + 4)) & 15) === ((nibbles >>> j) & 15)) {
      // Two neighbouring digits differ, swapped: the transposition starting at the left one.
      out.push((120 + last - (j >>> 2) - 1) * 2 + table, entries[e + 2]!);
    }
  }
}
