/**
 * Civil status (hộ tịch) registers: birth, death and marriage registrations. A marriage row names two people
 * and is reconciled as two records; a registered death of someone the reference lists as alive is a finding
 * about the reference, returned as a suggested reference update; a registered death of someone the reference
 * already lists as deceased agrees with it (`citizen-deceased` is cleared, not reported).
 */
import { z } from 'zod';
import type { ReferenceUpdate, SectorRule } from '../classify/rules.js';
import { formatPartialDate, parsePartialDate } from '../normalise/date.js';
import { foldDiacritics } from '../normalise/text.js';
import { COMMON_SECTOR_COLUMNS, defineProfile, type CellValue, type FieldRow } from './types.js';
import { extraDate, extraKey } from './common.js';

/** The kinds of civil-status registration. */
export type RegistrationType = 'birth' | 'death' | 'marriage';

const TYPES: Readonly<Record<string, RegistrationType>> = {
  'khai sinh': 'birth', ks: 'birth', birth: 'birth', sinh: 'birth', 'dang ky khai sinh': 'birth',
  'khai tu': 'death', kt: 'death', death: 'death', tu: 'death', chet: 'death', 'dang ky khai tu': 'death',
  'ket hon': 'marriage', kh: 'marriage', marriage: 'marriage', 'dang ky ket hon': 'marriage',
};

/**
 * Reads a registration type in the forms officers write ("Khai tử", "KT", "death").
 *
 * @example
 * parseRegistrationType('Đăng ký khai tử') //=> 'death'
 */
export function parseRegistrationType(text: string): RegistrationType | undefined {
  if (text.length > 100) return undefined;
  const k = foldDiacritics(text).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return TYPES[k];
}

const SPOUSE_FIELDS = ['husbandId', 'husbandName', 'husbandBirthDate', 'wifeId', 'wifeName', 'wifeBirthDate'] as const;

function present(v: CellValue | undefined): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}

function text(v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
}

/**
 * Splits a marriage row into one row per spouse (keys `<key>-1` for the husband, `<key>-2` for the wife);
 * any other row is returned as it is.
 *
 * @example
 * expandMarriage({ registrationType: 'Kết hôn', husbandName: 'Lê Văn Nam', wifeName: 'Trần Thị Hoa' }, 3).map((r) => r['key'])
 * //=> ['3-1', '3-2']
 */
export function expandMarriage(row: FieldRow, rowNumber: number): FieldRow[] {
  if (!SPOUSE_FIELDS.some((f) => present(row[f]))) return [row];
  const base = text(row['key']) || text(row['registrationNumber']) || String(rowNumber);
  const common: FieldRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (!(SPOUSE_FIELDS as readonly string[]).includes(k) && !['citizenId', 'fullName', 'birthDate', 'gender', 'key'].includes(k)) {
      Object.defineProperty(common, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
  const person = (suffix: string, role: string, id: CellValue | undefined, name: CellValue | undefined, birth: CellValue | undefined, gender: string): FieldRow => {
    const r: FieldRow = { ...common, key: `${base}-${suffix}`, role, gender };
    if (id !== undefined) r['citizenId'] = id;
    if (name !== undefined) r['fullName'] = name;
    if (birth !== undefined) r['birthDate'] = birth;
    return r;
  };
  return [
    person('1', 'husband', row['husbandId'], row['husbandName'], row['husbandBirthDate'], 'Nam'),
    person('2', 'wife', row['wifeId'], row['wifeName'], row['wifeBirthDate'], 'Nữ'),
  ];
}

function isDeathRecord(extra: Readonly<Record<string, string>>): boolean {
  const t = parseRegistrationType(extra['registrationType'] ?? '');
  return t === 'death' || (t === undefined && (extra['deathDate'] ?? '') !== '');
}

const registeredDeath: SectorRule = {
  name: 'registered-death',
  description:
    'A death registration of a citizen the reference lists as alive: reason reference-missing-death and a suggested reference update; of a citizen already deceased: expected, citizen-deceased is cleared.',
  check: ({ record, citizen }) => {
    if (citizen === undefined || !isDeathRecord(record.extra)) return undefined;
    // The register records deaths: a deceased citizen is what it should find, not a stale record.
    if (citizen.status === 'deceased') return { reasons: [], clears: ['citizen-deceased'] };
    if (citizen.status !== 'alive') return undefined;
    const updates: ReferenceUpdate[] = [
      { citizenId: citizen.id, recordKey: record.key, reason: 'reference-missing-death', field: 'status', current: 'alive', suggested: 'deceased' },
    ];
    const death = extraDate(record, 'deathDate');
    if (death !== undefined) {
      updates.push({
        citizenId: citizen.id,
        recordKey: record.key,
        reason: 'reference-missing-death',
        field: 'deathDate',
        current: citizen.deathDate === undefined ? '' : formatPartialDate(citizen.deathDate),
        suggested: formatPartialDate(death),
      });
    }
    return { reasons: ['reference-missing-death'], referenceUpdates: updates };
  },
};

const registrationTypeKnown: SectorRule = {
  name: 'registration-type',
  description: 'The registration type is birth, death or marriage (Khai sinh, Khai tử, Kết hôn).',
  check: ({ record }) => {
    const v = extraKey(record, 'registrationType');
    return v !== '' && parseRegistrationType(v) === undefined ? { reasons: ['sector-field-invalid'] } : undefined;
  },
};

const dateText = z.string().refine((s) => parsePartialDate(s).ok, 'not a date');

/** Civil status (hộ tịch) registers: births, deaths, marriages. */
export const civilStatus = defineProfile({
  name: 'civilStatus',
  description: 'Civil status registrations (hộ tịch): birth, death and marriage; a marriage row is two people.',
  columns: {
    ...COMMON_SECTOR_COLUMNS,
    registrationType: ['Loại đăng ký', 'Loại việc', 'Loại hộ tịch', 'Loại sự kiện', 'Loại', 'Registration type', 'Type'],
    registrationNumber: ['Số đăng ký', 'Số đăng ký hộ tịch', 'Số', 'Quyển số', 'Registration number'],
    registrationDate: ['Ngày đăng ký', 'Ngày ĐK', 'Registration date'],
    deathDate: ['Ngày mất', 'Ngày chết', 'Ngày tử vong', 'Ngày qua đời', 'Date of death', 'Death date'],
    husbandId: ['Số CCCD chồng', 'CCCD chồng', 'Số định danh chồng', 'Husband ID'],
    husbandName: ['Họ tên chồng', 'Họ và tên chồng', 'Tên chồng', 'Husband name'],
    husbandBirthDate: ['Ngày sinh chồng', 'Năm sinh chồng', 'Husband birth date'],
    wifeId: ['Số CCCD vợ', 'CCCD vợ', 'Số định danh vợ', 'Wife ID'],
    wifeName: ['Họ tên vợ', 'Họ và tên vợ', 'Tên vợ', 'Wife name'],
    wifeBirthDate: ['Ngày sinh vợ', 'Năm sinh vợ', 'Wife birth date'],
  },
  requiredAnyOf: [['citizenId', 'fullName', 'husbandName', 'wifeName', 'husbandId', 'wifeId']],
  extraSchema: z.object({ registrationDate: dateText.optional(), deathDate: dateText.optional() }),
  rules: [registrationTypeKnown, registeredDeath],
  reasons: ['reference-missing-death'],
  expand: expandMarriage,
});
