/**
 * Comparison of one sector record with one reference citizen, field by field, into the levels of the
 * Fellegi–Sunter model. The record is prepared once; the citizen is read straight from the columns.
 */
import { tableFor, trimmedFor } from '../../reference/sharedTables.js';
import { jaroWinklerCodes } from '../../compare/jaroWinkler.js';
import type { SectorRecord } from '../../model/types.js';
import type { IdScheme } from '../../normalise/id.js';
import { normaliseName, type NormalisedName } from '../../normalise/name.js';
import { foldDiacritics } from '../../normalise/text.js';
import { compareNames } from '../../compare/name.js';
import { GENDER_CODE, type ReferenceIndex } from '../../reference/referenceIndex.js';
import { packDate } from '../../reference/packedDate.js';
import { CITIZEN_ROW, ID_DIGITS, ID_HAS_FORMER, ROW, nameTable, type NameTable } from './termFrequency.js';
import { FIELD_LEVELS, FUZZY_FIELDS, FUZZY_NAME_LEVELS, type FuzzyField } from './model.js';

/** A record reduced to what comparison and blocking need. */
export interface PreparedRecord {
  /** Distinct for every prepared record (keys per-record memos). */
  readonly serial: number;
  readonly record: SectorRecord;
  readonly name?: NormalisedName;
  /** Token ids of the name's skeleton words in the reference vocabulary (-1 for a word no citizen uses). */
  readonly tokenIds: readonly number[];
  /** UTF-16 code units of the name's skeleton (empty without a name), for allocation-free edit distances. */
  readonly skeletonChars: Uint16Array;
  readonly birth: number;
  readonly gender: number;
  /** Interned province / commune code in the reference (-1 when the reference never uses the record's value, 0 when absent). */
  readonly province: number;
  readonly commune: number;
  /**
   * The address's distinct words: how many (`words`), and the ids of those some citizen uses, ascending, in
   * the reference's address table (`table`). Absent without an address that has words.
   */
  readonly address?: { readonly words: number; readonly ids: Int32Array; readonly table: AddressTable };
  readonly id?: string;
  /** The ID's digits when it is 1–15 ASCII digits (compared against the packed IDs of the name table). */
  readonly idDigits?: Uint8Array;
}

// Numbers prepared records, so per-record memos can tell records apart without clearing.
let serials = 0;
// The record prepared last: the ID-typo stage, the fuzzy stage and an ID conflict's search ask about the
// same record in turn. One slot, not a WeakMap keyed by record: a WeakMap's entries outlived young-generation
// collections, so every prepared record was promoted (~140 MB per 400k records linked, a third of the
// collector's copying).
let last: { readonly record: SectorRecord; readonly reference: ReferenceIndex; readonly value: PreparedRecord } | undefined;
const NO_CHARS = new Uint16Array(0);

/** Forgets the record prepared last (see `forgetRecordMemos`: nothing of a record outlives its linking). */
export function forgetPreparedRecord(): void {
  last = undefined;
}

/**
 * Prepares a record for comparison against `reference` (the last one prepared is remembered).
 *
 * @example
 * prepareRecord(ref, record).tokenIds //=> [0, 1, 2]
 */
