/**
 * What completing the output files changes: the members of duplicate groups, marked as `markMember` marks
 * them. Plain arrays, so the files can be completed on worker threads while the calling thread writes the
 * statistics and the report.
 */
import { markMember } from '../reconcile/duplicates.js';
import type { RecordResult } from '../model/types.js';
import { resultLine } from '../write/ndjson.js';
import { markWorklistLine } from '../write/worklistCsv.js';
import type { Rewrite } from './patchableFile.js';

/** The members of duplicate groups, in entry order, with their group and rank. */
export interface DuplicatePatch {
  /** Entry (record) numbers of every member, ascending. */
  readonly entries: Int32Array;
  /** Per member: its group (index into `groups`), its rank in it (0: the original), and whether it had reasons. */
  readonly groupOf: Int32Array;
  readonly rank: Int32Array;
  readonly hasReasons: Uint8Array;
  /** Each group's keys, ordered as `markMember` expects. */
  readonly groups: readonly (readonly string[])[];
}

/**
 * The patch of duplicate groups given as sorted member lists (disjoint: a record links to one citizen), with each member's key and whether it had reasons.
 *
 * @example
 * duplicatePatch([[4, 1]], (i) => `K${i}`, () => false).entries //=> Int32Array [1, 4]
 */
export function duplicatePatch(groups: Iterable<readonly number[]>, keyOf: (entry: number) => string, hasReasons: (entry: number) => boolean): DuplicatePatch {
  const keys: string[][] = [];
  // Each member's group and rank by entry (a record is in one group at most), and the entries sorted as
  // numbers: an array of tuples sorted by a function took ~2 µs a member at 1M records, the main thread's
  // longest step before the files can be completed.
  const memberOf = new Map<number, number>();
  const groupOf: number[] = [];
  const rankOf: number[] = [];
  const members: number[] = [];
  for (const sorted of groups) {
    const g = keys.length;
    keys.push(sorted.map(keyOf));
    for (let r = 0; r < sorted.length; r++) {
      if (memberOf.has(sorted[r]!)) throw new Error('a record is in two duplicate groups');
      memberOf.set(sorted[r]!, groupOf.length);
      members.push(sorted[r]!);
      groupOf.push(g);
      rankOf.push(r);
    }
  }
  const entries = Int32Array.from(members).sort();
  const n = entries.length;
  const patch = { entries, groupOf: new Int32Array(n), rank: new Int32Array(n), hasReasons: new Uint8Array(n), groups: keys };
  for (let k = 0; k < n; k++) {
    const member = memberOf.get(entries[k]!)!;
    patch.groupOf[k] = groupOf[member]!;
    patch.rank[k] = rankOf[member]!;
    patch.hasReasons[k] = hasReasons(entries[k]!) ? 1 : 0;
  }
  return patch;
}

/**
 * The position in `patch` of entry `entry`, or -1 when it is in no duplicate group.
 *
 * @example
 * memberIndex(duplicatePatch([[4, 1]], String, () => false), 4) //=> 1
 */
export function memberIndex(patch: DuplicatePatch, entry: number): number {
  const e = patch.entries;
  let lo = 0;
  let hi = e.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = e[mid]!;
    if (v === entry) return mid;
    if (v < entry) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * How each output file's member lines are rewritten: a worklist line by `markWorklistLine`, a result line
 * re-serialised from its marked result.
 *
 * @example
 * completeFile(job, patch.entries, rewriteFor('worklist', patch));
 */
export function rewriteFor(kind: 'worklist' | 'results', patch: DuplicatePatch): Rewrite {
  const { groupOf, rank, hasReasons, groups } = patch;
  if (kind === 'worklist') return (_entry, line, k) => markWorklistLine(line, groups[groupOf[k]!]!, rank[k]!, hasReasons[k] === 1);
  return (_entry, line, k) => resultLine(markMember(JSON.parse(line) as RecordResult, groups[groupOf[k]!]!, rank[k]!));
}
