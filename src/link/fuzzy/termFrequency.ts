/**
 * The reference's names as interned skeleton tokens, and the frequencies of surnames, middle names and
 * given names. Built once per reference (via `memo`) and shared by blocking, scoring and term-frequency
 * adjustment: a few typed arrays instead of one object per citizen.
 */
import { nameWords, wordSkeleton } from '../../normalise/name.js';
import type { ReferenceIndex } from '../../reference/referenceIndex.js';
import { tableFor, trimmedFor } from '../../reference/sharedTables.js';
import { PackedStringsCursor } from '../../reference/packedStrings.js';

/** Every citizen's name as token ids, with token and part frequencies. */
export interface NameTable {
  /** Skeleton token strings; a token's id is its position. */
  readonly vocab: readonly string[];
  /** Token id of a skeleton token, or undefined when no citizen uses it. */
  readonly tokenId: ReadonlyMap<string, number>;
  /** Citizen `i`'s tokens are `tokens[start[i]]..tokens[start[i+1]]` (empty when the name is missing). */
  readonly start: Int32Array;
  readonly tokens: Int32Array;
  /** Interned middle-name sequence per citizen (0 = none); see `middleId`. */
  readonly middle: Int32Array;
  readonly middleId: ReadonlyMap<string, number>;
  /** How many citizens have token `t` as surname (first word), as given name (last word). */
  readonly surnameCount: Int32Array;
  readonly givenCount: Int32Array;
  /** How many citizens have each middle sequence (index = middle id). */
  readonly middleCount: Int32Array;
  /** Citizens with a name. */
  readonly named: number;
  /** UTF-16 code units of every vocabulary token, token `t` at `vocabChars[vocabStart[t]]..vocabChars[vocabStart[t+1]]`. */
  readonly vocabChars: Uint16Array;
  readonly vocabStart: Int32Array;
  /**
   * Each citizen's comparison fields packed side by side, {@link CITIZEN_ROW} int32 from `i * CITIZEN_ROW`
   * (see {@link ROW}): packed birth date, gender | province << 2, commune, token count, name code (the
   * position of the citizen's spelling among the reference's distinct names, -1 without a name), the ID as
   * digits, then the first four token ids. Scoring reads one 48-byte row per candidate instead of missing
   * the cache once per column.
   */
  readonly rows: Int32Array;
}

/**
 * Positions in a {@link NameTable.rows} row. `idHigh`/`idLow` hold an all-digit current ID of up to 15
 * digits as `high * 1e6 + low`, and `idMeta` its length | 16 when it is held that way | 32 when the citizen
 * has former IDs, so the fuzzy linker compares IDs without touching the ID strings.
 */
export const ROW = { birth: 0, genderProvince: 1, commune: 2, tokens: 3, nameCode: 4, idHigh: 5, idLow: 6, idMeta: 7, token0: 8 } as const;
// A distinct name in buildNameTable's flat table: its token count and middle-name code, and its
// tokens inline when it has at most four (else where they start in an overflow list).
const ENTRY = 8;
const E_COUNT = 0;
const E_MIDDLE = 1;
const E_OVERFLOW = 2;
const E_TOKEN0 = 3;
/** Int32 values per citizen in {@link NameTable.rows}. */
export const CITIZEN_ROW = 12;
/** `idMeta` flags (the low 4 bits are the ID's length). */
export const ID_DIGITS = 16;
export const ID_HAS_FORMER = 32;

/**
 * The name table of a reference, built on first use and memoised on the index.
 *
 * @example
 * nameTable(ref).vocab.length //=> 5
 */
export function nameTable(reference: ReferenceIndex): NameTable {
  return reference.memo('fuzzy:names', () => finishNameTable(reference, nameTokens(reference)));
}

/**
 * The first stage of a {@link NameTable}: every citizen's name as token ids, and the frequencies. Blocking
 * indexes need only this, so the worker that indexes the reference hands it to another worker, which builds
 * some of them while this one packs the rows.
 */
