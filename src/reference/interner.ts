import { digitCode } from './digitCode.js';
import { ownString } from './ownString.js';
import { slotOf } from './keyIndex.js';

/**
 * Stores each distinct string once and hands out small integer codes (0 = absent). Short digit strings
 * (administrative unit codes) are looked up by their numeric value, which spares hashing a fresh string
 * per row. Other strings go in an open-addressing table of their hashes: a lookup reads one slot of
 * adjacent integers and the one string it names, where a `Map` chases a chain of entries (interning a
 * million names was a fifth of reading a reference).
 */
export class Interner {
  /** Digit string's `digitCode` → its code, in an open-addressing table (-1 = empty slot). */
  private digitKeys = new Float64Array(64).fill(-1);
  private digitValues = new Int32Array(64);
  private digitsHeld = 0;
  /**
   * Slot `s` → hash of the string held (0 = empty slot) at `2s` and its code at `2s + 1`: side by side, one
   * cache miss per probe where two arrays took two (interning a part's names is mostly such misses).
   */
  private slots = new Int32Array(2048);
  private held = 0;
  /** Code → string; index 0 is the absent value. */
  readonly values: (string | undefined)[] = [undefined];

  /** The code of `value`, adding it if new; 0 for `undefined`. */
  intern(value: string | undefined): number {
    if (value === undefined) return 0;
    const d = digitCode(value, 9);
    if (d >= 0) {
      const hit = this.digitCode(d);
      if (hit > 0) return hit;
    }
    const h = hashOf(value);
    const mask = (this.slots.length >>> 1) - 1;
    let s = h & mask;
    for (let x = this.slots[2 * s]!; x !== 0; x = this.slots[2 * s]!) {
      if (x === h) {
        const c = this.slots[2 * s + 1]!;
        if (this.values[c] === value) {
          if (d >= 0) this.setDigitCode(d, c);
          return c;
        }
      }
      s = (s + 1) & mask;
    }
    const c = this.values.length;
    this.values.push(ownString(value));
    this.slots[2 * s] = h;
    this.slots[2 * s + 1] = c;
    if (++this.held * 2 > mask) this.grow();
    if (d >= 0) this.setDigitCode(d, c);
    return c;
  }

  /** An interner holding `values` (index 0 = absent) under the same codes. */
  static fromValues(values: readonly (string | undefined)[]): Interner {
    const out = new Interner();
    for (let c = 1; c < values.length; c++) {
      const v = values[c]!;
      out.values.push(v);
      out.place(hashOf(v), c);
      const d = digitCode(v, 9);
      if (d >= 0) out.setDigitCode(d, c);
    }
    return out;
  }

  /** The code of `value` if known, else 0. */
  lookup(value: string | undefined): number {
    if (value === undefined) return 0;
    const d = digitCode(value, 9);
    const hit = d >= 0 ? this.digitCode(d) : 0;
    if (hit > 0) return hit;
    const h = hashOf(value);
    const mask = (this.slots.length >>> 1) - 1;
    for (let s = h & mask, x = this.slots[2 * s]!; x !== 0; s = (s + 1) & mask, x = this.slots[2 * s]!) {
      if (x === h && this.values[this.slots[2 * s + 1]!] === value) return this.slots[2 * s + 1]!;
    }
    return 0;
  }

  /** The code held for a digit string's `digitCode`, or 0. */
  private digitCode(d: number): number {
    const mask = this.digitKeys.length - 1;
    for (let s = slotOf(d, mask), k = this.digitKeys[s]!; k !== -1; s = (s + 1) & mask, k = this.digitKeys[s]!) {
      if (k === d) return this.digitValues[s]!;
    }
    return 0;
  }

  /** Holds code `c` for a digit string's `digitCode` (not yet held). */
  private setDigitCode(d: number, c: number): void {
    if ((this.digitsHeld + 1) * 2 > this.digitKeys.length) {
      const keys = this.digitKeys;
      const values = this.digitValues;
      this.digitKeys = new Float64Array(keys.length * 2).fill(-1);
      this.digitValues = new Int32Array(keys.length * 2);
      this.digitsHeld = 0;
      for (let k = 0; k < keys.length; k++) if (keys[k] !== -1) this.setDigitCode(keys[k]!, values[k]!);
    }
    const mask = this.digitKeys.length - 1;
    let s = slotOf(d, mask);
    while (this.digitKeys[s] !== -1) s = (s + 1) & mask;
    this.digitKeys[s] = d;
    this.digitValues[s] = c;
    this.digitsHeld++;
  }

  /** Puts code `c` (of a string hashing to `h`, not yet held) in a free slot. */
  private place(h: number, c: number): void {
    const mask = (this.slots.length >>> 1) - 1;
    let s = h & mask;
    while (this.slots[2 * s] !== 0) s = (s + 1) & mask;
    this.slots[2 * s] = h;
    this.slots[2 * s + 1] = c;
    if (++this.held * 2 > mask) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const slots = (this.slots = new Int32Array(old.length * 2));
    const mask = (slots.length >>> 1) - 1;
    for (let k = 0; k < old.length; k += 2) {
      const h = old[k]!;
      if (h === 0) continue;
      let s = h & mask;
      while (slots[2 * s] !== 0) s = (s + 1) & mask;
      slots[2 * s] = h;
      slots[2 * s + 1] = old[k + 1]!;
    }
  }
}

/** FNV-1a over the UTF-16 code units, mixed, never 0 (the empty slot). */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h | 1;
}
