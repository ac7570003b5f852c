/** A small seeded PRNG (mulberry32): the sample data must be identical on every machine and run. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Picks by weight from `[item, weight]` pairs using a prepared cumulative table. */
  weighted<T>(table: WeightedTable<T>): T {
    const x = this.next() * table.total;
    let lo = 0;
    let hi = table.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return table.items[lo]!;
  }
}

/** Cumulative weights for {@link Random.weighted}. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Prepares a weighted table. */
export function weightedTable<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
  let total = 0;
  const cumulative: number[] = [];
  for (const [, w] of pairs) {
    total += w;
    cumulative.push(total);
  }
  return { items: pairs.map(([t]) => t), cumulative, total };
}