export type NameTokens = Pick<NameTable, 'vocab' | 'tokenId' | 'start' | 'tokens' | 'middle' | 'middleId' | 'surnameCount' | 'givenCount' | 'middleCount' | 'named'>;

/**
 * Builds the name table in two stages: the tokens now, the rest with `finish` (which memoises the table as
 * {@link nameTable} would have, or returns the table already memoised). The tokens are built anew each call:
 * use it before the table is built.
 *
 * @example
 * const staged = stagedNameTable(ref);
 * blockingInputs(ref, staged.tokens); // …handed to another thread
 * staged.finish().rows.length //=> ref.size * CITIZEN_ROW
 */
export function stagedNameTable(reference: ReferenceIndex): { readonly tokens: NameTokens; finish(): NameTable } {
  const tokens = nameTokens(reference);
  return { tokens, finish: () => reference.memo('fuzzy:names', () => finishNameTable(reference, tokens)) };
}

function nameTokens(reference: ReferenceIndex): NameTokens {
  const n = reference.size;
  const { names, nameIds } = reference.columns;
  const tokenId = new Map<string, number>();
  const vocab: string[] = [];
  const middleId = new Map<string, number>([['', 0]]);
  const start = tableFor(reference, Int32Array, n + 1);
  const middle = tableFor(reference, Int32Array, n);
  let tokens = new Int32Array(n * 3 + 16);
  let used = 0;
  let named = 0;
  // Each distinct spelling is split once (the reference keeps equal names under one code), and each distinct
  // word's skeleton taken once, into one flat table: citizens come in no order of name code, and a code's
  // few integers in one place are one cache miss where an object holding an array was three. Middle names
  // are told apart by their token ids (words hold no space, so equal ids mean equal text), which spares
  // building, splitting and hashing a skeleton string per name.
  const tokenOfWord = new Map<string, number>();
  const entries = new Int32Array(Math.max(1, names.length) * ENTRY);
  const overflow: number[] = [];
  const middles = new TokenRuns();
  let ids = new Int32Array(16);
  for (let code = 0; code < names.length; code++) {
    const words = nameWords(names[code]!);
    const count = words.length;
    if (count === 0 || (count === 1 && wordSkeleton(words[0]!) === '')) continue; // an empty skeleton: no tokens
    if (ids.length < count) ids = new Int32Array(count * 2);
    for (let k = 0; k < count; k++) {
      const w = words[k]!;
      let id = tokenOfWord.get(w);
      if (id === undefined) {
        const t = wordSkeleton(w);
        id = tokenId.get(t);
        if (id === undefined) {
          id = vocab.length;
          vocab.push(t);
          tokenId.set(t, id);
        }
        tokenOfWord.set(w, id);
      }
      ids[k] = id;
    }
    const e = code * ENTRY;
    entries[e + E_COUNT] = count;
    let m = 0;
    if (count > 2) {
      // The middle words' text is the key of middleId; a lone empty word joins to '' like no middle at all.
      const before = middles.size;
      m = count === 3 && vocab[ids[1]!] === '' ? 0 : middles.idOf(ids, 1, count - 1) + 1;
      if (m > before) middleId.set(Array.from(ids.subarray(1, count - 1), (t) => vocab[t]!).join(' '), m);
    }
    entries[e + E_MIDDLE] = m;
    if (count > ENTRY - E_TOKEN0) {
      entries[e + E_OVERFLOW] = overflow.length;
      for (let k = 0; k < count; k++) overflow.push(ids[k]!);
    } else for (let k = 0; k < count; k++) entries[e + E_TOKEN0 + k] = ids[k]!;
  }
  const surnameCount = tableFor(reference, Int32Array, vocab.length);
  const givenCount = tableFor(reference, Int32Array, vocab.length);
  const middleCount = tableFor(reference, Int32Array, middleId.size);
  for (let i = 0; i < n; i++) {
    start[i] = used;
    const code = nameIds[i]!;
    if (code < 0) continue;
    const e = code * ENTRY;
    const count = entries[e + E_COUNT]!;
    if (count === 0) continue;
    named++;
    if (used + count > tokens.length) {
      const next = new Int32Array(Math.max(tokens.length * 2, used + count));
      next.set(tokens);
      tokens = next;
    }
    if (count > ENTRY - E_TOKEN0) {
      const o = entries[e + E_OVERFLOW]!;
      for (let k = 0; k < count; k++) tokens[used + k] = overflow[o + k]!;
    } else for (let k = 0; k < count; k++) tokens[used + k] = entries[e + E_TOKEN0 + k]!;
    surnameCount[tokens[used]!]!++;
    givenCount[tokens[used + count - 1]!]!++;
    used += count;
    middle[i] = entries[e + E_MIDDLE]!;
    middleCount[middle[i]!]!++;
  }
  start[n] = used;
  return { vocab, tokenId, start, tokens: trimmedFor(reference, tokens, used), middle, middleId, surnameCount, givenCount, middleCount, named };
}

