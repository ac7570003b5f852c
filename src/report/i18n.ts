/**
 * Labels of the report in Vietnamese (default) and English. The report's readers are Vietnamese officials,
 * so Vietnamese is the language a report opens in; English serves technical staff and auditors.
 * Both languages travel in the file as data attributes so the toggle works offline (docs/report.md).
 */
import { REASONS, DIFF_KINDS, type DiffKind, type ReasonCode } from '../model/reasons.js';
import { html, type SafeHtml } from './escape.js';

/** A report language. */
export type Lang = 'vi' | 'en';

/** A text in both languages. */
export interface Text {
  readonly vi: string;
  readonly en: string;
}

/**
 * Short labels and Vietnamese meanings of reason codes (the English meaning comes from `REASONS`).
 * Partial so that a code added elsewhere still renders (as its code and English meaning) until translated;
 * test/report/html.test.ts asks for a translation of every code.
 */
export const REASON_TEXT: Readonly<Partial<Record<ReasonCode, { readonly label: Text; readonly meaningVi: string }>>> = {
  'id-not-in-reference': {
    label: { vi: 'Số định danh không có trong CSDL', en: 'ID not in reference' },
    meaningVi: 'Số định danh đúng định dạng nhưng CSDL tham chiếu không có (kể cả số cũ), và không tìm được liên kết khác.',
  },
  'no-identifying-fields': {
    label: { vi: 'Thiếu trường định danh', en: 'No identifying fields' },
    meaningVi: 'Bản ghi không có số định danh dùng được, cũng không có họ tên và ngày sinh để tìm công dân.',
  },
  'invalid-id': {
    label: { vi: 'Số định danh không hợp lệ', en: 'Invalid ID' },
    meaningVi: 'Số định danh sai định dạng (sai độ dài, có chữ, dạng số mũ của Excel) nên không dùng được.',
  },
  'needs-review': {
    label: { vi: 'Cần xem xét', en: 'Needs review' },
    meaningVi: 'Có ứng viên nhưng điểm nằm giữa ngưỡng xem xét và ngưỡng chấp nhận; xem danh sách ứng viên.',
  },
  ambiguous: {
    label: { vi: 'Nhiều ứng viên ngang nhau', en: 'Ambiguous' },
    meaningVi: 'Hai hay nhiều ứng viên phù hợp gần như nhau nên không liên kết; xem danh sách ứng viên.',
  },
  'no-candidate': {
    label: { vi: 'Không có ứng viên', en: 'No candidate' },
    meaningVi: 'Không liên kết được theo số định danh và không có công dân nào phù hợp họ tên và ngày sinh.',
  },
  'citizen-deceased': {
    label: { vi: 'Công dân đã mất', en: 'Citizen deceased' },
    meaningVi: 'Công dân được liên kết đã được ghi nhận là đã mất trong CSDL tham chiếu (vào hoặc trước ngày đối soát).',
  },
  'superseded-id': {
    label: { vi: 'Dùng số CMND cũ', en: 'Superseded ID' },
    meaningVi: 'Bản ghi dùng số cũ (CMND) đã được thay bằng số định danh cá nhân mới.',
  },
  'reference-newer': {
    label: { vi: 'CSDL tham chiếu mới hơn', en: 'Reference newer' },
    meaningVi: 'Trường khác nhau đã được cập nhật trong CSDL tham chiếu sau bản ghi: bản ghi từng đúng.',
  },
  'card-expired': {
    label: { vi: 'Thẻ hết hạn', en: 'Card expired' },
    meaningVi: 'Giấy tờ của ngành (ví dụ thẻ BHYT) đã hết hạn trước ngày đối soát.',
  },
  'abolished-unit': {
    label: { vi: 'Đơn vị hành chính không còn', en: 'Abolished unit' },
    meaningVi: 'Bản ghi ghi đơn vị hành chính không còn tồn tại sau sắp xếp năm 2025.',
  },
  'name-differs': {
    label: { vi: 'Họ tên khác', en: 'Name differs' },
    meaningVi: 'Họ tên khác với CSDL tham chiếu (xem loại khác biệt: dấu, lỗi gõ, thứ tự từ, …).',
  },
  'birth-date-differs': {
    label: { vi: 'Ngày sinh khác', en: 'Birth date differs' },
    meaningVi: 'Ngày sinh khác với CSDL tham chiếu (xem loại khác biệt).',
  },
  'gender-differs': { label: { vi: 'Giới tính khác', en: 'Gender differs' }, meaningVi: 'Giới tính khác với CSDL tham chiếu.' },
  'province-differs': { label: { vi: 'Mã tỉnh khác', en: 'Province differs' }, meaningVi: 'Mã tỉnh khác với CSDL tham chiếu.' },
  'commune-differs': { label: { vi: 'Mã xã khác', en: 'Commune differs' }, meaningVi: 'Mã xã khác với CSDL tham chiếu.' },
  'address-differs': { label: { vi: 'Địa chỉ khác', en: 'Address differs' }, meaningVi: 'Địa chỉ khác với CSDL tham chiếu.' },
  'id-differs': {
    label: { vi: 'Số định danh khác', en: 'ID differs' },
    meaningVi: 'Bản ghi được liên kết qua số định danh đã sửa lỗi gõ hoặc qua so khớp mờ, và số trên bản ghi khác số của công dân.',
  },
  'id-structure-inconsistent': {
    label: { vi: 'Cấu trúc số định danh không khớp', en: 'ID structure inconsistent' },
    meaningVi: 'Số định danh 12 chữ số mã hoá giới tính, thế kỷ hoặc năm sinh không khớp với bản ghi.',
  },
  'id-conflicts-with-identity': {
    label: { vi: 'Số định danh có thể của người khác', en: 'ID conflicts with identity' },
    meaningVi: 'Số định danh trỏ tới công dân có họ tên và ngày sinh đều khác nhiều: số này có thể của người khác.',
  },
  'duplicate-record': {
    label: { vi: 'Bản ghi trùng', en: 'Duplicate record' },
    meaningVi: 'Một bản ghi khác trong cùng tệp liên kết tới cùng công dân.',
  },
  'invalid-row': {
    label: { vi: 'Dòng không hợp lệ', en: 'Invalid row' },
    meaningVi: 'Dòng không qua kiểm tra hợp lệ ở ít nhất một trường; xem các lỗi.',
  },
  'reference-missing-death': {
    label: { vi: 'CSDL tham chiếu thiếu khai tử', en: 'Reference missing death' },
    meaningVi: 'Đã đăng ký khai tử cho công dân mà CSDL tham chiếu vẫn ghi còn sống: nên cập nhật CSDL tham chiếu (xem đề xuất cập nhật).',
  },
  'payment-review': {
    label: { vi: 'Cần rà soát chi trả', en: 'Payment review' },
    meaningVi: 'Người hưởng đã mất theo CSDL tham chiếu: cần rà soát các khoản chi trả cho bản ghi này.',
  },
  'bhxh-card-inconsistent': {
    label: { vi: 'Mã BHXH không khớp thẻ BHYT', en: 'BHXH code inconsistent' },
    meaningVi: 'Mã số BHXH 10 chữ số không trùng với 10 ký tự cuối của mã thẻ BHYT 15 ký tự.',
  },
  'bhyt-card-invalid': {
    label: { vi: 'Mã thẻ BHYT không hợp lệ', en: 'BHYT card invalid' },
    meaningVi: 'Mã thẻ BHYT không phải thẻ 15 ký tự (mã đối tượng, mức hưởng, tỉnh, mã BHXH) cũng không phải mã BHXH 10 chữ số.',
  },
  'sector-field-invalid': {
    label: { vi: 'Trường riêng của ngành không hợp lệ', en: 'Sector field invalid' },
    meaningVi: 'Một trường riêng của sổ ngành (ngày thẻ, mã BHXH, loại đăng ký, …) sai định dạng hoặc không thể có.',
  },
  'below-minimum-age': {
    label: { vi: 'Chưa đủ tuổi', en: 'Below minimum age' },
    meaningVi: 'Người này nhỏ tuổi hơn mức sổ ngành cho phép (ví dụ dưới 60 tuổi trong danh sách hội người cao tuổi) tại ngày đối soát.',
  },
  'outside-working-age': {
    label: { vi: 'Ngoài độ tuổi lao động', en: 'Outside working age' },
    meaningVi: 'Người lao động chưa đủ tuổi lao động tối thiểu hoặc đã quá tuổi nghỉ hưu theo luật tại ngày đối soát.',
  },
};

