/**
 * Health insurance (BHYT) registers: card numbers in the 15-character form of QĐ 1351/QĐ-BHXH (group code,
 * benefit level, issuing province, 10-digit BHXH code) or the 10-digit BHXH code printed on cards since 2021.
 */
import { z } from 'zod';
import { isPartialDateBefore, parsePartialDate } from '../normalise/date.js';
import type { SectorRule } from '../classify/rules.js';
import { COMMON_SECTOR_COLUMNS, defineProfile } from './types.js';
import { BHYT_BENEFICIARY_CODES } from './bhytCodes.js';
import { bhxhDigits, extraDate, bhxhFormat } from './common.js';

/** A BHYT card number taken apart. */
export type BhytCard =
  | { readonly form: 'card15'; readonly group: string; readonly benefitLevel: number; readonly province: string; readonly bhxhCode: string }
  | { readonly form: 'bhxh10'; readonly bhxhCode: string };

/**
 * Parses a BHYT card number: the 15-character card ("HS 4 01 0120878811", spaces and dots ignored, a known
 * group code required) or a bare 10-digit BHXH code (9 digits when Excel dropped the leading zero).
 *
 * @example
 * parseBhytCard('HS4010120878811')
 * //=> { form: 'card15', group: 'HS', benefitLevel: 4, province: '01', bhxhCode: '0120878811' }
 */
export function parseBhytCard(text: string): BhytCard | undefined {
  if (text.length > 40) return undefined;
  const s = text.toUpperCase().replace(/[\s.\-']/g, '');
  const m = /^([A-Z]{2})([1-5])(\d{2})(\d{10})$/.exec(s);
  if (m !== null) {
    if (BHYT_BENEFICIARY_CODES[m[1]!] === undefined) return undefined;
    return { form: 'card15', group: m[1]!, benefitLevel: Number(m[2]), province: m[3]!, bhxhCode: m[4]! };
  }
  const code = bhxhDigits(s);
  return code === undefined ? undefined : { form: 'bhxh10', bhxhCode: code };
}

const dateText = z.string().refine((s) => parsePartialDate(s).ok, 'not a date');

const cardFormat: SectorRule = {
  name: 'bhyt-card-format',
  description: 'The card number is a 15-character BHYT card with a known group code, or a 10-digit BHXH code.',
  check: ({ record }) => {
    const card = record.extra['cardNumber'];
    if (card === undefined || card === '') return undefined;
    return parseBhytCard(card) === undefined ? { reasons: ['bhyt-card-invalid'] } : undefined;
  },
};

const cardExpiry: SectorRule = {
  name: 'bhyt-card-expiry',
  description: 'A card whose validity ended before the as-of date is stale (card-expired).',
  check: ({ record, asOf }) => {
    const to = extraDate(record, 'cardValidTo');
    if (to === undefined || asOf === undefined) return undefined;
    return isPartialDateBefore(to, asOf) ? { reasons: ['card-expired'], status: 'stale' } : undefined;
  },
};

const cardDatesOrder: SectorRule = {
  name: 'bhyt-card-dates',
  description: 'The validity start is not after its end.',
  check: ({ record }) => {
    const from = extraDate(record, 'cardValidFrom');
    const to = extraDate(record, 'cardValidTo');
    return from !== undefined && to !== undefined && isPartialDateBefore(to, from) ? { reasons: ['sector-field-invalid'] } : undefined;
  },
};

const bhxhConsistent: SectorRule = {
  name: 'bhxh-card-consistency',
  description: 'The BHXH code column equals the last 10 characters of a 15-character card.',
  check: ({ record }) => {
    const card = parseBhytCard(record.extra['cardNumber'] ?? '');
    const code = bhxhDigits(record.extra['bhxhCode']);
    if (card === undefined || code === undefined) return undefined;
    return card.bhxhCode === code ? undefined : { reasons: ['bhxh-card-inconsistent'], status: 'mismatched' };
  },
};


/** Health insurance (BHYT) card registers. */
export const healthInsurance = defineProfile({
  name: 'healthInsurance',
  description: 'Health insurance (BHYT) card holders: card number, BHXH code, card validity.',
  columns: {
    ...COMMON_SECTOR_COLUMNS,
    cardNumber: ['Mã thẻ BHYT', 'Số thẻ BHYT', 'Mã thẻ', 'Số thẻ', 'Thẻ BHYT', 'BHYT', 'Card number', 'Health insurance card'],
    bhxhCode: ['Mã số BHXH', 'Mã BHXH', 'Số BHXH', 'Số sổ BHXH', 'Mã số bảo hiểm xã hội', 'BHXH', 'Social insurance code', 'Social insurance number'],
    cardValidFrom: ['Giá trị sử dụng từ', 'Giá trị từ ngày', 'Hiệu lực từ', 'Từ ngày', 'Ngày hiệu lực', 'Ngày bắt đầu', 'Valid from'],
    cardValidTo: ['Giá trị sử dụng đến', 'Giá trị đến ngày', 'Hiệu lực đến', 'Đến ngày', 'Hạn thẻ', 'Hạn sử dụng', 'Ngày hết hạn', 'Valid to', 'Valid until', 'Expiry date'],
    benefitLevel: ['Mức hưởng', 'Benefit level'],
    registeredFacility: ['Nơi đăng ký KCB ban đầu', 'Nơi ĐKKCB ban đầu', 'Nơi KCB ban đầu', 'Mã KCB', 'Registered facility'],
  },
  requiredAnyOf: [['citizenId', 'fullName', 'cardNumber', 'bhxhCode']],
  extraSchema: z.object({ cardValidFrom: dateText.optional(), cardValidTo: dateText.optional() }),
  rules: [cardFormat, bhxhFormat, cardExpiry, cardDatesOrder, bhxhConsistent],
  reasons: ['bhyt-card-invalid', 'card-expired', 'bhxh-card-inconsistent'],
});
