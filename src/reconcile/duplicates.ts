import type { RecordResult, Status } from '../model/types.js';

const RANK: Record<Status, number> = { matched: 0, mismatched: 1, stale: 2, missing: 3 };

/**
 * Flags records linked to the same citizen. In each group the best record (matched first, then by key and
 * row) is kept as the original; the others get `duplicate: true` and the `duplicate-record` reason.
 * All members list the others' keys in `duplicateOf`. The choice does not depend on input order.
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
    const sorted = members.slice().sort((a, b) => {
      const ra = out[a]!;
      const rb = out[b]!;
      return RANK[ra.status] - RANK[rb.status] || (ra.key < rb.key ? -1 : ra.key > rb.key ? 1 : 0) || ra.row - rb.row;
    });
    const keys = sorted.map((i) => out[i]!.key);
    sorted.forEach((i, rank) => {
      const r = out[i]!;
      const others = keys.filter((_, j) => j !== rank);
      out[i] =
        rank === 0
          ? { ...r, duplicateOf: others }
          : { ...r, duplicate: true, duplicateOf: others, reasons: [...r.reasons, 'duplicate-record'] };
    });
  }
  return out;
}
