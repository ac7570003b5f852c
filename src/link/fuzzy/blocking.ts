/**
 * Blocking: which citizens are compared with a record at all. Each rule maps a record and a citizen to a
 * key; citizens sharing the record's key under any rule are candidates. Each rule's index is a key → block
 * map and one Int32Array of postings, built with a counting pass on first use and memoised on the reference.
 */
import { tableFor, type Allocate } from '../../reference/sharedTables.js';
import type { ReferenceIndex } from '../../reference/referenceIndex.js';
import { nameTable, type NameTokens } from './termFrequency.js';
import type { PreparedRecord } from './comparisons.js';
import { slotOf } from '../../reference/keyIndex.js';

/**
 * The blocking rules:
 * - `birthYear+surname+given`: birth year, surname and given-name skeletons (survives any day/month error);
 * - `birthDate+surnameOrGiven`: the full birth date and a shared end word of the name, the record's
 *   surname or given name being the citizen's surname or given name (survives an error in either one, a
 *   missing middle name, and surname and given name swapped);
 * - `surname+given+province`: surname and given-name skeletons and province (survives any birth-date error);
 * - `surname+given+province-undated`: the same blocks, searched only for a record without a full birth date
 *   (day or month unknown, or 1 January, the usual placeholder for both): for a dated record the rules
 *   around it catch a wrong year or a wrong day and month, this one only both at once, and its blocks
 *   were 37 % of all pairs at 1M citizens;
 * - `given+dayMonth`: given-name skeleton, day and month (survives a wrong year);
 * - `birthDate`: the full birth date alone (survives any name error). Not a default: its block is everyone
 *   born that day, which grows with the reference (30 of the 68 candidates per record at 1M citizens),
 *   and adds only names too different to be linked on a name's evidence.
 */
export const BLOCKING_RULES = ['birthYear+surname+given', 'birthDate+surnameOrGiven', 'surname+given+province', 'surname+given+province-undated', 'given+dayMonth', 'birthDate'] as const;
/** A blocking rule name. */
export type BlockingRule = (typeof BLOCKING_RULES)[number];
/**
 * The rules fuzzy linking uses unless told otherwise: all but `birthDate` alone, with the province rule
 * only for records without a full birth date.
 *
 * @example
 * resolveFuzzyConfig().blockingRules === DEFAULT_BLOCKING_RULES //=> true
 */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = ['birthYear+surname+given', 'birthDate+surnameOrGiven', 'surname+given+province-undated', 'given+dayMonth'];

/** The rule whose index a rule uses (the undated variant searches the same blocks). */
function indexedRule(rule: BlockingRule): BlockingRule {
  return rule === 'surname+given+province-undated' ? 'surname+given+province' : rule;
}

/** Counters a caller can pass in to see how blocking behaved (mutated in place). */
export interface BlockingCounters {
  /** Records searched by blocking. */
  records: number;
  /** Candidate pairs produced by each rule (before de-duplication across rules). */
  pairs: Record<string, number>;
  /** Distinct candidate pairs after the union of rules. */
  uniquePairs: number;
  /** Blocks skipped because they exceeded `maxBlockSize`. */
  cappedBlocks: number;
}

/**
 * Fresh zeroed counters.
 *
 * @example
 * emptyBlockingCounters().records //=> 0
 */
export function emptyBlockingCounters(): BlockingCounters {
  return { records: 0, pairs: {}, uniquePairs: 0, cappedBlocks: 0 };
}

type Key = number | string;

/** What a key is built from: packed birth date, surname and given-name token ids, interned province. */
function keyOf(rule: BlockingRule, birth: number, surname: number, given: number, province: number, vocab: number, provinces: number): Key | undefined {
  const year = Math.floor(birth / 10000);
  const month = Math.floor(birth / 100) % 100;
  const day = birth % 100;
  switch (rule) {
    case 'birthYear+surname+given': {
      // The surname keeps these blocks small: year + given name alone made nearly half of all pairs.
      if (year <= 0 || given < 0 || surname < 0) return undefined;
      const key = (year * vocab + given) * vocab + surname;
      return Number.isSafeInteger(key) ? key : `${year},${given},${surname}`;
    }
    case 'birthDate':
    case 'birthDate+surnameOrGiven': // the date's block, filtered by name words (see RuleIndex.words)
      return year > 0 && month > 0 && day > 0 ? birth : undefined;
    case 'surname+given+province':
    case 'surname+given+province-undated': {
      if (surname < 0 || given < 0 || province <= 0) return undefined;
      const key = (surname * vocab + given) * provinces + province;
      // Numeric while exact (any realistic vocabulary); a string beyond 2^53.
      return Number.isSafeInteger(key) ? key : `${surname},${given},${province}`;
    }
    case 'given+dayMonth':
      return given >= 0 && month > 0 && day > 0 ? given * 10000 + month * 100 + day : undefined;
  }
}

