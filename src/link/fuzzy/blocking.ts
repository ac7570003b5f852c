/**
 * Blocking: which citizens are compared with a record at all. Each rule maps a record and a citizen to a
 * key; citizens sharing the record's key under any rule are candidates. Each rule's index is a key → block
 * map and one Int32Array of postings, built with a counting pass on first use and memoised on the reference.
 */
import type { ReferenceIndex } from '../../reference/referenceIndex.js';
import { nameTable, type NameTable } from './termFrequency.js';
import type { PreparedRecord } from './comparisons.js';

/**
 * The blocking rules:
 * - `birthYear+given`: birth year and given-name skeleton (survives any day/month error and surname errors);
 * - `birthDate`: the full birth date (survives any name error);
 * - `surname+given+province`: surname and given-name skeletons and province (survives any birth-date error);
 * - `given+dayMonth`: given-name skeleton, day and month (survives a wrong year).
 */
export const BLOCKING_RULES = ['birthYear+given', 'birthDate', 'surname+given+province', 'given+dayMonth'] as const;
/** A blocking rule name. */
export type BlockingRule = (typeof BLOCKING_RULES)[number];

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

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly surname: number;
  readonly given: number;
  readonly province: number;
}

const SHIFT = 16777216; // 2^24: token ids stay below this in any plausible vocabulary

/** The key of a rule for the given parts, or undefined when the parts lack what it needs. */
function keyOf(rule: BlockingRule, p: Parts): Key | undefined {
  switch (rule) {
    case 'birthYear+given':
      return p.year > 0 && p.given >= 0 ? p.year * SHIFT + p.given : undefined;
    case 'birthDate':
      return p.year > 0 && p.month > 0 && p.day > 0 ? p.year * 10000 + p.month * 100 + p.day : undefined;
    case 'surname+given+province':
      return p.surname >= 0 && p.given >= 0 && p.province > 0 ? `${p.surname},${p.given},${p.province}` : undefined;
    case 'given+dayMonth':
      return p.given >= 0 && p.month > 0 && p.day > 0 ? p.given * 10000 + p.month * 100 + p.day : undefined;
  }
}

function partsOf(birth: number, tokens: ArrayLike<number>, from: number, to: number, province: number): Parts {
  return {
    year: Math.floor(birth / 10000),
    month: Math.floor(birth / 100) % 100,
    day: birth % 100,
    surname: to > from ? tokens[from]! : -1,
    given: to > from ? tokens[to - 1]! : -1,
    province,
  };
}

/** A rule's index: key → block, block → postings range. */
interface RuleIndex {
  readonly blocks: Map<Key, number>;
  readonly start: Int32Array;
  readonly postings: Int32Array;
}

function buildRuleIndex(reference: ReferenceIndex, table: NameTable, rule: BlockingRule): RuleIndex {
  const n = reference.size;
  const c = reference.columns;
  const blocks = new Map<Key, number>();
  const blockOf = new Int32Array(n).fill(-1);
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = keyOf(rule, partsOf(c.birth[i]!, table.tokens, table.start[i]!, table.start[i + 1]!, c.province[i]!));
    if (key === undefined) continue;
    let b = blocks.get(key);
    if (b === undefined) {
      b = counts.length;
      blocks.set(key, b);
      counts.push(0);
    }
    blockOf[i] = b;
    counts[b]!++;
  }
  const start = new Int32Array(counts.length + 1);
  for (let b = 0; b < counts.length; b++) start[b + 1] = start[b]! + counts[b]!;
  const fill = start.slice(0, counts.length);
  const postings = new Int32Array(start[counts.length]!);
  for (let i = 0; i < n; i++) {
    const b = blockOf[i]!;
    if (b >= 0) postings[fill[b]!++] = i;
  }
  return { blocks, start, postings };
}

function ruleIndex(reference: ReferenceIndex, rule: BlockingRule): RuleIndex {
  return reference.memo(`fuzzy:block:${rule}`, () => buildRuleIndex(reference, nameTable(reference), rule));
}

/**
 * Citizens sharing at least one blocking key with the record, each once, in first-seen order.
 * Blocks larger than `maxBlockSize` are skipped (and counted): a key that common carries no information.
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
  const parts = partsOf(rec.birth, ids, 0, ids.length, rec.province);
  const seen = new Set<number>();
  const out: number[] = [];
  if (counters !== undefined) counters.records++;
  for (const rule of rules) {
    const key = keyOf(rule, parts);
    if (key === undefined) continue;
    const index = ruleIndex(reference, rule);
    const b = index.blocks.get(key);
    if (b === undefined) continue;
    const from = index.start[b]!;
    const to = index.start[b + 1]!;
    if (to - from > maxBlockSize) {
      if (counters !== undefined) counters.cappedBlocks++;
      continue;
    }
    if (counters !== undefined) counters.pairs[rule] = (counters.pairs[rule] ?? 0) + (to - from);
    for (let k = from; k < to; k++) {
      const i = index.postings[k]!;
      if (!seen.has(i)) {
        seen.add(i);
        out.push(i);
      }
    }
  }
  if (counters !== undefined) counters.uniquePairs += out.length;
  return out;
}