export function prepareRecord(reference: ReferenceIndex, record: SectorRecord): PreparedRecord {
  if (last !== undefined && last.record === record && last.reference === reference) return last.value;
  const table = nameTable(reference);
  const name = record.fullName === undefined ? undefined : normaliseName(record.fullName);
  const lookup = (code: string | undefined, interner: ReferenceIndex['units']['province']): number =>
    code === undefined ? 0 : interner.lookup(code) || -1;
  let skeletonChars = NO_CHARS;
  if (name !== undefined) {
    skeletonChars = new Uint16Array(name.skeleton.length);
    for (let k = 0; k < name.skeleton.length; k++) skeletonChars[k] = name.skeleton.charCodeAt(k);
  }
  const out: {
    serial: number;
    record: SectorRecord;
    name?: NormalisedName;
    tokenIds: number[];
    skeletonChars: Uint16Array;
    birth: number;
    gender: number;
    province: number;
    commune: number;
    address?: { words: number; ids: Int32Array; table: AddressTable };
    id?: string;
    idDigits?: Uint8Array;
  } = {
    serial: ++serials,
    record,
    tokenIds: name === undefined ? [] : name.skeletonTokens.map((t) => table.tokenId.get(t) ?? -1),
    skeletonChars,
    birth: packDate(record.birthDate),
    gender: record.gender === 'male' ? GENDER_CODE.male : record.gender === 'female' ? GENDER_CODE.female : GENDER_CODE.none,
    province: lookup(record.provinceCode, reference.units.province),
    commune: lookup(record.communeCode, reference.units.commune),
  };
  if (name !== undefined) out.name = name;
  if (record.address !== undefined) {
    const tokens = addressTokens(record.address);
    if (tokens.size > 0) {
      const table = addressTable(reference);
      const known: number[] = [];
      for (const t of tokens) {
        const id = table.vocab.get(t);
        if (id !== undefined) known.push(id);
      }
      out.address = { words: tokens.size, ids: Int32Array.from(known).sort(), table };
    }
  }
  if (record.citizenId !== undefined) {
    const id = record.citizenId;
    out.id = id;
    if (id.length > 0 && id.length <= 15 && /^[0-9]+$/.test(id)) {
      const digits = new Uint8Array(id.length);
      for (let k = 0; k < id.length; k++) digits[k] = id.charCodeAt(k) - 48;
      out.idDigits = digits;
    }
  }
  last = { record, reference, value: out };
  return out;
}

function addressTokens(s: string): Set<string> {
  return new Set(
    foldDiacritics(s)
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t !== ''),
  );
}

/** Every citizen's distinct address tokens as ids in one vocabulary, ascending, citizen `i`'s in `start[i]..start[i + 1]`. */
export interface AddressTable {
  readonly vocab: ReadonlyMap<string, number>;
  readonly start: Int32Array;
  readonly tokens: Int32Array;
}

/**
 * The reference's address tokens, built on the first record with an address: tokenising the citizen's
 * address for every candidate pair cost about a microsecond each, as much as the rest of the comparison.
 */
function addressTable(reference: ReferenceIndex): AddressTable {
  return reference.memo('fuzzy:addresses', () => {
    const n = reference.size;
    const vocab = new Map<string, number>();
    const start = tableFor(reference, Int32Array, n + 1);
    let tokens = new Int32Array(Math.max(1024, n * 2));
    let used = 0;
    const idsOf = (addr: string): Int32Array => {
      const list: number[] = [];
      for (const t of addressTokens(addr)) {
        let id = vocab.get(t);
        if (id === undefined) {
          id = vocab.size;
          vocab.set(t, id);
        }
        list.push(id);
      }
      return Int32Array.from(list).sort();
    };
    // Addresses repeat (a village, a street): each distinct one is tokenised once, then copied from the
    // first citizen that had it.
    const firstWith = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      // One at a time: a restored index keeps the column packed (see restoreReference).
      const addr = reference.addressAt(i);
      if (addr !== undefined) {
        const j = firstWith.get(addr);
        const ids = j === undefined ? idsOf(addr) : undefined;
        // Bounded: past a million distinct addresses the rest are simply tokenised.
        if (j === undefined && firstWith.size < 1 << 20) firstWith.set(addr, i);
        const len = ids !== undefined ? ids.length : start[j! + 1]! - start[j!]!;
        if (used + len > tokens.length) {
          const grown = new Int32Array(Math.max(tokens.length * 2, used + len));
          grown.set(tokens.subarray(0, used));
          tokens = grown;
        }
        if (ids !== undefined) tokens.set(ids, used);
        else tokens.copyWithin(used, start[j!]!, start[j! + 1]!);
        used += len;
      }
      start[i + 1] = used;
    }
    return { vocab, start, tokens: trimmedFor(reference, tokens, used) };
  });
}

/** The level of each field both sides hold (fields either side lacks are left out: no evidence). */
export type ComparisonVector = Partial<Record<FuzzyField, string>>;

