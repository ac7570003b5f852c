import type { SectorRecord } from '../model/types.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import type { Link } from './types.js';

/**
 * Links a record by exact ID, then by former ID (old CMND). Pure lookup: no scoring.
 *
 * @example
 * linkById(ref, record) //=> { index: 0, linkedBy: 'id' }
 */
export function linkById(reference: ReferenceIndex, record: SectorRecord): Link | undefined {
  const id = record.citizenId;
  if (id === undefined) return undefined;
  const i = reference.findById(id);
  if (i >= 0) return { index: i, linkedBy: 'id' };
  const f = reference.findByFormerId(id);
  if (f >= 0) return { index: f, linkedBy: 'former-id' };
  return undefined;
}
