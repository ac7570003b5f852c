/**
 * String columns packed as a few long texts and end offsets: how a snapshot carries a million strings to a
 * worker (one copy of a few texts instead of a million small ones) and how a restored index holds a column
 * it reads only now and then.
 */

/** A string column packed as a few long texts and end offsets (`undefined` entries flagged in `absent`). */
export interface PackedStrings {
  readonly length: number;
  /** The values concatenated, cut into chunks that stay well under the engine's string-length limit. */
  readonly texts: readonly string[];
  /** Index of the first value held by each chunk. */
  readonly chunkStart: Int32Array;
  /** End offset of each value within its chunk. */
  readonly ends: Int32Array;
  /** 1 where the value is `undefined` (absent when none is). */
  readonly absent?: Uint8Array;
}

// Characters per packed chunk: far below V8's ~2^29 limit, so a 10M-citizen address column still packs.
const CHUNK_CHARS = 1 << 26;

/**
 * Packs a string column (see {@link PackedStrings}); `chunkChars` bounds each chunk's length (a longer
 * single value gets a chunk of its own).
 *
 * @example
 * unpackStrings(packStrings(['an', undefined, 'bình'])) //=> ['an', undefined, 'bình']
 */
export function packStrings(values: readonly (string | undefined)[], chunkChars: number = CHUNK_CHARS): PackedStrings {
  const n = values.length;
  const ends = new Int32Array(n);
  const chunkStart: number[] = [0];
  const texts: string[] = [];
  let absent: Uint8Array | undefined;
  let at = 0;
  let from = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const len = v === undefined ? 0 : v.length;
    if (at + len > chunkChars && i > from) {
      texts.push(values.slice(from, i).join(''));
      chunkStart.push(i);
      from = i;
      at = 0;
    }
    if (v === undefined) (absent ??= new Uint8Array(n))[i] = 1;
    at += len;
    ends[i] = at;
  }
  texts.push(values.slice(from).join(''));
  const out: { length: number; texts: string[]; chunkStart: Int32Array; ends: Int32Array; absent?: Uint8Array } = { length: n, texts, chunkStart: Int32Array.from(chunkStart), ends };
  if (absent !== undefined) out.absent = absent;
  return out;
}

/**
 * The values of a {@link packStrings} column. Values are slices of the chunk texts, which keeps them compact.
 *
 * @example
 * unpackStrings(packStrings(['001089012345'])) //=> ['001089012345']
 */
export function unpackStrings(p: PackedStrings): (string | undefined)[] {
  const out = new Array<string | undefined>(p.length);
  const chunks = p.texts.length;
  for (let c = 0; c < chunks; c++) {
    const text = p.texts[c]!;
    const first = p.chunkStart[c]!;
    const last = c + 1 < chunks ? p.chunkStart[c + 1]! : p.length;
    let start = 0;
    for (let i = first; i < last; i++) {
      const end = p.ends[i]!;
      out[i] = p.absent !== undefined && p.absent[i] === 1 ? undefined : text.slice(start, end);
      start = end;
    }
  }
  return out;
}

/**
 * Value `i` of a {@link packStrings} column, without unpacking the others (undefined out of range, as an
 * array's would be).
 *
 * @example
 * packedStringAt(packStrings(['an', undefined, 'bình']), 2) //=> 'bình'
 */
export function packedStringAt(p: PackedStrings, i: number): string | undefined {
  if (!((i | 0) === i && i >= 0 && i < p.length) || (p.absent !== undefined && p.absent[i] === 1)) return undefined;
  // The last chunk starting at or before i.
  const starts = p.chunkStart;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return p.texts[lo]!.slice(i === starts[lo] ? 0 : p.ends[i - 1]!, p.ends[i]!);
}
