/**
 * Stable partitioning of sector records, so a national run can be split into independent jobs whose
 * statistics merge into exactly the single-run figures.
 */
import type { SectorRecord } from '../model/types.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import type { LinkOutcome } from '../link/types.js';
import { nameSkeleton } from '../normalise/name.js';

/** Which share of the records a run handles: partition `index` of `count` (0-based). */
export interface Partition {
  readonly index: number;
  readonly count: number;
}

/** FNV-1a, 32-bit: tiny, stable across runtimes, good enough to spread keys. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The partition key of a record: the province code of the ID it links to (so every record of one citizen,
 * and therefore every duplicate group, falls in one partition), else of its own ID, else its blocking key
 * (given-name skeleton and birth year), else its row key.
 *
 * @example
 * partitionKey(ref, record, { link: { index: 0, linkedBy: 'id' } }) //=> 'id:001'
 */
export function partitionKey(reference: ReferenceIndex, record: SectorRecord, outcome: LinkOutcome): string {
  const id = outcome.link !== undefined ? reference.idAt(outcome.link.index) : record.citizenId;
  if (id !== undefined) return reference.idScheme === 'vn' && /^\d{12}$/.test(id) ? `id:${id.slice(0, 3)}` : `id:${id}`;
  if (record.fullName !== undefined && record.birthDate !== undefined) {
    const tokens = nameSkeleton(record.fullName).split(' ');
    return `name:${tokens[tokens.length - 1] ?? ''}:${record.birthDate.year}`;
  }
  return `row:${record.key}`;
}

/**
 * The 0-based partition a key falls in.
 *
 * @example
 * partitionOf('id:001', 4) //=> 2
 */
export function partitionOf(key: string, count: number): number {
  return count <= 1 ? 0 : fnv1a(key) % count;
}

/**
 * Parses "k/N" (1-based k, as users write it) into a {@link Partition}.
 *
 * @example
 * parsePartition('2/8') //=> { index: 1, count: 8 }
 */
export function parsePartition(text: string): Partition | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) return undefined;
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || k < 1 || k > n || n > 1_000_000) return undefined;
  return { index: k - 1, count: n };
}
