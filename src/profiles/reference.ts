/**
 * The reference profile: how exports of the population database (CSDLQG về dân cư) name their columns.
 */
import { defineProfile } from './types.js';

/** Reads the reference citizen dataset ("Số định danh cá nhân", "Số CMND", "Họ và tên", "Trạng thái", …). */
export const reference = defineProfile({
  name: 'reference',
  description: 'The reference citizen dataset (population database export): one row per citizen.',
  kind: 'reference',
  columns: {
    id: [
      'Số định danh cá nhân', 'Số định danh', 'Mã định danh', 'Mã định danh cá nhân', 'Số ĐDCN', 'Số CCCD', 'CCCD', 'Số căn cước',
      'Số căn cước công dân', 'Số CCCD/ĐDCN', 'id', 'personal id', 'citizen id', 'national id', 'pin',
    ],
    formerIds: ['Số CMND', 'CMND', 'Số CMT', 'Số chứng minh nhân dân', 'Số CMND cũ', 'CMND cũ', 'Số giấy tờ cũ', 'Former ID', 'Former IDs', 'Old ID'],
    fullName: ['Họ và tên', 'Họ tên', 'Họ tên đầy đủ', 'Tên', 'Full name', 'Name'],
    birthDate: ['Ngày sinh', 'Ngày tháng năm sinh', 'Năm sinh', 'Date of birth', 'Birth date', 'DOB'],
    gender: ['Giới tính', 'Giới', 'Gender', 'Sex'],
    provinceCode: ['Mã tỉnh', 'Mã tỉnh/thành phố', 'Mã tỉnh/TP', 'Province code', 'Province'],
    communeCode: ['Mã xã', 'Mã xã/phường', 'Mã phường/xã', 'Commune code', 'Commune', 'Ward code'],
    address: ['Địa chỉ', 'Nơi thường trú', 'Địa chỉ thường trú', 'Thường trú', 'Address'],
    status: ['Trạng thái', 'Tình trạng', 'Tình trạng sống', 'Còn sống/Đã mất', 'Status', 'Vital status'],
    deathDate: ['Ngày mất', 'Ngày chết', 'Ngày tử vong', 'Ngày qua đời', 'Date of death', 'Death date'],
    updatedAt: ['Ngày cập nhật', 'Cập nhật lần cuối', 'Ngày sửa đổi', 'Updated', 'Updated at', 'Last update', 'Last updated'],
  },
  required: ['id'],
  requiredAnyOf: [],
  completeness: ['id', 'fullName', 'birthDate'],
});
