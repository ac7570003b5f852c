/**
 * The registry of shipped profiles.
 */
import type { Profile } from './types.js';
import { reference } from './reference.js';
import { healthInsurance } from './healthInsurance.js';
import { socialInsurance } from './socialInsurance.js';
import { civilStatus } from './civilStatus.js';
import { association, elderlyAssociation } from './association.js';
import { labour } from './labour.js';
import { meritoriousPeople } from './meritoriousPeople.js';
import { vaccination } from './vaccination.js';
import { COMMON_SECTOR_COLUMNS, defineProfile } from './types.js';

/** Any sector register with the common columns only (ID, name, birth date, gender, units, address). */
export const generic = defineProfile({
  name: 'generic',
  description: 'Any sector register: the common columns (ID, name, birth date, gender, province, commune, address), no sector rules.',
  columns: COMMON_SECTOR_COLUMNS,
});

/** Shipped profiles by name. */
export const PROFILES: Readonly<Record<string, Profile>> = {
  reference,
  generic,
  healthInsurance,
  socialInsurance,
  civilStatus,
  association,
  elderlyAssociation,
  labour,
  meritoriousPeople,
  vaccination,
};

/**
 * Looks a profile up by name, ignoring case, spaces and dashes ("health-insurance", "BHYT" aliases included).
 *
 * @example
 * getProfile('health-insurance')?.name //=> 'healthInsurance'
 */
export function getProfile(name: string): Profile | undefined {
  const k = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const byShort: Record<string, string> = { bhyt: 'healthInsurance', bhxh: 'socialInsurance', hotich: 'civilStatus', nguoicocong: 'meritoriousPeople', tiemchung: 'vaccination', laodong: 'labour', labor: 'labour', nct: 'elderlyAssociation' };
  const target = byShort[k] ?? Object.keys(PROFILES).find((n) => n.toLowerCase() === k);
  return target === undefined ? undefined : PROFILES[target];
}

export { reference, healthInsurance, socialInsurance, civilStatus, association, elderlyAssociation, labour, meritoriousPeople, vaccination };
