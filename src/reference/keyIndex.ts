import { digitCode } from './digitCode.js';
import { ownString } from './ownString.js';
import { newTable } from './sharedTables.js';

/**
 * Slot of a non-negative integer key in an open-addressing table of `mask + 1` slots. The high and low
 * halves are mixed: IDs share prefixes, so the low bits alone cluster.
 *
 * @example
 * slotOf(1089012345, 1023) // a slot in 0..1023
 */
export function slotOf(code: number, mask: number): number {
  const lo = code | 0;
  const hi = (code / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) & mask;
}

/**
 * A compact map from ID strings to row numbers. Digit strings of up to 14 characters (every Vietnamese
 * personal ID and CMND) live in an open-addressing table of typed arrays: about 12 bytes per entry instead
 * of a Map entry and a string key. Anything else falls back to a Map.
 */
export class KeyIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  /**
   * A Bloom filter of the keys: two bits in one 32-bit word per key, from a hash independent of the slot's,
   * in 8 bits per slot (16–32 per key). Typo probing asks about ~240 variants of an ID that are almost all
   * absent; this 2 MB-per-million filter answers ~97 % of them from one word, where a miss in the 24 MB
   * table costs a cache and TLB miss each (one bit per key in 4 bits per slot let 11 % through and the
   * probe took twice as long).
   */
  private filter: Int32Array;
  private used = 0;
  /**
   * Bit `n` set when some digit key has `n` digits. Typo probing asks each table about ~120 variants of an
   * ID; a table that holds no key of that length (9-digit CMND former IDs, probed with a 12-digit ID's
   * variants) answers them all from this word.
   */
  private lengths = 0;
  private readonly other = new Map<string, number>();
  /** Set for an index over another's tables (see {@link fromData}): those may be shared, so never written. */
  private readOnly = false;

  /** The tables as plain data (shared, not copied), for `snapshotReference`. */
  toData(): KeyIndexData {
    return { keys: this.keys, values: this.values, filter: this.filter, used: this.used, lengths: this.lengths, other: [...this.other] };
  }

  /** An index over tables from {@link toData} (used as they are: the caller must not mutate them). */
  static fromData(data: KeyIndexData): KeyIndex {
    const k = new KeyIndex(0);
    k.keys = data.keys;
    k.values = data.values;
    k.filter = data.filter;
    k.mask = data.keys.length - 1;
    k.used = data.used;
    if (data.lengths !== undefined) k.lengths = data.lengths;
    else {
      // Data without it (a reference cache written before it was kept): a pass over the table, ~70 ms at 1M IDs.
      for (let s = 0; s < data.keys.length; s++) {
        const code = data.keys[s]!;
        if (code >= 0) k.lengths |= 1 << code % 16;
      }
    }
    for (const [key, v] of data.other) k.other.set(key, v);
    k.readOnly = true;
    return k;
  }

  /** `shared`: tables in shared memory (see `BuildReferenceOptions.shared`). */
  constructor(
    expected = 1024,
    private readonly shared = false,
  ) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.keys = newTable(Float64Array, cap, shared).fill(-1);
    this.values = newTable(Int32Array, cap, shared);
    this.mask = cap - 1;
    this.filter = newTable(Int32Array, cap >>> 2, shared);
  }

  /** Filter hash of a code, independent of `slot`'s (see {@link filterWord}, {@link filterMask}). */
  private filterHash(code: number): number {
    // ToInt32 is the value modulo 2³² (as `code % 4294967296 | 0`, without a floating-point remainder).
    const lo = code | 0;
    const hi = (code / 4294967296) | 0;
    let h = Math.imul(hi ^ Math.imul(lo, 0xcc9e2d51), 0x1b873593);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h >>> 0;
  }

  /** Whether the filter may hold `code` (false: it certainly does not). */
  private mayHold(code: number): boolean {
    const h = this.filterHash(code);
    const m = filterMask(h);
    return (this.filter[filterWord(h, this.filter.length)]! & m) === m;
  }

  /** Number of keys held. */
  get size(): number {
    return this.used + this.other.size;
  }

  private slot(code: number): number {
    return slotOf(code, this.mask);
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = newTable(Float64Array, oldKeys.length * 2, this.shared).fill(-1);
    this.values = newTable(Int32Array, oldKeys.length * 2, this.shared);
    this.mask = this.keys.length - 1;
    this.filter = newTable(Int32Array, this.keys.length >>> 2, this.shared);
    this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k >= 0) this.insertCode(k, oldValues[i]!);
    }
  }

  private insertCode(code: number, value: number): number {
    let s = this.slot(code);
    for (;;) {
      const k = this.keys[s]!;
      if (k === -1) {
        this.keys[s] = code;
        this.values[s] = value;
        this.used++;
        this.lengths |= 1 << code % 16;
        const h = this.filterHash(code);
        this.filter[filterWord(h, this.filter.length)]! |= filterMask(h);
        return -1;
      }
      if (k === code) return this.values[s]!;
      s = (s + 1) & this.mask;
    }
  }

  /** Adds `key → value` unless the key is present; returns the existing value, or -1 if it was added. */
  setIfAbsent(key: string, value: number): number {
    if (this.readOnly) throw new Error('this ID index reads tables it does not own and cannot be changed');
    const code = digitCode(key, 14);
    if (code < 0) {
      const prev = this.other.get(key);
      if (prev !== undefined) return prev;
      // Its own copy: a cell cut from a read chunk would keep the chunk alive.
      this.other.set(ownString(key), value);
      return -1;
    }
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    return this.insertCode(code, value);
  }

  /**
   * The value stored for the digit string whose value is `value` and length `length` (≤ 14), or -1.
   * Lets callers probe arithmetic variants of an ID (one digit changed) without building strings.
   */
  getDigits(value: number, length: number): number {
    if (length <= 0 || length > 14 || value < 0 || (this.lengths & (1 << length)) === 0) return -1;
    const code = value * 16 + length;
    return this.mayHold(code) ? this.getCode(code) : -1;
  }

  /**
   * Loads the slot where {@link get} starts looking for `key` and returns a value made from the load, so
   * that callers can load many slots in one loop (their cache misses overlap) before looking each up.
   */
  touch(key: string): number {
    const code = digitCode(key, 14);
    if (code < 0) return 0;
    const s = this.slot(code);
    return this.values[s]! ^ (this.keys[s]! === code ? 1 : 0);
  }

  /** The value stored for `key`, or -1. */
  get(key: string): number {
    const code = digitCode(key, 14);
    return code < 0 ? (this.other.get(key) ?? -1) : this.getCode(code);
  }

  private getCode(code: number): number {
    let s = this.slot(code);
    for (;;) {
      const k = this.keys[s]!;
      if (k === -1) return -1;
      if (k === code) return this.values[s]!;
      s = (s + 1) & this.mask;
    }
  }
}

/** The filter word of a filter hash, in a filter of `words` words (a power of two): its low bits. */
function filterWord(h: number, words: number): number {
  return h & (words - 1);
}

/** The two bits a filter hash sets in its word (one bit when both positions coincide), from its remix's top bits. */
function filterMask(h: number): number {
  const g = Math.imul(h, 0x9e3779b1);
  return (1 << ((g >>> 22) & 31)) | (1 << (g >>> 27));
}

/** A {@link KeyIndex}'s tables as plain data. */
export interface KeyIndexData {
  readonly keys: Float64Array;
  readonly values: Int32Array;
  readonly filter: Int32Array;
  readonly used: number;
  /** Bit `n` set when some digit key has `n` digits (computed from `keys` when absent). */
  readonly lengths?: number;
  readonly other: readonly (readonly [string, number])[];
}
