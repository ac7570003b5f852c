/**
 * Social insurance (BHXH) registers: the 10-digit BHXH code and the employer that contributes.
 */
import type { SectorRule } from '../classify/rules.js';
import { COMMON_SECTOR_COLUMNS, defineProfile } from './types.js';
import { extraDate, bhxhFormat } from './common.js';
import { isPartialDateBefore } from '../normalise/date.js';


const contributionAfterDeath: SectorRule = {
  name: 'contribution-after-death',
  description: 'A deceased citizen with contributions recorded after the death date is flagged for payment review.',
  check: ({ record, citizen }) => {
    if (citizen?.status !== 'deceased') return undefined;
    const to = extraDate(record, 'contributionTo');
    if (to === undefined || citizen.deathDate === undefined) return { reasons: ['payment-review'] };
    return isPartialDateBefore(citizen.deathDate, to) ? { reasons: ['payment-review'] } : undefined;
  },
};

/** Social insurance (BHXH) participant registers. */
export const socialInsurance = defineProfile({
  name: 'socialInsurance',
  description: 'Social insurance (BHXH) participants: 10-digit BHXH code, employer, contribution period.',
  columns: {
    ...COMMON_SECTOR_COLUMNS,
    bhxhCode: ['Mã số BHXH', 'Mã BHXH', 'Số BHXH', 'Số sổ BHXH', 'Mã số bảo hiểm xã hội', 'BHXH', 'Social insurance code', 'Social insurance number'],
    employer: ['Đơn vị', 'Tên đơn vị', 'Đơn vị sử dụng lao động', 'Đơn vị công tác', 'Nơi làm việc', 'Employer', 'Employer name'],
    employerCode: ['Mã đơn vị', 'Mã ĐV', 'Employer code'],
    contributionFrom: ['Đóng từ', 'Từ tháng', 'Thời gian đóng từ', 'Contribution from'],
    contributionTo: ['Đóng đến', 'Đến tháng', 'Thời gian đóng đến', 'Contribution to'],
  },
  requiredAnyOf: [['citizenId', 'fullName', 'bhxhCode']],
  rules: [bhxhFormat, contributionAfterDeath],
  reasons: ['sector-field-invalid', 'payment-review'],
});
