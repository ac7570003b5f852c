/**
 * Immunisation records (tiêm chủng), as in the Covid-19 vaccination clean-up that seeded the programme.
 */
import { z } from 'zod';
import type { SectorRule } from '../classify/rules.js';
import { isPartialDateBefore, parsePartialDate } from '../normalise/date.js';
import { COMMON_SECTOR_COLUMNS, defineProfile } from './types.js';
import { extraDate } from './common.js';

const doseDates: SectorRule = {
  name: 'vaccination-dates',
  description: 'A dose is not dated before the person\'s birth, nor after the as-of date.',
  check: ({ record, citizen, asOf }) => {
    const date = extraDate(record, 'vaccinationDate');
    if (date === undefined) return undefined;
    const birth = citizen?.birthDate ?? record.birthDate;
    const wrong = (birth !== undefined && isPartialDateBefore(date, birth)) || (asOf !== undefined && isPartialDateBefore(asOf, date));
    return wrong ? { reasons: ['sector-field-invalid'] } : undefined;
  },
};

const dateText = z.string().refine((s) => parsePartialDate(s).ok, 'not a date');
const doseText = z.string().regex(/^\s*(?:mũi\s*|mui\s*)?\d{1,2}\s*$/i, 'not a dose number');

/** Vaccination records. */
export const vaccination = defineProfile({
  name: 'vaccination',
  description: 'Immunisation records (vaccine, dose, date, facility); dose dates are checked against birth and the as-of date.',
  columns: {
    ...COMMON_SECTOR_COLUMNS,
    vaccine: ['Tên vắc xin', 'Tên vaccine', 'Loại vắc xin', 'Vắc xin', 'Vaccine'],
    dose: ['Mũi tiêm', 'Mũi tiêm thứ', 'Mũi thứ', 'Mũi', 'Liều', 'Dose'],
    vaccinationDate: ['Ngày tiêm', 'Ngày tiêm chủng', 'Thời gian tiêm', 'Vaccination date', 'Date given'],
    batch: ['Số lô', 'Lô vắc xin', 'Batch', 'Lot'],
    facility: ['Cơ sở tiêm', 'Nơi tiêm', 'Điểm tiêm', 'Cơ sở tiêm chủng', 'Facility'],
    phone: ['Số điện thoại', 'SĐT', 'Điện thoại', 'Phone'],
  },
  extraSchema: z.object({ vaccinationDate: dateText.optional(), dose: doseText.optional() }),
  rules: [doseDates],
  reasons: ['sector-field-invalid'],
});