/**
 * Numbers distinct runs of token ids in order of first appearance: an open-addressing table of run hashes,
 * each slot naming where its run is kept in one flat pool. Starts small and doubles at half full: a
 * reference has a few thousand distinct middle names, which a table sized for every name would scatter
 * over megabytes.
 */
class TokenRuns {
  size = 0;
  private slots = new Int32Array(16); // run id + 1, 0 = empty
  private hashes = new Int32Array(16);
  private readonly at: number[] = []; // run id → start in pool
  private readonly lengths: number[] = [];
  private pool = new Int32Array(1024);
  private pooled = 0;

  /** The id of run `ids[from, to)`, numbered anew when first seen. */
  idOf(ids: Int32Array, from: number, to: number): number {
    let h = 0x811c9dc5 | 0;
    for (let k = from; k < to; k++) h = Math.imul(h ^ ids[k]!, 16777619);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 12;
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (let r = this.slots[s]!; r !== 0; r = this.slots[s]!) {
      if (this.hashes[s] === h && this.sameRun(r - 1, ids, from, to)) return r - 1;
      s = (s + 1) & mask;
    }
    const id = this.size++;
    this.slots[s] = id + 1;
    this.hashes[s] = h;
    const length = to - from;
    if (this.pooled + length > this.pool.length) {
      const next = new Int32Array(Math.max(this.pool.length * 2, this.pooled + length));
      next.set(this.pool);
      this.pool = next;
    }
    this.pool.set(ids.subarray(from, to), this.pooled);
    this.at.push(this.pooled);
    this.lengths.push(length);
    this.pooled += length;
    if (this.size * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    const mask = this.slots.length - 1;
    for (let k = 0; k < slots.length; k++) {
      if (slots[k] === 0) continue;
      let s = hashes[k]! & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = slots[k]!;
      this.hashes[s] = hashes[k]!;
    }
  }

  private sameRun(id: number, ids: Int32Array, from: number, to: number): boolean {
    if (this.lengths[id] !== to - from) return false;
    const p = this.at[id]!;
    for (let k = from; k < to; k++) if (this.pool[p + k - from] !== ids[k]) return false;
    return true;
  }
}

function finishNameTable(reference: ReferenceIndex, names: NameTokens): NameTable {
  const { vocab, start, tokens } = names;
  const n = reference.size;
  const vocabStart = tableFor(reference, Int32Array, vocab.length + 1);
  for (let t = 0; t < vocab.length; t++) vocabStart[t + 1] = vocabStart[t]! + vocab[t]!.length;
  const vocabChars = tableFor(reference, Uint16Array, vocabStart[vocab.length]!);
  for (let t = 0; t < vocab.length; t++) {
    const w = vocab[t]!;
    for (let k = 0; k < w.length; k++) vocabChars[vocabStart[t]! + k] = w.charCodeAt(k);
  }
  const c = reference.columns;
  const ids = new PackedStringsCursor(reference.internals().packed.ids);
  const rows = tableFor(reference, Int32Array, n * CITIZEN_ROW);
  for (let i = 0; i < n; i++) {
    const r = i * CITIZEN_ROW;
    rows[r + ROW.birth] = c.birth[i]!;
    rows[r + ROW.genderProvince] = c.gender[i]! | (c.province[i]! << 2);
    rows[r + ROW.commune] = c.commune[i]!;
    const s = start[i]!;
    const e = start[i + 1]!;
    rows[r + ROW.tokens] = e - s;
    rows[r + ROW.nameCode] = e > s ? c.nameIds[i]! : -1;
    let meta = c.formerStart[i + 1]! > c.formerStart[i]! ? ID_HAS_FORMER : 0;
    // The ID's digits read in place from the packed column (no string cut out per citizen).
    const present = ids.nextRange();
    const len = ids.end - ids.from;
    if (present && len > 0 && len <= 15) {
      let v = 0;
      let k = ids.from;
      for (; k < ids.end; k++) {
        const d = ids.text.charCodeAt(k) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (k === ids.end) {
        rows[r + ROW.idHigh] = Math.floor(v / 1e6);
        rows[r + ROW.idLow] = v % 1e6;
        meta |= ID_DIGITS | len;
      }
    }
    rows[r + ROW.idMeta] = meta;
    for (let k = 0; k < CITIZEN_ROW - ROW.token0 && s + k < e; k++) rows[r + ROW.token0 + k] = tokens[s + k]!;
  }
  return { ...names, vocabChars, vocabStart, rows };
}

/**
 * The average frequency of a random citizen's whole name and of its surname + given name (Σ f² over the
 * parts, parts independent): what an exact agreement's u is on average, so the adjustment of an average
 * name is zero.
 *
 * @example
 * nameBaselines(table) //=> { full: 0.0002, surnameGiven: 0.0009 }
 */
export function nameBaselines(table: NameTable): { full: number; surnameGiven: number } {
  const total = Math.max(1, table.named);
  const sq = (arr: Int32Array): number => {
    let s = 0;
    for (let k = 0; k < arr.length; k++) s += (arr[k]! / total) ** 2;
    return s;
  };
  const sg = sq(table.surnameCount) * sq(table.givenCount);
  return { full: sg * sq(table.middleCount), surnameGiven: sg };
}

/** Below this many named citizens, frequencies are too noisy to adjust weights with. */
export const MIN_TF_POPULATION = 1000;

/**
 * Relative frequency in the reference of a name's parts, for the term-frequency adjustment:
 * `full` = surname × middle × given (the chance a random citizen has this whole name), `surnameGiven` =
 * surname × given (for the middle-name level). Parts are assumed independent, which keeps the tables small
 * (a few thousand tokens instead of a million full names). Unseen parts count as seen once.
 *
 * @example
 * nameFrequency(table, ['nguyen', 'van', 'an']) //=> { full: 0.00038, surnameGiven: 0.0013 }
 */
export function nameFrequency(table: NameTable, skeletonTokens: readonly string[]): { full: number; surnameGiven: number } | undefined {
  const k = skeletonTokens.length;
  if (k === 0 || table.named < MIN_TF_POPULATION) return undefined;
  const total = table.named;
  const count = (arr: Int32Array, t: string | undefined): number => {
    const id = t === undefined ? undefined : table.tokenId.get(t);
    return Math.max(1, id === undefined ? 0 : (arr[id] ?? 0));
  };
  const surname = count(table.surnameCount, skeletonTokens[0]) / total;
  const given = count(table.givenCount, skeletonTokens[k - 1]) / total;
  const m = k > 2 ? table.middleId.get(skeletonTokens.slice(1, -1).join(' ')) : 0;
  const middle = Math.max(1, m === undefined ? 0 : (table.middleCount[m] ?? 0)) / total;
  const surnameGiven = k === 1 ? surname : surname * given;
  // A name some citizen holds is at least that frequent, whatever the independence assumption says.
  const floor = 1 / total;
  return { full: Math.max(floor, k === 1 ? surname : surnameGiven * middle), surnameGiven: Math.max(floor, surnameGiven) };
}
