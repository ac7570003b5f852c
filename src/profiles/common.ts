import type { SectorRule } from '../classify/rules.js';
// Small helpers shared by the profile rules: reading the profile's own fields (kept as text in `extra`).
import { parsePartialDate, ageOn } from '../normalise/date.js';
import type { PartialDate, SectorRecord, Citizen } from '../model/types.js';

/** A date in the record's extra fields, or undefined when empty or unreadable. */
export function extraDate(record: SectorRecord, field: string): PartialDate | undefined {
  const v = record.extra[field];
  if (v === undefined || v === '') return undefined;
  const r = parsePartialDate(v);
  return r.ok ? r.value : undefined;
}

/** Whether an extra field holds something that is not a readable date. */
export function badExtraDate(record: SectorRecord, field: string): boolean {
  const v = record.extra[field];
  return v !== undefined && v !== '' && !parsePartialDate(v).ok;
}

/** Lower-case, diacritic-free text of an extra field, for matching values such as "Khai tử". */
export function extraKey(record: SectorRecord, field: string): string {
  const v = record.extra[field];
  if (v === undefined) return '';
  return v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Age range on the as-of date, from the reference birth date when linked, else the record's. */
export function ageAt(record: SectorRecord, citizen: Citizen | undefined, asOf: PartialDate | undefined): { min: number; max: number } | undefined {
  const birth = citizen?.birthDate ?? record.birthDate;
  if (birth === undefined || asOf === undefined) return undefined;
  return ageOn(birth, asOf);
}

/** Digits of a BHXH code, restoring one leading zero lost to Excel (9 digits → 10). */
export function bhxhDigits(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const d = text.replace(/[\s.\-']/g, '').replace(/\.0$/, '');
  if (/^\d{10}$/.test(d)) return d;
  if (/^\d{9}$/.test(d)) return `0${d}`;
  return undefined;
}

/** The `bhxhCode` column holds a 10-digit BHXH code (9 when Excel dropped the leading zero). Shared by the BHYT and BHXH profiles. */
export const bhxhFormat: SectorRule = {
  name: 'bhxh-code-format',
  description: 'The BHXH code has 10 digits (9 when Excel dropped the leading zero).',
  check: ({ record }) => {
    const v = record.extra['bhxhCode'];
    return v !== undefined && v !== '' && bhxhDigits(v) === undefined ? { reasons: ['sector-field-invalid'] } : undefined;
  },
};
