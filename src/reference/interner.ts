/** Stores each distinct string once and hands out small integer codes (0 = absent). */
export class Interner {
  private readonly codes = new Map<string, number>();
  /** Code → string; index 0 is the absent value. */
  readonly values: (string | undefined)[] = [undefined];

  /** The code of `value`, adding it if new; 0 for `undefined`. */
  intern(value: string | undefined): number {
    if (value === undefined) return 0;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }

  /** An interner holding `values` (index 0 = absent) under the same codes. */
  static fromValues(values: readonly (string | undefined)[]): Interner {
    const out = new Interner();
    for (let c = 1; c < values.length; c++) {
      const v = values[c]!;
      out.values.push(v);
      out.codes.set(v, c);
    }
    return out;
  }

  /** The code of `value` if known, else 0. */
  lookup(value: string | undefined): number {
    return value === undefined ? 0 : (this.codes.get(value) ?? 0);
  }
}
