/**
 * Labour registers (lao động, việc làm): workers and their employers, with a working-age check.
 */
import type { SectorRule } from '../classify/rules.js';
import type { Gender, PartialDate } from '../model/types.js';
import { COMMON_SECTOR_COLUMNS, defineProfile } from './types.js';
import { ageAt } from './common.js';

/** Minimum working age (Bộ luật Lao động 2019 Điều 3: người lao động từ đủ 15 tuổi). */
export const MIN_WORKING_AGE = 15;

/**
 * Statutory retirement age in whole years on a date (Bộ luật Lao động 2019 Điều 169, NĐ 135/2020): from 2021
 * men 60 years 3 months rising 3 months a year to 62 (2028); women 55 years 4 months rising 4 months a year to
 * 60 (2035). Rounded up to whole years, so only people certainly past it are flagged.
 *
 * @example
 * retirementAge('female', { year: 2026 }) //=> 58
 */
export function retirementAge(gender: Gender | undefined, on: PartialDate): number {
  const steps = Math.max(0, on.year - 2020);
  const months = gender === 'female' ? Math.min(55 * 12 + 4 * steps, 60 * 12) : Math.min(60 * 12 + 3 * steps, 62 * 12);
  return Math.ceil(months / 12);
}

const workingAge: SectorRule = {
  name: 'working-age',
  description: 'Workers are at least 15 and not past the statutory retirement age on the as-of date.',
  check: ({ record, citizen, asOf }) => {
    const age = ageAt(record, citizen, asOf);
    if (age === undefined || asOf === undefined) return undefined;
    const gender = citizen?.gender ?? record.gender;
    // Gender unknown: use the later (male) retirement age, so nobody is flagged on a guess.
    const max = retirementAge(gender ?? 'male', asOf);
    return age.max < MIN_WORKING_AGE || age.min > max ? { reasons: ['outside-working-age'], status: 'mismatched' } : undefined;
  },
};

/** Labour registers: workers, employers, occupations. */
export const labour = defineProfile({
  name: 'labour',
  description: 'Labour registers (lao động, việc làm): workers and employers; working-age check.',
  columns: {
    ...COMMON_SECTOR_COLUMNS,
    employer: ['Đơn vị', 'Tên đơn vị', 'Nơi làm việc', 'Doanh nghiệp', 'Tên doanh nghiệp', 'Đơn vị sử dụng lao động', 'Employer'],
    employerTaxCode: ['Mã số thuế', 'MST', 'Mã số thuế đơn vị', 'Employer tax code'],
    occupation: ['Nghề nghiệp', 'Công việc', 'Vị trí việc làm', 'Chức danh', 'Occupation', 'Job'],
    employmentStatus: ['Tình trạng việc làm', 'Tình trạng lao động', 'Employment status'],
    contractType: ['Loại hợp đồng', 'Loại HĐLĐ', 'Contract type'],
  },
  rules: [workingAge],
  reasons: ['outside-working-age'],
});
