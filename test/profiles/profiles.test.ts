import { describe, expect, it } from 'vitest';
import {
  buildReference,
  civilStatus,
  elderlyAssociation,
  association,
  getProfile,
  healthInsurance,
  labour,
  meritoriousPeople,
  parseBhytCard,
  profileOptions,
  readRows,
  reconcile,
  referenceProfile,
  socialInsurance,
  toRecords,
  vaccination,
  defineProfile,
  COMMON_SECTOR_COLUMNS,
  retirementAge,
  type Profile,
} from '../../src/index.js';

const REF = readRows(
  [
    ['Số định danh cá nhân', 'Số CMND', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Trạng thái', 'Ngày mất', 'Ngày cập nhật'],
    ['001089012345', '', 'Nguyễn Văn An', '05/07/1989', 'Nam', 'Còn sống', '', '01/03/2023'],
    ['079190004567', '025123456', 'Trần Thị Hoà', '12/03/1990', 'Nữ', 'Còn sống', '', ''],
    ['048050001111', '', 'Lê Văn Bình', '1950', 'Nam', 'Đã mất', '10/10/2024', ''],
    ['001058000222', '', 'Phạm Thị Lan', '02/02/1958', 'Nữ', 'Còn sống', '', ''],
    ['001310000333', '', 'Hoàng Minh Tú', '03/03/2010', 'Nam', 'Còn sống', '', ''],
  ],
  { profile: referenceProfile },
);
const reference = buildReference(REF.rows.map((r) => r.values));
const ASOF = '2026-01-01';

function run(profile: Profile, rows: unknown[][]) {
  const read = readRows(rows, { profile });
  expect(read.report.error).toBeUndefined();
  return reconcile(reference, toRecords(read.rows, profile), { ...profileOptions(profile), asOf: ASOF });
}

describe('the reference profile', () => {
  it('reads Vietnamese headers and status values', () => {
    expect(reference.size).toBe(5);
    expect(reference.citizen(reference.findByFormerId('025123456')).id).toBe('079190004567');
    expect(reference.citizen(reference.findById('048050001111')).status).toBe('deceased');
  });
});

describe('healthInsurance', () => {
  it('parses 15-character cards and 10-digit BHXH codes', () => {
    expect(parseBhytCard('HS 4 01 0120878811')).toEqual({ form: 'card15', group: 'HS', benefitLevel: 4, province: '01', bhxhCode: '0120878811' });
    expect(parseBhytCard('120878811')).toEqual({ form: 'bhxh10', bhxhCode: '0120878811' });
    expect(parseBhytCard('ZZ4010120878811')).toBeUndefined();
  });

  it('finds expired cards, inconsistent BHXH codes and malformed cards', () => {
    const out = run(healthInsurance, [
      ['DANH SÁCH THẺ BHYT'],
      ['Họ và tên', 'Số CCCD', 'Mã thẻ BHYT', 'Mã số BHXH', 'Hạn thẻ'],
      ['Nguyễn Văn An', '001089012345', 'DN4010120878811', '0120878811', '31/12/2026'],
      ['Trần Thị Hoà', '079190004567', 'HS4790123456789', '0123456780', '31/12/2026'],
      ['Phạm Thị Lan', '001058000222', 'GD4010000000001', '', '30/06/2025'],
      ['Hoàng Minh Tú', '001310000333', 'XYZ', '', ''],
    ]);
    expect(out.results.map((r) => [r.status, r.reasons])).toEqual([
      ['matched', []],
      ['mismatched', ['bhxh-card-inconsistent']],
      ['stale', ['card-expired']],
      ['matched', ['bhyt-card-invalid']],
    ]);
  });
});

describe('socialInsurance', () => {
  it('flags malformed BHXH codes and deceased contributors', () => {
    const out = run(socialInsurance, [
      ['Họ tên', 'Số CCCD', 'Mã BHXH', 'Đơn vị'],
      ['Nguyễn Văn An', '001089012345', '0120878811', 'Công ty TNHH An Phát'],
      ['Trần Thị Hoà', '079190004567', '12AB', 'HTX Phú Xuân'],
      ['Lê Văn Bình', '048050001111', '0100000001', ''],
    ]);
    expect(out.results.map((r) => r.reasons)).toEqual([[], ['sector-field-invalid'], ['citizen-deceased', 'payment-review']]);
  });
});

describe('civilStatus', () => {
  it('reconciles both spouses of a marriage row and suggests reference updates for registered deaths', () => {
    const out = run(civilStatus, [
      ['Số đăng ký', 'Loại đăng ký', 'Họ và tên', 'Số CCCD', 'Ngày mất', 'Họ tên chồng', 'Số CCCD chồng', 'Họ tên vợ', 'Số CCCD vợ'],
      ['KT-12', 'Khai tử', 'Phạm Thị Lan', '001058000222', '15/11/2025', '', '', '', ''],
      ['KH-3', 'Kết hôn', '', '', '', 'Nguyễn Văn An', '001089012345', 'Trần Thị Hoà', '079190004567'],
      ['KT-13', 'Khai tử', 'Lê Văn Bình', '048050001111', '10/10/2024', '', '', '', ''],
    ]);
    expect(out.results.map((r) => [r.key, r.status])).toEqual([
      ['1', 'matched'],
      ['KH-3-1', 'matched'],
      ['KH-3-2', 'matched'],
      ['4', 'matched'],
    ]);
    expect(out.results[0]?.reasons).toEqual(['reference-missing-death']);
    // Lê Văn Bình is already deceased in the reference: the death register agrees with it.
    expect(out.results[3]?.reasons).toEqual([]);
    expect(out.referenceUpdates).toEqual([
      { citizenId: '001058000222', recordKey: '1', reason: 'reference-missing-death', field: 'status', current: 'alive', suggested: 'deceased' },
      { citizenId: '001058000222', recordKey: '1', reason: 'reference-missing-death', field: 'deathDate', current: '', suggested: '15/11/2025' },
    ]);
  });
});

describe('civilStatus and a citizen already deceased', () => {
  it('matches a death registration, keeps its real differences, and leaves other registrations stale', () => {
    const out = run(civilStatus, [
      ['Số đăng ký', 'Loại đăng ký', 'Họ và tên', 'Số CCCD', 'Ngày sinh', 'Ngày mất'],
      ['KT-13', 'Khai tử', 'Lê Văn Bình', '048050001111', '1950', '10/10/2024'],
      ['KT-14', 'Khai tử', 'Lê Văn Bính', '048050001111', '1950', '10/10/2024'],
      ['KS-7', 'Khai sinh', 'Lê Văn Bình', '048050001111', '1950', ''],
      ['KT-15', '', 'Lê Văn Bình', '048050001111', '1950', '10/10/2024'],
    ]);
    expect(out.results.map((r) => [r.key, r.status, r.reasons])).toEqual([
      ['1', 'matched', []],
      ['2', 'mismatched', ['name-differs', 'duplicate-record']],
      ['3', 'stale', ['citizen-deceased', 'duplicate-record']],
      ['4', 'matched', ['duplicate-record']],
    ]);
    expect(out.referenceUpdates).toEqual([]);
  });
});

describe('association', () => {
  it('requires elderly association members to be 60 or older on the as-of date', () => {
    const rows = [
      ['Tên hội', 'Họ và tên', 'Năm sinh', 'Thôn'],
      ['Hội Người cao tuổi xã Phú Xuân', 'PHẠM THỊ LAN', '1958', 'Thôn Đông'],
      ['Hội Người cao tuổi xã Phú Xuân', 'Nguyễn Văn An', '1989', 'Thôn Đông'],
      ['Hội Nông dân', 'Trần Thị Hoà', '1990', 'Xóm Trại'],
    ];
    const out = run(association, rows);
    expect(out.results.map((r) => r.reasons.includes('below-minimum-age'))).toEqual([false, true, false]);
    const elderly = run(elderlyAssociation, rows);
    expect(elderly.results[2]?.reasons).toContain('below-minimum-age');
  });
});

describe('labour', () => {
  it('checks the working age with the 2021–2035 retirement roadmap', () => {
    expect(retirementAge('male', { year: 2026 })).toBe(62);
    expect(retirementAge('female', { year: 2035 })).toBe(60);
    const out = run(labour, [
      ['Họ và tên', 'Số CCCD', 'Tên doanh nghiệp'],
      ['Nguyễn Văn An', '001089012345', 'Công ty An Phát'],
      ['Hoàng Minh Tú', '001310000333', 'Xưởng mộc'],
      ['Lê Văn Bình', '048050001111', 'HTX'],
    ]);
    // Hoàng Minh Tú turned 15 in March 2025: of working age; Lê Văn Bình (born 1950) is past retirement.
    expect(out.results.map((r) => r.reasons.includes('outside-working-age'))).toEqual([false, false, true]);
  });
});

describe('meritoriousPeople', () => {
  it('makes a deceased beneficiary stale and flags payment review', () => {
    const out = run(meritoriousPeople, [
      ['Họ và tên', 'Số CCCD', 'Diện đối tượng', 'Mức trợ cấp'],
      ['Lê Văn Bình', '048050001111', 'Thương binh', '2.500.000'],
      ['Phạm Thị Lan', '001058000222', 'Thân nhân liệt sĩ', '2.000.000'],
    ]);
    expect(out.results.map((r) => [r.status, r.reasons])).toEqual([
      ['stale', ['citizen-deceased', 'payment-review']],
      ['matched', []],
    ]);
  });
});

describe('vaccination', () => {
  it('flags doses dated before birth and malformed dose numbers', () => {
    const out = run(vaccination, [
      ['Họ và tên', 'Số CCCD', 'Tên vắc xin', 'Mũi tiêm', 'Ngày tiêm'],
      ['Nguyễn Văn An', '001089012345', 'AstraZeneca', '1', '12/08/2021'],
      ['Hoàng Minh Tú', '001310000333', 'Pfizer', '2', '12/08/2009'],
      ['Trần Thị Hoà', '079190004567', 'Vero Cell', 'hai', '01/09/2021'],
    ]);
    expect(out.results.map((r) => r.reasons)).toEqual([[], ['sector-field-invalid'], ['sector-field-invalid']]);
  });
});

describe('defineProfile and the registry', () => {
  it('gives a custom profile the same power as the shipped ones', () => {
    const fishers = defineProfile({
      name: 'fishers',
      description: 'Fishing licences',
      columns: { ...COMMON_SECTOR_COLUMNS, licence: ['Số giấy phép'] },
      rules: [{ name: 'licence', description: 'has a licence', check: ({ record }) => (record.extra['licence'] === undefined ? { reasons: ['sector-field-invalid'] } : undefined) }],
    });
    const out = run(fishers, [['Họ và tên', 'Số CCCD', 'So giay phep'], ['Nguyễn Văn An', '001089012345', 'GP-1'], ['Trần Thị Hoà', '079190004567', '']]);
    expect(out.results.map((r) => r.reasons)).toEqual([[], ['sector-field-invalid']]);
  });

  it('looks profiles up by name or Vietnamese short name', () => {
    expect(getProfile('health-insurance')?.name).toBe('healthInsurance');
    expect(getProfile('BHYT')?.name).toBe('healthInsurance');
    expect(getProfile('ho-tich')?.name).toBe('civilStatus');
    expect(getProfile('nope')).toBeUndefined();
  });
});