/** Labels of difference kinds. */
export const DIFF_KIND_TEXT: Readonly<Record<DiffKind, Text>> = {
  'missing-in-record': { vi: 'Bản ghi để trống', en: 'Empty in record' },
  'invalid-in-record': { vi: 'Giá trị không đọc được', en: 'Unreadable in record' },
  diacritics: { vi: 'Sai hoặc mất dấu', en: 'Diacritics' },
  'case-or-spacing': { vi: 'Chữ hoa, khoảng trắng', en: 'Case or spacing' },
  typo: { vi: 'Lỗi gõ', en: 'Typo' },
  'token-order': { vi: 'Sai thứ tự từ', en: 'Word order' },
  'middle-name': { vi: 'Thiếu hoặc viết tắt tên đệm', en: 'Middle name' },
  'day-month-swapped': { vi: 'Đảo ngày và tháng', en: 'Day and month swapped' },
  'digit-typo': { vi: 'Sai một chữ số', en: 'Digit typo' },
  'year-off-by-one': { vi: 'Năm lệch một', en: 'Year off by one' },
  'less-precise': { vi: 'Kém chi tiết hơn (chỉ năm hoặc tháng)', en: 'Less precise' },
  structure: { vi: 'Cấu trúc số định danh', en: 'ID structure' },
  'former-id': { vi: 'Số cũ', en: 'Former ID' },
  different: { vi: 'Khác', en: 'Different' },
};