/**
 * A rule's index: key → block in an open-addressing table (`keys`: -1 for an empty slot, `block` the block
 * of the key in that slot; `other` for keys past 2^53, which no realistic vocabulary reaches), and block →
 * postings range. Typed arrays rather than a Map: at millions of keys a Map cost ~300 ns per insert, holds
 * each key as a heap number, and had to be copied entry by entry into every worker and out of the cache.
 */
export interface RuleIndex {
  readonly keys: Float64Array;
  readonly block: Int32Array;
  readonly other: Map<string, number>;
  readonly start: Int32Array;
  readonly postings: Int32Array;
  /**
   * `birthDate+surnameOrGiven` only: each posting's surname and given-name token ids (2 per posting, -1
   * for none), scanned in the date's block. A date holds about 350 citizens at 10M, so scanning costs less
   * than a second table keyed on date and word, which took four times as long to build. A placeholder
   * date (01/01 of a year, for people whose day and month are unknown) can hold far more: see SCAN_LIMIT.
   */
  readonly words?: Int32Array;
}

/** The block of `key` in a rule index, or -1. */
function blockOf(index: RuleIndex, key: Key): number {
  if (typeof key === 'string') return index.other.get(key) ?? -1;
  const keys = index.keys;
  const mask = keys.length - 1;
  for (let s = slotOf(key, mask); ; s = (s + 1) & mask) {
    const k = keys[s]!;
    if (k === key) return index.block[s]!;
    if (k === -1) return -1;
  }
}

/**
 * What a rule index is built from: per citizen, the packed birth date, the interned province and the name's
 * token ids (`tokens[start[i]]..tokens[start[i+1]]`). Typed arrays and numbers only, so another thread can
 * build indexes from the same (shared) tables.
 */
export interface BlockingInputs {
  readonly size: number;
  readonly birth: Int32Array;
  readonly province: Int32Array;
  readonly start: Int32Array;
  readonly tokens: Int32Array;
  /** Number of distinct tokens, and of provinces + 1: the radixes of the numeric keys. */
  readonly vocab: number;
  readonly provinces: number;
}

/**
 * The inputs of the blocking indexes of `reference` whose names are `names`.
 *
 * @example
 * blockingInputs(ref, stagedNameTable(ref).tokens).size === ref.size //=> true
 */
export function blockingInputs(reference: ReferenceIndex, names: Pick<NameTokens, 'vocab' | 'start' | 'tokens'>): BlockingInputs {
  const c = reference.columns;
  return {
    size: reference.size,
    birth: c.birth,
    province: c.province,
    start: names.start,
    tokens: names.tokens,
    vocab: Math.max(1, names.vocab.length),
    provinces: reference.units.province.values.length + 1,
  };
}

/**
 * The index of one rule (as its indexed rule: the undated province rule builds the province rule's index),
 * its tables from `allocate`.
 *
 * @example
 * installRuleIndex(ref, 'given+dayMonth', buildRuleIndex(blockingInputs(ref, names), 'given+dayMonth', alloc));
 */
