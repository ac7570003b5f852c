/**
 * String columns packed as a few long texts and end offsets: how an index holds its ID and address columns
 * (read one value at a time; packed as the reference is read), and how a snapshot carries them to a worker
 * (one copy of a few texts instead of a million small strings).
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

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * @internal `s`, stored one byte per character when it is all ASCII. Values cut from a text holding any
 * other character (a CSV chunk with Vietnamese names) take two bytes per character, and so does their join:
 * an ID column packed from them would be twice its size in memory and in every copy sent to a worker.
 *
 * @example
 * compactAscii('001089012345') //=> '001089012345' (one byte per character)
 */
export function compactAscii(s: string): string {
  // Tested first, so a long text that must stay two-byte is never encoded (a 64M-character chunk would take
  // a buffer three times that).
  if (s.length === 0 || NON_ASCII.test(s)) return s;
  return decoder.decode(encoder.encode(s));
}

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
      texts.push(compactAscii(values.slice(from, i).join('')));
      chunkStart.push(i);
      from = i;
      at = 0;
    }
    if (v === undefined) (absent ??= new Uint8Array(n))[i] = 1;
    at += len;
    ends[i] = at;
  }
  texts.push(compactAscii(values.slice(from).join('')));
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
  const cursor = new PackedStringsCursor(p);
  for (let i = 0; i < p.length; i++) out[i] = cursor.next();
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
  const c = lastAtOrBefore(p.chunkStart, i);
  return p.texts[c]!.slice(i === p.chunkStart[c] ? 0 : p.ends[i - 1]!, p.ends[i]!);
}

/**
 * @internal The position of the last of ascending `starts` (the first of them at most `i`) that is at most
 * `i`: which chunk or part holds item `i`.
 */
export function lastAtOrBefore(starts: ArrayLike<number>, i: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// Values joined into one block string at a time: a block costs one array of pending values, not one
// retained string per value.
const BLOCK_VALUES = 4096;

/**
 * Packs a string column as it is appended to: the same {@link PackedStrings} as `packStrings` over the
 * values pushed, without holding each value as its own string until the end (a million IDs held apart cost
 * ~40 MB and the collector's time to mark them).
 *
 * @internal
 */
export class PackedStringsBuilder {
  private readonly texts: string[] = [];
  private readonly chunkStart: number[] = [0];
  private ends: Int32Array;
  private absent: Uint8Array | undefined;
  /** Joined blocks of the current chunk, and values not yet joined into a block. */
  private blocks: string[] = [];
  private pending: string[] = [];
  /** Characters in the current chunk so far; index of its first value. */
  private at = 0;
  private from = 0;
  length = 0;

  constructor(
    capacity = 1024,
    private readonly chunkChars: number = CHUNK_CHARS,
  ) {
    this.ends = new Int32Array(Math.max(16, capacity));
  }

  push(v: string | undefined): void {
    if (this.length < 0) throw new Error('PackedStringsBuilder.push called after finish()');
    const len = v === undefined ? 0 : v.length;
    const i = this.length;
    if (this.at + len > this.chunkChars && i > this.from) this.closeChunk(i);
    if (v === undefined) {
      if (this.absent === undefined || this.absent.length <= i) this.absent = grown(this.absent, Math.max(this.ends.length, 2 * i + 16));
      this.absent[i] = 1;
    } else if (len > 0) {
      this.pending.push(v);
      if (this.pending.length === BLOCK_VALUES) {
        this.blocks.push(compactAscii(this.pending.join('')));
        this.pending = [];
      }
    }
    this.at += len;
    if (i === this.ends.length) {
      const next = new Int32Array(this.ends.length * 2);
      next.set(this.ends);
      this.ends = next;
    }
    this.ends[i] = this.at;
    this.length = i + 1;
  }

  /** The column packed; the builder cannot be used afterwards. */
  finish(): PackedStrings {
    if (this.length < 0) throw new Error('PackedStringsBuilder.finish called twice');
    this.closeChunk(this.length);
    const n = this.length;
    const out: { length: number; texts: string[]; chunkStart: Int32Array; ends: Int32Array; absent?: Uint8Array } = {
      length: n,
      texts: this.texts,
      // The last chunk's start is where a next one would have started.
      chunkStart: Int32Array.from(this.chunkStart.slice(0, -1)),
      ends: this.ends.slice(0, n),
    };
    if (this.absent !== undefined) out.absent = this.absent.length === n ? this.absent : grown(this.absent, n);
    this.length = -1;
    return out;
  }

  private closeChunk(next: number): void {
    if (this.pending.length > 0) this.blocks.push(compactAscii(this.pending.join('')));
    this.texts.push(this.blocks.length === 1 ? this.blocks[0]! : this.blocks.join(''));
    this.chunkStart.push(next);
    this.blocks = [];
    this.pending = [];
    this.from = next;
    this.at = 0;
  }
}

/** `a` copied into a zeroed array of `n` entries (truncated if longer). */
function grown(a: Uint8Array | undefined, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (a !== undefined) out.set(a.length > n ? a.subarray(0, n) : a);
  return out;
}

/**
 * Reads a {@link PackedStrings} column's values in order, one `next()` per value, without unpacking it;
 * `nextRange()` reads a value's place in its chunk without cutting it out.
 *
 * @internal
 */
export class PackedStringsCursor {
  private i = 0;
  private chunk = 0;
  /** After `nextRange()`: the chunk text holding the value, and where it starts and ends there. */
  text = '';
  from = 0;
  end = 0;

  constructor(private readonly p: PackedStrings) {
    this.text = p.texts[0] ?? '';
  }

  /** Moves to the next value: false when it is absent (or past the end), else its place is in `text`, `from`, `end`. */
  nextRange(): boolean {
    const p = this.p;
    const i = this.i++;
    if (i >= p.length) return false;
    // Entering the next chunk: offsets restart at 0.
    if (this.chunk + 1 < p.chunkStart.length && p.chunkStart[this.chunk + 1] === i) {
      this.text = p.texts[++this.chunk]!;
      this.end = 0;
    }
    this.from = this.end;
    this.end = p.ends[i]!;
    return p.absent === undefined || p.absent[i] !== 1;
  }

  next(): string | undefined {
    return this.nextRange() ? this.text.slice(this.from, this.end) : undefined;
  }
}
