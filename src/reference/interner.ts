import { digitCode } from './digitCode.js';
import { ownString } from './ownString.js';

/**
 * Stores each distinct string once and hands out small integer codes (0 = absent). Short digit strings
 * (administrative unit codes) are looked up by their numeric value, which spares hashing a fresh string
 * per row.
 */
export class Interner {
  private readonly codes = new Map<string, number>();
  private readonly digitCodes = new Map<number, number>();
  /** Code → string; index 0 is the absent value. */
  readonly values: (string | undefined)[] = [undefined];

  /** The code of `value`, adding it if new; 0 for `undefined`. */
  intern(value: string | undefined): number {
    if (value === undefined) return 0;
    const d = digitCode(value, 9);
    if (d >= 0) {
      const hit = this.digitCodes.get(d);
      if (hit !== undefined) return hit;
    }
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      const owned = ownString(value);
      this.values.push(owned);
      this.codes.set(owned, c);
    }
    if (d >= 0) this.digitCodes.set(d, c);
    return c;
  }

  /** An interner holding `values` (index 0 = absent) under the same codes. */
  static fromValues(values: readonly (string | undefined)[]): Interner {
    const out = new Interner();
    for (let c = 1; c < values.length; c++) {
      const v = values[c]!;
      out.values.push(v);
      out.codes.set(v, c);
      const d = digitCode(v, 9);
      if (d >= 0) out.digitCodes.set(d, c);
    }
    return out;
  }

  /** The code of `value` if known, else 0. */
  lookup(value: string | undefined): number {
    if (value === undefined) return 0;
    const d = digitCode(value, 9);
    return (d >= 0 ? this.digitCodes.get(d) : undefined) ?? this.codes.get(value) ?? 0;
  }
}
