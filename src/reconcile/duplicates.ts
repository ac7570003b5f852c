import type { RecordResult, Status } from '../model/types.js';

const RANK: Record<Status, number> = { matched: 0, mismatched: 1, stale: 2, missing: 3 };
/** The statuses by {@link rankOf}: a status carried as one byte between threads and back. */
export const STATUS_OF_RANK: readonly Status[] = ['matched', 'mismatched', 'stale', 'missing'];

/** A status's rank in {@link compareForOriginal} (matched first), which {@link STATUS_OF_RANK} maps back. */
export function rankOf(status: Status): number {
  return RANK[status];
}

/**
 * Orders the members of a duplicate group: the first is kept as the original (matched first, then the
 * smallest key, then the earliest row). Shared by the in-memory and the streaming runners.
 *
 * @example
 * [b, a].sort(compareForOriginal)[0] === a //=> true when a is matched and b mismatched
 */
export function compareForOriginal(a: Pick<RecordResult, 'status' | 'key' | 'row'>, b: Pick<RecordResult, 'status' | 'key' | 'row'>): number {
  return RANK[a.status] - RANK[b.status] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.row - b.row;
}

/** At most this many duplicate keys are listed on an original, so a huge group stays linear in size. */
export const MAX_LISTED_DUPLICATES = 20;

/**
 * Marks one group member given the sorted keys of its group and its rank in it: a duplicate points to the
 * original; the original lists its duplicates (at most {@link MAX_LISTED_DUPLICATES}).
 */
export function markMember(r: RecordResult, keys: readonly string[], rank: number): RecordResult {
  if (rank === 0) return { ...r, duplicateOf: keys.slice(1, 1 + MAX_LISTED_DUPLICATES) };
  return { ...r, duplicate: true, duplicateOf: [keys[0]!], reasons: [...r.reasons, 'duplicate-record'] };
}

/**
 * Flags records linked to the same citizen. In each group the best record (matched first, then by key and
 * row) is kept as the original; the others get `duplicate: true`, the `duplicate-record` reason and the
 * original's key in `duplicateOf`; the original lists its duplicates' keys. The choice does not depend on input order.
 *
 * @example
 * markDuplicates(results).filter((r) => r.duplicate).length //=> 1
 */
export function markDuplicates(results: readonly RecordResult[]): RecordResult[] {
  const groups = new Map<string, number[]>();
  results.forEach((r, i) => {
    if (r.citizenId === undefined || r.linkedBy === undefined) return;
    const g = groups.get(r.citizenId);
    if (g === undefined) groups.set(r.citizenId, [i]);
    else g.push(i);
  });
  const out = results.slice();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const sorted = members.slice().sort((a, b) => compareForOriginal(out[a]!, out[b]!));
    const keys = sorted.map((i) => out[i]!.key);
    sorted.forEach((i, rank) => {
      out[i] = markMember(out[i]!, keys, rank);
    });
  }
  return out;
}

/** A record had no problems (it counts as clean unless it turns out a duplicate). */
export const CLEAN = 1;
/** A record had reasons (an empty reasons cell may also be one empty reason). */
export const HAS_REASONS = 2;

/** What marking a record as a duplicate later needs to know of its result. */
export function factsOf(result: RecordResult): number {
  return (result.problems.length === 0 ? CLEAN : 0) | (result.reasons.length > 0 ? HAS_REASONS : 0);
}