/** Labels of record fields (compared fields, evidence fields, reference-update fields). */
export const FIELD_TEXT: Readonly<Record<string, Text>> = {
  citizenId: { vi: 'Số định danh', en: 'ID' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  birthDate: { vi: 'Ngày sinh', en: 'Birth date' },
  gender: { vi: 'Giới tính', en: 'Gender' },
  provinceCode: { vi: 'Mã tỉnh', en: 'Province code' },
  communeCode: { vi: 'Mã xã', en: 'Commune code' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  deathDate: { vi: 'Ngày mất', en: 'Death date' },
  status: { vi: 'Tình trạng', en: 'Vital status' },
  updatedAt: { vi: 'Ngày cập nhật', en: 'Updated' },
  row: { vi: 'Cả dòng', en: 'Whole row' },
  prior: { vi: 'Xác suất tiên nghiệm', en: 'Prior' },
  surname: { vi: 'Họ', en: 'Surname' },
  givenName: { vi: 'Tên', en: 'Given name' },
  middleName: { vi: 'Tên đệm', en: 'Middle name' },
  birthYear: { vi: 'Năm sinh', en: 'Birth year' },
};

/** Labels of link methods (`none`: not linked). */
export const LINK_METHOD_TEXT: Readonly<Record<string, Text>> = {
  id: { vi: 'Số định danh', en: 'ID' },
  'former-id': { vi: 'Số cũ (CMND)', en: 'Former ID' },
  'id-typo': { vi: 'Số định danh sửa lỗi gõ', en: 'ID typo corrected' },
  fuzzy: { vi: 'So khớp mờ', en: 'Fuzzy' },
  none: { vi: 'Không liên kết', en: 'Not linked' },
};

/** The label of a reason code; unknown codes (from a newer version) show as themselves. */
export function reasonLabel(code: string): Text {
  return (REASON_TEXT as Readonly<Record<string, { label: Text }>>)[code]?.label ?? { vi: code, en: code };
}

/** The meaning of a reason code in both languages. */
export function reasonMeaning(code: string): Text {
  const en = (REASONS as Readonly<Record<string, string>>)[code] ?? '';
  const vi = (REASON_TEXT as Readonly<Record<string, { meaningVi: string }>>)[code]?.meaningVi ?? en;
  return { vi, en };
}

/** The label of a difference kind. */
export function diffKindLabel(kind: string): Text {
  return (DIFF_KIND_TEXT as Readonly<Record<string, Text>>)[kind] ?? { vi: kind, en: kind };
}

/** The meaning of a difference kind (English; shown as a tooltip). */
export function diffKindMeaning(kind: string): string {
  return (DIFF_KINDS as Readonly<Record<string, string>>)[kind] ?? '';
}

/** The label of a field; unknown fields show as themselves. */
export function fieldLabel(field: string): Text {
  return FIELD_TEXT[field] ?? { vi: field, en: field };
}

/** The label of a link method. */
export function linkMethodLabel(method: string): Text {
  return LINK_METHOD_TEXT[method] ?? { vi: method, en: method };
}

function groupThousands(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/**
 * Formats a number in the convention of the language: Vietnamese groups thousands with "." and uses
 * "," as decimal mark ("5.000", "93,2"); English the other way round.
 *
 * @example
 * formatNumber(12345.6, 'vi', 1) //=> '12.345,6'
 */
export function formatNumber(n: number, lang: Lang, digits = 0): string {
  if (!Number.isFinite(n)) return '–';
  const fixed = Math.abs(n).toFixed(digits);
  const [int = '0', frac] = fixed.split('.');
  const sign = n < 0 && Number(fixed) !== 0 ? '−' : '';
  const grouped = groupThousands(int, lang === 'vi' ? '.' : ',');
  return `${sign}${grouped}${frac === undefined ? '' : (lang === 'vi' ? ',' : '.') + frac}`;
}

/**
 * Formats a ratio as a percentage ("93,2%"), or "–" when there is none.
 *
 * @example
 * formatPercent(0.932, 'vi') //=> '93,2%'
 */
export function formatPercent(ratio: number | null, lang: Lang, digits = 1): string {
  return ratio === null || !Number.isFinite(ratio) ? '–' : `${formatNumber(ratio * 100, lang, digits)}%`;
}

/** Attributes shared by the bilingual helpers. */
export interface TextAttrs {
  readonly testid?: string;
  readonly cls?: string;
  /** Raw machine-readable value (`data-value`), e.g. the unrounded ratio. */
  readonly value?: number | string | null;
}

function attrs(a: TextAttrs): SafeHtml {
  return html`${a.testid === undefined ? '' : html` data-testid="${a.testid}"`}${a.cls === undefined ? '' : html` class="${a.cls}"`}${
    a.value === undefined ? '' : html` data-value="${a.value === null ? '' : String(a.value)}"`
  }`;
}

/**
 * A bilingual text as a `<span>` showing Vietnamese, with both languages in data attributes for the toggle.
 *
 * @example
 * t({ vi: 'Khớp', en: 'Matched' }).value //=> '<span data-vi="Khớp" data-en="Matched">Khớp</span>'
 */
export function t(text: Text, a: TextAttrs = {}): SafeHtml {
  return html`<span data-vi="${text.vi}" data-en="${text.en}"${attrs(a)}>${text.vi}</span>`;
}

/** A count in both number conventions. */
export function n(value: number, a: TextAttrs = {}): SafeHtml {
  return t({ vi: formatNumber(value, 'vi'), en: formatNumber(value, 'en') }, { value, ...a });
}

/** A ratio as a percentage in both number conventions. */
export function p(ratio: number | null, a: TextAttrs = {}, digits = 1): SafeHtml {
  return t({ vi: formatPercent(ratio, 'vi', digits), en: formatPercent(ratio, 'en', digits) }, { value: ratio, ...a });
}

/** A decimal (scores, weights) in both number conventions. */
export function d(value: number, digits: number, a: TextAttrs = {}): SafeHtml {
  return t({ vi: formatNumber(value, 'vi', digits), en: formatNumber(value, 'en', digits) }, { value, ...a });
}
