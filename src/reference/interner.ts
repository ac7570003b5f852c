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
    const d = digitKey(value);
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
      const d = digitKey(v);
      if (d >= 0) out.digitCodes.set(d, c);
    }
    return out;
  }

  /** The code of `value` if known, else 0. */
  lookup(value: string | undefined): number {
    if (value === undefined) return 0;
    const d = digitKey(value);
    return (d >= 0 ? this.digitCodes.get(d) : undefined) ?? this.codes.get(value) ?? 0;
  }
}

/** `value` × 16 + length for a string of 1–9 ASCII digits (so "01" and "1" differ), else -1. */
function digitKey(s: string): number {
  const n = s.length;
  if (n === 0 || n > 9) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v * 16 + n;
}