// Level indices (positions in FUZZY_NAME_LEVELS / DATE_LEVELS), so the hot path compares small integers.
const N_MIDDLE = 3;
const N_TOKEN_ORDER = 4;
const N_ONE_EDIT = 5;
const N_TYPO = 6;
const N_JW_HIGH = 7;
const N_JW_MID = 8;
const N_DIFFERENT = 9;
const MAX_TYPO_EDITS = 2;
const JW_HIGH = 0.94;
const JW_MID = 0.88;
const MAX_INNER = 8;

// Scratch buffers reused by every comparison (single-threaded; grown on demand, never shrunk).
let citizenChars = new Uint16Array(128);
let citizenTokens = new Int32Array(16);
let rowA = new Int32Array(130);
let rowB = new Int32Array(130);
// How often each ASCII code unit occurs in the skeleton of the record `countsOf` names (index 128: any other
// character), and a working copy. Shared rather than per record: two 516-byte typed arrays per record
// are allocated outside the heap, which cost about 6 µs a record, a third of preparing it.
const skeletonCounts = new Int32Array(129);
const skeletonHistogram = new Int32Array(129);
let countsOf = -1;

function loadSkeletonCounts(rec: PreparedRecord): void {
  if (countsOf === rec.serial) return;
  skeletonCounts.fill(0);
  const ac = rec.skeletonChars;
  for (let k = 0; k < ac.length; k++) {
    const ch = ac[k]!;
    skeletonCounts[ch < 128 ? ch : 128]!++;
  }
  skeletonHistogram.set(skeletonCounts);
  countsOf = rec.serial;
}

/** Two middle words agree when equal or when one is the initial of the other ("t" / "thi"), as in compareNames. */
function compatible(x: string, y: string): boolean {
  if (x === y) return true;
  if (x.length === 1) return y.startsWith(x);
  if (y.length === 1) return x.startsWith(y);
  return false;
}

/**
 * compareNames' bipartite test on token ids: every inner word of the shorter side pairs with a distinct
 * compatible inner word of the longer side. `recShort` says which side is the shorter one.
 */
function coversIds(
  recWords: readonly string[],
  recIds: readonly number[],
  vocab: readonly string[],
  toks: Int32Array,
  from: number,
  nRec: number,
  nCit: number,
  recShort: boolean,
  i: number,
  used: number,
): boolean {
  const nShort = recShort ? nRec : nCit;
  const nLong = recShort ? nCit : nRec;
  if (i === nShort) return true;
  for (let j = 0; j < nLong; j++) {
    if ((used & (1 << j)) !== 0) continue;
    const r = recShort ? i : j;
    const c = recShort ? j : i;
    const rid = recIds[1 + r]!;
    const cid = toks[from + c]!;
    const ok = rid === cid || compatible(recWords[1 + r]!, vocab[cid]!);
    if (ok && coversIds(recWords, recIds, vocab, toks, from, nRec, nCit, recShort, i + 1, used | (1 << j))) return true;
  }
  return false;
}