export function buildRuleIndex(input: BlockingInputs, rule: BlockingRule, allocate: Allocate): RuleIndex {
  rule = indexedRule(rule);
  const n = input.size;
  const { birth, province, vocab, provinces } = input;
  let keys: Float64Array = allocate(Float64Array, 1024).fill(-1);
  let block: Int32Array = allocate(Int32Array, 1024);
  const other = new Map<string, number>();
  const citizenBlock = new Int32Array(n).fill(-1);
  let counts = new Int32Array(1024);
  let nBlocks = 0;
  let numeric = 0;
  const ts = input.start;
  const tokens = input.tokens;
  for (let i = 0; i < n; i++) {
    const from = ts[i]!;
    const to = ts[i + 1]!;
    const key = keyOf(rule, birth[i]!, to > from ? tokens[from]! : -1, to > from ? tokens[to - 1]! : -1, province[i]!, vocab, provinces);
    if (key === undefined) continue;
    let b: number;
    if (typeof key === 'string') {
      b = other.get(key) ?? -1;
      if (b < 0) other.set(key, (b = nBlocks++));
    } else {
      const mask = keys.length - 1;
      let s = slotOf(key, mask);
      for (;;) {
        const k = keys[s]!;
        if (k === key || k === -1) break;
        s = (s + 1) & mask;
      }
      if (keys[s] === key) b = block[s]!;
      else {
        b = nBlocks++;
        keys[s] = key;
        block[s] = b;
        if (++numeric * 2 > keys.length) [keys, block] = regrow(allocate, keys, block);
      }
    }
    if (b >= counts.length) {
      const next = new Int32Array(counts.length * 2);
      next.set(counts);
      counts = next;
    }
    citizenBlock[i] = b;
    counts[b]!++;
  }
  const start = allocate(Int32Array, nBlocks + 1);
  for (let b = 0; b < nBlocks; b++) start[b + 1] = start[b]! + counts[b]!;
  const fill = start.slice(0, nBlocks);
  const postings = allocate(Int32Array, start[nBlocks]!);
  for (let i = 0; i < n; i++) {
    const b = citizenBlock[i]!;
    if (b >= 0) postings[fill[b]!++] = i;
  }
  if (rule !== 'birthDate+surnameOrGiven') return { keys, block, other, start, postings };
  const words = allocate(Int32Array, postings.length * 2);
  for (let p = 0; p < postings.length; p++) {
    const i = postings[p]!;
    const from = ts[i]!;
    const to = ts[i + 1]!;
    words[2 * p] = to > from ? tokens[from]! : -1;
    words[2 * p + 1] = to > from ? tokens[to - 1]! : -1;
  }
  return { keys, block, other, start, postings, words };
}

/** The table at twice the size, every key re-inserted. */
function regrow(allocate: Allocate, keys: Float64Array, block: Int32Array): [Float64Array, Int32Array] {
  const nextKeys = allocate(Float64Array, keys.length * 2).fill(-1);
  const nextBlock = allocate(Int32Array, keys.length * 2);
  const mask = nextKeys.length - 1;
  for (let s = 0; s < keys.length; s++) {
    const k = keys[s]!;
    if (k === -1) continue;
    let t = slotOf(k, mask);
    while (nextKeys[t] !== -1) t = (t + 1) & mask;
    nextKeys[t] = k;
    nextBlock[t] = block[s]!;
  }
  return [nextKeys, nextBlock];
}

function ruleIndex(reference: ReferenceIndex, rule: BlockingRule): RuleIndex {
  return reference.memo(`fuzzy:block:${indexedRule(rule)}`, () => buildRuleIndex(blockingInputs(reference, nameTable(reference)), rule, (Ctor, length) => tableFor(reference, Ctor, length)));
}

/**
 * Memoises an index built elsewhere (by {@link buildRuleIndex} on another thread) as `rule`'s index of
 * `reference`, unless one is already held.
 *
 * @example
 * installRuleIndex(ref, 'given+dayMonth', index);
 */
export function installRuleIndex(reference: ReferenceIndex, rule: BlockingRule, index: RuleIndex): void {
  reference.memo(`fuzzy:block:${indexedRule(rule)}`, () => index);
}

/**
 * The distinct indexes `rules` search (the undated province rule searches the province rule's).
 *
 * @example
 * indexedRules(['surname+given+province', 'surname+given+province-undated']) //=> ['surname+given+province']
 */
export function indexedRules(rules: readonly BlockingRule[]): BlockingRule[] {
  return [...new Set(rules.map(indexedRule))];
}

/**
 * Builds (once per reference) the blocking indexes of `rules`, which are otherwise built on first use: lets a
 * caller index before handing the reference to worker threads.
 *
 * @example
 * prepareBlockingIndexes(ref, BLOCKING_RULES);
 */
