import type { PartialDate } from '../model/types.js';

/**
 * Packs a partial date into one integer `yyyymmdd`, with 00 for an unknown month or day and 0 for no date,
 * so a million birth dates fit in one Int32Array.
 *
 * @example
 * packDate({ year: 1950, month: 3 }) //=> 19500300
 */
export function packDate(d: PartialDate | undefined): number {
  if (d === undefined) return 0;
  return d.year * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0);
}

/**
 * Inverse of {@link packDate}.
 *
 * @example
 * unpackDate(19500300) //=> { year: 1950, month: 3 }
 */
export function unpackDate(packed: number): PartialDate | undefined {
  if (packed <= 0) return undefined;
  const year = Math.floor(packed / 10000);
  const month = Math.floor(packed / 100) % 100;
  const day = packed % 100;
  if (month === 0) return { year };
  if (day === 0) return { year, month };
  return { year, month, day };
}