/** Levenshtein distance of `a[0..la]` and `b[0..lb]` if at most `k`, else k + 1 (banded dynamic programme). */
function boundedLevenshtein(a: Uint16Array, la: number, b: Uint16Array, lb: number, k: number): number {
  if (Math.abs(la - lb) > k) return k + 1;
  if (rowA.length < lb + 2) {
    rowA = new Int32Array(lb * 2 + 2);
    rowB = new Int32Array(lb * 2 + 2);
  }
  const big = k + 1;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= lb; j++) prev[j] = j <= k ? j : big;
  if (lb + 1 < prev.length) prev[lb + 1] = big;
  for (let i = 1; i <= la; i++) {
    const from = i - k > 1 ? i - k : 1;
    const to = i + k < lb ? i + k : lb;
    cur[from - 1] = from === 1 ? (i <= k ? i : big) : big;
    const ca = a[i - 1]!;
    let rowMin = cur[from - 1]!;
    for (let j = from; j <= to; j++) {
      let d = prev[j - 1]! + (ca === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < d) d = del;
      const ins = cur[j - 1]! + 1;
      if (ins < d) d = ins;
      if (d > big) d = big;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (to + 1 <= lb) cur[to + 1] = big;
    if (rowMin > k) return big;
    const t = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[lb]!;
  return d > k ? big : d;
}


/**
 * Name level (index into FUZZY_NAME_LEVELS) of a prepared record against citizen `i`, or -1 when either lacks a
 * name. The same level as `compareNames` on the two normalised names, but computed on interned token ids
 * and code-unit buffers: the citizen's name is normalised only when the skeletons agree (a handful of
 * candidates per record), and edit distance is bounded, so a pair costs no allocation.
 */
function nameLevelIndexAt(reference: ReferenceIndex, table: NameTable, rows: Int32Array, rec: PreparedRecord, i: number): number {
  const a = rec.name;
  if (a === undefined) return -1;
  const r = i * CITIZEN_ROW;
  const nb = rows[r + R_TOKENS]!;
  if (nb === 0) return -1;
  const ids = rec.tokenIds;
  const na = ids.length;
  // The citizen's token ids, from its row (or the name table for a name longer than the row holds).
  if (citizenTokens.length < nb) citizenTokens = new Int32Array(nb * 2);
  const toks = citizenTokens;
  if (nb <= CITIZEN_ROW - R_TOKEN0) for (let k = 0; k < nb; k++) toks[k] = rows[r + R_TOKEN0 + k]!;
  else for (let k = 0, s0 = table.start[i]!; k < nb; k++) toks[k] = table.tokens[s0 + k]!;
  let same = na === nb;
  for (let k = 0; same && k < na; k++) if (ids[k] !== toks[k]) same = false;
  if (same) {
    // Skeletons agree: only here do display and canonical forms matter. The same raw spelling needs no
    // normalisation at all; otherwise the citizen's name is normalised (a handful of candidates per record).
    const raw = reference.columns.fullNames[i];
    if (raw !== undefined && raw === rec.record.fullName) return 0;
    const b = normaliseName(raw ?? '');
    return b === undefined ? -1 : FUZZY_NAME_LEVELS.indexOf(compareNames(a, b).level);
  }
  // Different skeletons: the level depends on the two token sequences only, and a third of a record's
  // candidates repeat a name already compared (namesakes in the same block), so it is memoised per record
  // by the citizen's name code (equal for equal spellings).
  const q = rows[r + R_NAME_CODE]!;
  const found = memoSlot(rec.serial, q);
  if (found >= 0 && memoStamp[found] === memoGeneration) return memoLevel[found]!;
  const level = differentNameLevel(table, rec, a, ids, toks, na, nb);
  if (found >= 0) {
    memoStamp[found] = memoGeneration;
    memoKey[found] = q;
    memoLevel[found] = level;
    memoHeld++;
  }
  return level;
}

// The name levels of the record being scored, by the citizen's name code: a small open-addressing table
// that stays in cache. A table of one slot per sequence in the reference cost a cache miss on every candidate.
// Slots are valid when stamped with the current generation, which starts whenever the record scored changes
// (so nothing is cleared between records, and a record scored again after another starts afresh: stamping by
// record let two records taken in turn fill every slot, and a probe for a name not held never ended).
const MEMO_SLOTS = 256;
const memoStamp = new Float64Array(MEMO_SLOTS).fill(-1);
const memoKey = new Int32Array(MEMO_SLOTS);
const memoLevel = new Int8Array(MEMO_SLOTS);
let memoOf = -1;
let memoGeneration = 0;
let memoHeld = 0;

/** The slot holding name code `q` for record `serial`, else the free slot to hold it in, or -1 when the table is half full. */
function memoSlot(serial: number, q: number): number {
  if (memoOf !== serial) {
    memoOf = serial;
    memoGeneration++;
    memoHeld = 0;
  }
  let s = Math.imul(q, 0x9e3779b1) >>> 24;
  while (memoStamp[s] === memoGeneration) {
    if (memoKey[s] === q) return s;
    s = (s + 1) & (MEMO_SLOTS - 1);
  }
  return memoHeld * 2 < MEMO_SLOTS ? s : -1;
}

/** {@link nameLevelIndexAt} for two names whose skeletons differ (`toks` holds the citizen's `nb` token ids). */
function differentNameLevel(table: NameTable, rec: PreparedRecord, a: NormalisedName, ids: readonly number[], toks: Int32Array, na: number, nb: number): number {
  const s = 0;
  const e = nb;
  // middle-name: same first and last word, inner words absent, initials or a subset.
  if (na >= 2 && nb >= 2 && ids[0] === toks[s] && ids[na - 1] === toks[e - 1] && na - 2 <= MAX_INNER && nb - 2 <= MAX_INNER) {
    const recShort = na <= nb;
    if (coversIds(a.skeletonTokens, ids, table.vocab, toks, s + 1, na - 2, nb - 2, recShort, 0, 0)) return N_MIDDLE;
  }
  // token-order: the same multiset of words (a word no citizen uses cannot be in this citizen's name).
  if (na === nb && na <= 30) {
    let multiset = true;
    let used = 0;
    for (let k = 0; multiset && k < na; k++) {
      const t = ids[k]!;
      let found = false;
      if (t >= 0) {
        for (let j = 0; j < nb; j++) {
          if ((used & (1 << j)) === 0 && toks[s + j] === t) {
            used |= 1 << j;
            found = true;
            break;
          }
        }
      }
      multiset = found;
    }
    if (multiset) return N_TOKEN_ORDER;
  }
  // The citizen's skeleton, copied into a scratch buffer: words joined by single spaces.
  const vs = table.vocabStart;
  const vc = table.vocabChars;
  let lb = nb - 1;
  for (let k = s; k < e; k++) lb += vs[toks[k]! + 1]! - vs[toks[k]!]!;
  if (citizenChars.length < lb) citizenChars = new Uint16Array(lb * 2);
  const cb = citizenChars;
  // Copy, and count the characters the two skeletons have in common (multiset intersection; non-ASCII
  // characters counted as one class), an upper bound on Jaro's matches.
  loadSkeletonCounts(rec);
  const hist = skeletonHistogram;
  let common = 0;
  let p = 0;
  for (let k = s; k < e; k++) {
    if (k > s) {
      cb[p++] = 0x20;
      if (hist[0x20]! > 0) {
        hist[0x20]!--;
        common++;
      }
    }
    const t = toks[k]!;
    for (let q = vs[t]!; q < vs[t + 1]!; q++) {
      const ch = vc[q]!;
      cb[p++] = ch;
      const h = ch < 128 ? ch : 128;
      if (hist[h]! > 0) {
        hist[h]!--;
        common++;
      }
    }
  }
  const base = skeletonCounts;
  for (let q = 0; q < lb; q++) {
    const ch = cb[q]!;
    const h = ch < 128 ? ch : 128;
    hist[h] = base[h]!;
  }
  const ac = rec.skeletonChars;
  // Edit distance ≥ max(|a|, |b|) − common characters (each match in an alignment is a common character),
  // which rules out most candidates before the dynamic programme runs.
  if ((ac.length > lb ? ac.length : lb) - common <= MAX_TYPO_EDITS) {
    const edits = boundedLevenshtein(ac, ac.length, cb, lb, MAX_TYPO_EDITS);
    if (edits <= MAX_TYPO_EDITS) return edits <= 1 ? N_ONE_EDIT : N_TYPO;
  }
  // Jaro–Winkler ≥ 0.88 needs Jaro ≥ 0.8, and Jaro ≤ (c/|a| + c/|b| + 1) / 3 for c common characters:
  // most candidates are ruled out here without running Jaro–Winkler (0.79 leaves a margin for rounding).
  const la = ac.length;
  if (la === 0 || lb === 0 || (common / la + common / lb + 1) / 3 < 0.79) return N_DIFFERENT;
  const jw = jaroWinklerCodes(ac, la, cb, lb);
  return jw >= JW_HIGH ? N_JW_HIGH : jw >= JW_MID ? N_JW_MID : N_DIFFERENT;
}

/**
 * Name level (of {@link FUZZY_NAME_LEVELS}) of a prepared record against citizen `i`, or undefined when
 * either lacks a name: compareNames' level, with `typo` split into `one-edit` and `typo` (two edits).
 *
 * @example
 * compareNameAt(ref, nameTable(ref), prepareRecord(ref, { ...record, fullName: 'Nguyễn Văn Hùg' }), 0) //=> 'one-edit'
 */
export function compareNameAt(reference: ReferenceIndex, table: NameTable, rec: PreparedRecord, i: number): string | undefined {
  const l = nameLevelIndexAt(reference, table, table.rows, rec, i);
  return l < 0 ? undefined : FUZZY_NAME_LEVELS[l];
}

/**
 * Birth-date level (index into DATE_LEVELS) of two packed `yyyymmdd` dates, both known: the same result as
 * `compareDates` on the unpacked dates, without building them.
 *
 * @example
 * DATE_LEVELS[dateLevelIndex(19980705, 19980507)] //=> 'day-month-swapped'
 */
export function dateLevelIndex(a: number, b: number): number {
  const ya = Math.floor(a / 10000);
  const yb = Math.floor(b / 10000);
  const ma = Math.floor(a / 100) % 100;
  const mb = Math.floor(b / 100) % 100;
  const da = a % 100;
  const db = b % 100;
  const pa = ma === 0 ? 0 : da === 0 ? 1 : 2;
  const pb = mb === 0 ? 0 : db === 0 ? 1 : 2;
  const common = pa < pb ? pa : pb;
  const restAgrees = (common < 1 || ma === mb) && (common < 2 || da === db);
  if (ya === yb && restAgrees) return pa === pb ? 0 : 1;
  if (pa === 2 && pb === 2) {
    if (ya === yb && da === mb && ma === db) return 2;
    if (ya < 10000 && yb < 10000 && oneDigitApart(da * 1000000 + ma * 10000 + ya, db * 1000000 + mb * 10000 + yb)) return 3;
  }
  if (restAgrees && Math.abs(ya - yb) === 1) return 4;
  if (ya === yb) return 5;
  return 6;
}

/** Whether two 8-digit numbers (ddmmyyyy) differ in one digit or one adjacent transposition. */
function oneDigitApart(x: number, y: number): boolean {
  let first = -1;
  let count = 0;
  let fx = 0;
  let fy = 0;
  for (let k = 0; k < 8; k++) {
    const dx = x % 10;
    const dy = y % 10;
    x = (x - dx) / 10;
    y = (y - dy) / 10;
    if (dx !== dy) {
      if (count === 0) {
        first = k;
        fx = dx;
        fy = dy;
      } else if (count === 1) {
        if (k !== first + 1 || dx !== fy || dy !== fx) return false;
      } else return false;
      count++;
    }
  }
  return count === 1 || count === 2;
}

function oneEdit(a: string, b: string): boolean {
  if (a.length === b.length) {
    let first = -1;
    let count = 0;
    for (let k = 0; k < a.length; k++) {
      if (a.charCodeAt(k) !== b.charCodeAt(k)) {
        if (count === 0) first = k;
        if (++count > 2) return false;
      }
    }
    if (count === 1) return true;
    return count === 2 && a[first] === b[first + 1] && a[first + 1] === b[first];
  }
  // A dropped leading zero.
  if (a.length === b.length + 1) return a[0] === '0' && a.slice(1) === b;
  if (b.length === a.length + 1) return b[0] === '0' && b.slice(1) === a;
  return false;
}

/**
 * ID level of two different IDs as an index into `FIELD_LEVELS.citizenId` (ordered best first), or -1 when
 * no comparison is meaningful (different kinds of document). Compares code units: no string is built.
 */
function idLevelIndex(recordId: string, c: string, scheme: IdScheme): number {
  if (oneEdit(recordId, c)) return 0;
  if (recordId.length !== c.length) return -1;
  if (scheme === 'vn' && c.length === 12) {
    let k = 0;
    while (k < 6 && recordId.charCodeAt(k) === c.charCodeAt(k)) k++;
    if (k === 6) return 1;
    const sameYear = recordId.charCodeAt(3) === c.charCodeAt(3) && recordId.charCodeAt(4) === c.charCodeAt(4) && recordId.charCodeAt(5) === c.charCodeAt(5);
    return sameYear ? 2 : 3;
  }
  return 3;
}

/**
 * ID level of a record ID against a citizen's current and former IDs (the best one), or undefined when no
 * comparison is meaningful (different kinds of document, or an exact equality that ID lookup handles).
 *
 * @example
 * compareIds('001089012354', ['001089012345'], 'vn') //=> 'one-edit'
 */
export function compareIds(recordId: string, citizenIds: readonly string[], scheme: IdScheme): string | undefined {
  let best = -1;
  for (const c of citizenIds) {
    if (c === recordId) return undefined;
    const level = idLevelIndex(recordId, c, scheme);
    if (level >= 0 && (best < 0 || level < best)) best = level;
  }
  return best < 0 ? undefined : FIELD_LEVELS.citizenId[best];
}

const citizenDigits = new Uint8Array(16);

/**
 * {@link idLevelIndex} of two all-digit IDs given as digit arrays (the record's, and the citizen's `nb`
 * digits in `b`): the same level without strings. -1 also for equal IDs, as `idLevelAt` answers then.
 */
function digitIdLevel(a: Uint8Array, b: Uint8Array, nb: number, scheme: IdScheme): number {
  const na = a.length;
  if (na === nb) {
    let first = -1;
    let count = 0;
    for (let k = 0; k < na; k++) {
      if (a[k] !== b[k]) {
        if (count === 0) first = k;
        if (++count > 2) break;
      }
    }
    if (count === 0) return -1;
    if (count === 1 || (count === 2 && a[first] === b[first + 1] && a[first + 1] === b[first])) return 0;
    if (scheme === 'vn' && nb === 12) {
      let k = 0;
      while (k < 6 && a[k] === b[k]) k++;
      if (k === 6) return 1;
      return a[3] === b[3] && a[4] === b[4] && a[5] === b[5] ? 2 : 3;
    }
    return 3;
  }
  // A dropped leading zero.
  const [long, short, nl] = na > nb ? [a, b, na] : [b, a, nb];
  if (nl - (na > nb ? nb : na) !== 1 || long[0] !== 0) return -1;
  for (let k = 1; k < nl; k++) if (long[k] !== short[k - 1]) return -1;
  return 0;
}

/** {@link compareIds} against citizen `i`'s current and former IDs as a level index (-1: none), read in place. */
function idLevelAt(reference: ReferenceIndex, table: NameTable, rec: PreparedRecord, recordId: string, i: number): number {
  const rows = table.rows;
  const r = i * CITIZEN_ROW;
  const meta = rows[r + ROW.idMeta]!;
  if (rec.idDigits !== undefined && (meta & ID_DIGITS) !== 0 && (meta & ID_HAS_FORMER) === 0) {
    // Both all digits, no former IDs: compare digits unpacked from the row, never the ID strings.
    const nb = meta & 15;
    let low = rows[r + ROW.idLow]!;
    let high = rows[r + ROW.idHigh]!;
    for (let k = nb - 1; k >= 0; k--) {
      if (k >= nb - 6) {
        citizenDigits[k] = low % 10;
        low = (low - (low % 10)) / 10;
      } else {
        citizenDigits[k] = high % 10;
        high = (high - (high % 10)) / 10;
      }
    }
    return digitIdLevel(rec.idDigits, citizenDigits, nb, reference.idScheme);
  }
  const c = reference.columns;
  const current = reference.idAt(i);
  if (current === recordId) return -1;
  let best = idLevelIndex(recordId, current, reference.idScheme);
  for (let k = c.formerStart[i]!; k < c.formerStart[i + 1]!; k++) {
    const f = c.formerIds[k]!;
    if (f === recordId) return -1;
    const level = idLevelIndex(recordId, f, reference.idScheme);
    if (level >= 0 && (best < 0 || level < best)) best = level;
  }
  return best;
}

const R_BIRTH = ROW.birth;
const R_GENDER_PROVINCE = ROW.genderProvince;
const R_COMMUNE = ROW.commune;
const R_TOKENS = ROW.tokens;
const R_NAME_CODE = ROW.nameCode;
const R_TOKEN0 = ROW.token0;

/** Field positions in FUZZY_FIELDS. */
const F_NAME = 0;
const F_BIRTH = 1;
const F_GENDER = 2;
const F_PROVINCE = 3;
const F_COMMUNE = 4;
const F_ADDRESS = 5;
const F_ID = 6;
const A_SIMILAR = FIELD_LEVELS.address.indexOf('similar');
const A_OVERLAP = FIELD_LEVELS.address.indexOf('overlap');
const A_DIFFERENT = FIELD_LEVELS.address.indexOf('different');

/**
 * Compares a prepared record with citizen `i` on every field, writing each field's level index
 * (position in FIELD_LEVELS, in FUZZY_FIELDS order) into `out` from position `offset`, -1 where either side
 * lacks the field.
 * The allocation-free core of {@link compareAt} and of scoring.
 *
 * @example
 * const out = new Int8Array(FUZZY_FIELDS.length);
 * compareLevelsAt(ref, nameTable(ref), prepareRecord(ref, record), 0, out);
 * out[0] //=> 0 (fullName: exact)
 */
export function compareLevelsAt(reference: ReferenceIndex, table: NameTable, rec: PreparedRecord, i: number, out: Int8Array, offset = 0): void {
  const rows = table.rows;
  const r = i * CITIZEN_ROW;
  const cb = rows[r + R_BIRTH]!;
  out[offset + F_BIRTH] = rec.birth > 0 && cb > 0 ? dateLevelIndex(rec.birth, cb) : -1;
  const gp = rows[r + R_GENDER_PROVINCE]!;
  const g = gp & 3;
  out[offset + F_GENDER] = rec.gender !== 0 && g !== 0 ? (rec.gender === g ? 0 : 1) : -1;
  const p = gp >>> 2;
  out[offset + F_PROVINCE] = rec.province !== 0 && p !== 0 ? (rec.province === p ? 0 : 1) : -1;
  const m = rows[r + R_COMMUNE]!;
  out[offset + F_NAME] = nameLevelIndexAt(reference, table, rows, rec, i);
  out[offset + F_COMMUNE] = rec.commune !== 0 && m !== 0 ? (rec.commune === m ? 0 : 1) : -1;
  out[offset + F_ADDRESS] = -1;
  const address = rec.address;
  if (address !== undefined) {
    const mine = address.ids;
    const at = address.table;
    // Jaccard of the two token sets, intersected as ascending id lists (a token no citizen uses is in neither).
    let q = at.start[i]!;
    const end = at.start[i + 1]!;
    const size = end - q;
    if (size > 0) {
      let common = 0;
      for (let k = 0; k < mine.length && q < end; ) {
        const x = mine[k]!;
        const y = at.tokens[q]!;
        if (x === y) {
          common++;
          k++;
          q++;
        } else if (x < y) k++;
        else q++;
      }
      const jaccard = common / (address.words + size - common);
      out[offset + F_ADDRESS] = jaccard >= 0.8 ? A_SIMILAR : jaccard >= 0.3 ? A_OVERLAP : A_DIFFERENT;
    }
  }
  out[offset + F_ID] = rec.id === undefined ? -1 : idLevelAt(reference, table, rec, rec.id, i);
}

const vectorScratch = new Int8Array(FUZZY_FIELDS.length);

/**
 * Level indices (as written by {@link compareLevelsAt}) as a {@link ComparisonVector}.
 *
 * @example
 * toComparisonVector(Int8Array.of(0, 0, -1, -1, -1, -1, -1)) //=> { fullName: 'exact', birthDate: 'exact' }
 */
export function toComparisonVector(levels: Int8Array): ComparisonVector {
  const out: ComparisonVector = {};
  for (let f = 0; f < FUZZY_FIELDS.length; f++) {
    const l = levels[f]!;
    if (l >= 0) out[FUZZY_FIELDS[f]!] = FIELD_LEVELS[FUZZY_FIELDS[f]!][l]!;
  }
  return out;
}

/**
 * Compares a prepared record with citizen `i` on every field of the model.
 *
 * @example
 * compareAt(ref, prepareRecord(ref, record), 0) //=> { fullName: 'exact', birthDate: 'exact', gender: 'agree' }
 */
export function compareAt(reference: ReferenceIndex, rec: PreparedRecord, i: number): ComparisonVector {
  compareLevelsAt(reference, nameTable(reference), rec, i, vectorScratch);
  return toComparisonVector(vectorScratch);
}
