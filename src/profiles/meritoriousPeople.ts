/**
 * People with meritorious service to the revolution (người có công với cách mạng) and their monthly
 * allowances: a deceased beneficiary is stale and flagged for payment review.
 */
import type { SectorRule } from '../classify/rules.js';
import { COMMON_SECTOR_COLUMNS, defineProfile } from './types.js';

const deceasedBeneficiary: SectorRule = {
  name: 'deceased-beneficiary',
  description: 'A beneficiary the reference records as deceased is stale and flagged for payment review.',
  check: ({ citizen }) => (citizen?.status === 'deceased' ? { reasons: ['citizen-deceased', 'payment-review'], status: 'stale' } : undefined),
};

/** Người có công beneficiary lists. */
export const meritoriousPeople = defineProfile({
  name: 'meritoriousPeople',
  description: 'People with meritorious service (người có công) receiving allowances; deceased beneficiaries are flagged for payment review.',
  columns: {
    ...COMMON_SECTOR_COLUMNS,
    beneficiaryType: ['Đối tượng', 'Diện đối tượng', 'Loại đối tượng', 'Diện', 'Beneficiary type'],
    beneficiaryCode: ['Mã đối tượng', 'Mã hồ sơ người có công', 'Số hồ sơ NCC', 'Beneficiary code'],
    allowance: ['Mức trợ cấp', 'Trợ cấp hằng tháng', 'Số tiền', 'Allowance', 'Monthly allowance'],
    paymentFrom: ['Hưởng từ', 'Ngày hưởng', 'Hưởng từ ngày', 'Payment from'],
    paymentStatus: ['Tình trạng chi trả', 'Trạng thái hưởng', 'Payment status'],
  },
  rules: [deceasedBeneficiary],
  reasons: ['citizen-deceased', 'payment-review'],
});