export function prepareBlockingIndexes(reference: ReferenceIndex, rules: readonly BlockingRule[]): void {
  for (const rule of rules) ruleIndex(reference, rule);
}

// A date's block larger than this many times `maxBlockSize` is skipped without scanning (and counted as
// capped), so a placeholder date that tens of thousands share costs nothing per record.
const SCAN_LIMIT = 10;

// Postings of the record's blocks, gathered before de-duplication (grown on demand; single-threaded).
let gathered = new Int32Array(1024);

/**
 * Citizens sharing at least one blocking key with the record, each once, in reference order.
 * Blocks larger than `maxBlockSize` are skipped (and counted): a key that common carries no information.
 * Under `birthDate+surnameOrGiven` the cap applies to the citizens kept from the date's block, and a date's
 * block over ten times the cap is skipped unscanned.
 *
 * @example
 * blockCandidates(ref, prepareRecord(ref, record), ['birthDate'], 5000) //=> [0, 17]
 */
export function blockCandidates(
  reference: ReferenceIndex,
  rec: PreparedRecord,
  rules: readonly BlockingRule[],
  maxBlockSize: number,
  counters?: BlockingCounters,
): number[] {
  const ids = rec.tokenIds;
  const table = nameTable(reference);
  const vocab = Math.max(1, table.vocab.length);
  const provinces = reference.units.province.values.length + 1;
  const surname = ids.length > 0 ? ids[0]! : -1;
  const given = ids.length > 0 ? ids[ids.length - 1]! : -1;
  let used = 0;
  if (counters !== undefined) counters.records++;
  // 1 January stands in for an unknown day and month in many registers: not a date to rely on.
  const dayMonth = rec.birth % 10000;
  const dated = dayMonth % 100 > 0 && dayMonth >= 100 && dayMonth !== 101;
  // Searched once when both province rules are chosen.
  const undatedOnly = !dated && !rules.includes('surname+given+province');
  for (const rule of rules) {
    if (rule === 'surname+given+province-undated' && !undatedOnly) continue;
    const key = keyOf(rule, rec.birth, surname, given, rec.province, vocab, provinces);
    if (key === undefined) continue;
    const index = ruleIndex(reference, rule);
    const b = blockOf(index, key);
    if (b < 0) continue;
    const from = index.start[b]!;
    const to = index.start[b + 1]!;
    const words = index.words;
    // Oversized blocks are refused before anything is copied: a plain block by its size, a date's block
    // (filtered by name words below) past SCAN_LIMIT times the cap without being scanned.
    if (words !== undefined && surname < 0 && given < 0) continue; // no word of the record to look for
    if (to - from > (words === undefined ? maxBlockSize : maxBlockSize * SCAN_LIMIT)) {
      if (counters !== undefined) counters.cappedBlocks++;
      continue;
    }
    if (used + (to - from) > gathered.length) {
      const next = new Int32Array(Math.max(gathered.length * 2, used + (to - from)));
      next.set(gathered.subarray(0, used));
      gathered = next;
    }
    let size = to - from;
    if (words === undefined) gathered.set(index.postings.subarray(from, to), used);
    else {
      // The citizens of the date whose surname or given name is the record's surname or given name.
      size = 0;
      for (let p = from; p < to; p++) {
        const w0 = words[2 * p]!;
        const w1 = words[2 * p + 1]!;
        if ((w0 >= 0 && (w0 === surname || w0 === given)) || (w1 >= 0 && (w1 === surname || w1 === given))) gathered[used + size++] = index.postings[p]!;
      }
      if (size > maxBlockSize) {
        if (counters !== undefined) counters.cappedBlocks++;
        continue;
      }
    }
    if (counters !== undefined) counters.pairs[rule] = (counters.pairs[rule] ?? 0) + size;
    used += size;
  }
  // De-duplicated by sorting the gathered postings rather than with a per-citizen mark: no random memory
  // access per candidate, and scoring then reads the citizens' rows in increasing address order (so the
  // order is the reference's, which is also the first-seen order within each block).
  const all = gathered.subarray(0, used).sort();
  const out: number[] = [];
  for (let k = 0; k < used; k++) if (k === 0 || all[k] !== all[k - 1]) out.push(all[k]!);
  if (counters !== undefined) counters.uniquePairs += out.length;
  return out;
}
