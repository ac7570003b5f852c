/**
 * Association member lists (Hội Nông dân, Hội Người cao tuổi, Hội Cựu chiến binh, Hội LHPN, …), often Excel
 * files in TCVN3/VNI fonts with ALL-CAPS names and year-only birth dates.
 */
import type { SectorRule } from '../classify/rules.js';
import { foldDiacritics } from '../normalise/text.js';
import { COMMON_SECTOR_COLUMNS, defineProfile } from './types.js';
import { ageAt } from './common.js';

/** Kinds of association with a membership age rule. */
export type AssociationKind = 'elderly' | 'farmers' | 'veterans' | 'women' | 'youth' | 'other';

/** Minimum member age per association kind (Hội Người cao tuổi: 60, Luật Người cao tuổi 2009 Điều 2). */
export const ASSOCIATION_MIN_AGE: Readonly<Partial<Record<AssociationKind, number>>> = { elderly: 60, women: 18, farmers: 18, veterans: 18 };

/**
 * Reads an association's kind from its name ("Hội Người cao tuổi", "NCT", "Hội Nông dân", "CCB").
 *
 * @example
 * associationKind('Hội Người cao tuổi xã An Bình') //=> 'elderly'
 */
export function associationKind(name: string): AssociationKind | undefined {
  if (name.length > 200) return undefined;
  const s = ` ${foldDiacritics(name).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
  if (s.trim() === '') return undefined;
  if (/ (nguoi cao tuoi|nct|elderly) /.test(s)) return 'elderly';
  if (/ (nong dan|hnd|farmers?) /.test(s)) return 'farmers';
  if (/ (cuu chien binh|ccb|veterans?) /.test(s)) return 'veterans';
  if (/ (phu nu|lhpn|women) /.test(s)) return 'women';
  if (/ (thanh nien|doan|youth) /.test(s)) return 'youth';
  return 'other';
}

/**
 * The membership age rule: a member younger than the association's minimum on the as-of date (certainly
 * younger, whatever day a partial birth date stands for) is mismatched with `below-minimum-age`.
 *
 * @param kind - Fixed kind, or undefined to read it from the `associationName` column of each row.
 * @example
 * minimumAgeRule('elderly').name //=> 'association-minimum-age'
 */
export function minimumAgeRule(kind?: AssociationKind): SectorRule {
  return {
    name: 'association-minimum-age',
    description: 'Members are at least the association\'s minimum age (60 for Hội Người cao tuổi) on the as-of date.',
    check: ({ record, citizen, asOf }) => {
      const k = kind ?? associationKind(record.extra['associationName'] ?? '');
      const min = k === undefined ? undefined : ASSOCIATION_MIN_AGE[k];
      const age = ageAt(record, citizen, asOf);
      if (min === undefined || age === undefined) return undefined;
      return age.max < min ? { reasons: ['below-minimum-age'], status: 'mismatched' } : undefined;
    },
  };
}

const associationColumns = {
  ...COMMON_SECTOR_COLUMNS,
  associationName: ['Tên hội', 'Hội', 'Chi hội', 'Tổ chức hội', 'Association'],
  memberNumber: ['Số thẻ hội viên', 'Số thẻ', 'Mã hội viên', 'Member number'],
  joinedAt: ['Ngày vào hội', 'Năm vào hội', 'Ngày kết nạp', 'Joined', 'Member since'],
  village: ['Thôn', 'Xóm', 'Ấp', 'Bản', 'Thôn/xóm', 'Thôn/ấp', 'Tổ dân phố', 'Village'],
  position: ['Chức vụ', 'Chức vụ trong hội', 'Position'],
} as const;

/** Association member lists; the age rule applies when the `Tên hội` column names the association. */
export const association = defineProfile({
  name: 'association',
  description: 'Association member lists (farmers\', elderly, veterans\', women\'s …); elderly members must be 60+ on the as-of date.',
  columns: associationColumns,
  rules: [minimumAgeRule()],
  reasons: ['below-minimum-age'],
});

/** Hội Người cao tuổi member lists: every member must be 60 or older on the as-of date. */
export const elderlyAssociation = defineProfile({
  name: 'elderlyAssociation',
  description: 'Hội Người cao tuổi member lists: members must be 60 or older on the as-of date.',
  columns: associationColumns,
  rules: [minimumAgeRule('elderly')],
  reasons: ['below-minimum-age'],
});
