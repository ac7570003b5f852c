/**
 * Suggested reference updates (e.g. deaths registered in civil status but missing from the reference) as CSV.
 */
import type { ReferenceUpdate } from '../classify/rules.js';
import { maskId } from './mask.js';
import { BOM, csvLine } from './csvCell.js';

/**
 * The reference-update suggestions as a UTF-8-BOM CSV, one line per suggestion; citizen IDs masked unless
 * `revealPersonalData`.
 *
 * @example
 * referenceUpdatesCsv([{ citizenId: '001089012345', recordKey: 'KT-12', reason: 'reference-missing-death', field: 'status', current: 'alive', suggested: 'deceased' }])
 * //=> '\uFEFFcitizen_id,record_key,reason,field,current,suggested\r\n001******345,KT-12,reference-missing-death,status,alive,deceased\r\n'
 */
export function referenceUpdatesCsv(updates: Iterable<ReferenceUpdate>, options: { readonly revealPersonalData?: boolean } = {}): string {
  const parts = [BOM, csvLine(['citizen_id', 'record_key', 'reason', 'field', 'current', 'suggested'])];
  for (const u of updates) {
    parts.push(csvLine([options.revealPersonalData === true ? u.citizenId : maskId(u.citizenId), u.recordKey, u.reason, u.field, u.current, u.suggested]));
  }
  return parts.join('');
}
