/**
 * Sector profiles: what a register's export looks like (column aliases), which fields matter, and the
 * register's own rules. A profile is data; adding a register is adding one `defineProfile(...)` call.
 */
import { DEFAULT_COMPARED_FIELDS } from '../compare/record.js';
import { z } from 'zod';
import type { ComparedField } from '../model/types.js';
import type { ReasonCode } from '../model/reasons.js';
import type { SectorRule } from '../classify/rules.js';
import type { ReconcileOptions } from '../reconcile/options.js';

/** A cell as readers produce it. */
export type CellValue = string | number | boolean | Date | null;

/** One row with field names as keys (model fields, the profile's own fields, or original headers for the rest). */
export type FieldRow = Record<string, CellValue>;

/** Whether a profile reads the reference dataset or a sector register. */
export type ProfileKind = 'reference' | 'sector';

/** A sector or reference profile. Build one with {@link defineProfile}. */
export interface Profile {
  /** Short identifier, e.g. `healthInsurance`. */
  readonly name: string;
  /** One line for docs and `--help`. */
  readonly description: string;
  readonly kind: ProfileKind;
  /**
   * Column aliases per field: model fields (`citizenId`, `fullName`, …, or for the reference `id`, `formerIds`,
   * `status`, …) and the profile's own fields (kept in `extra` under that name). Matching ignores case,
   * diacritics, spaces and punctuation.
   */
  readonly columns: Readonly<Record<string, readonly string[]>>;
  /** Fields whose column must be present for the file to be read at all. */
  readonly required: readonly string[];
  /** Each alternative is a set of fields of which at least one column must be present (e.g. an ID or a name). */
  readonly requiredAnyOf: readonly (readonly string[])[];
  /** Fields compared between a record and its citizen. */
  readonly compare: readonly ComparedField[];
  /** Fields a complete record holds (đủ). */
  readonly completeness: readonly string[];
  /** Schema of the profile's own fields (as text after reading), checked by the `profile-fields` rule. */
  readonly extraSchema: z.ZodType<Record<string, unknown>>;
  /** Sector rules applied after classification. */
  readonly rules: readonly SectorRule[];
  /** Reason codes this profile may add (for docs). */
  readonly reasons: readonly ReasonCode[];
  /** Splits a row that holds several people (a marriage registration) into one row per person. */
  readonly expand?: (row: FieldRow, rowNumber: number) => FieldRow[];
}

/** What {@link defineProfile} accepts: everything but `kind`, `rules`, `compare`, … may be left out. */
export interface ProfileSpec {
  readonly name: string;
  readonly description: string;
  readonly kind?: ProfileKind;
  readonly columns: Readonly<Record<string, readonly string[]>>;
  readonly required?: readonly string[];
  readonly requiredAnyOf?: readonly (readonly string[])[];
  readonly compare?: readonly ComparedField[];
  readonly completeness?: readonly string[];
  readonly extraSchema?: z.ZodType<Record<string, unknown>>;
  readonly rules?: readonly SectorRule[];
  readonly reasons?: readonly ReasonCode[];
  readonly expand?: (row: FieldRow, rowNumber: number) => FieldRow[];
}

/**
 * The fields a profile compares by default: the core's defaults. The ID is not compared as a field (linking
 * and classification report ID differences themselves), and free-text address is opt-in.
 */
export const DEFAULT_COMPARE: readonly ComparedField[] = DEFAULT_COMPARED_FIELDS;

/**
 * Column aliases of the sector-record model fields, shared by every sector profile (Vietnamese with and
 * without diacritics, abbreviations, English). Profiles add to them.
 */
export const COMMON_SECTOR_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  key: ['Mã hồ sơ', 'Mã bản ghi', 'STT hồ sơ', 'Số hồ sơ', 'Mã', 'key', 'record id', 'record key'],
  citizenId: [
    'Số CCCD', 'CCCD', 'Số căn cước', 'Số căn cước công dân', 'Số định danh', 'Số định danh cá nhân', 'Mã định danh',
    'Số CCCD/CMND', 'CCCD/CMND', 'Số CMND/CCCD', 'CMND/CCCD', 'Số CMND', 'CMND', 'Số CMT', 'Số chứng minh', 'Số giấy tờ',
    'ID', 'citizen id', 'personal id', 'national id', 'id number',
  ],
  fullName: ['Họ và tên', 'Họ tên', 'Họ và tên người', 'Tên', 'Họ tên đầy đủ', 'Full name', 'Name'],
  birthDate: ['Ngày sinh', 'Ngày tháng năm sinh', 'Ngày/tháng/năm sinh', 'Năm sinh', 'NS', 'Date of birth', 'Birth date', 'DOB', 'Birthdate'],
  gender: ['Giới tính', 'Giới', 'Phái', 'Nam/Nữ', 'Gender', 'Sex'],
  provinceCode: ['Mã tỉnh', 'Mã tỉnh/thành phố', 'Mã tỉnh/TP', 'Tỉnh', 'Tỉnh/Thành phố', 'Province code', 'Province'],
  communeCode: ['Mã xã', 'Mã xã/phường', 'Mã phường/xã', 'Xã/Phường', 'Commune code', 'Commune', 'Ward code'],
  address: ['Địa chỉ', 'Địa chỉ thường trú', 'Nơi thường trú', 'Thường trú', 'Nơi ở', 'Address'],
  updatedAt: ['Ngày cập nhật', 'Cập nhật', 'Ngày sửa', 'Updated', 'Updated at', 'Last update', 'Last updated'],
};

const anyExtra = z.record(z.string(), z.unknown());

/**
 * The rule behind a profile's `extraSchema`: a record whose own fields fail the schema gets
 * `sector-field-invalid` (its status is left alone: the fields are the register's business, not the reference's).
 *
 * @example
 * profileFieldsRule(z.object({ cardNumber: z.string().length(15).optional() })).name //=> 'profile-fields'
 */
export function profileFieldsRule(schema: z.ZodType<Record<string, unknown>>): SectorRule {
  return {
    name: 'profile-fields',
    description: 'The register\'s own fields follow the profile\'s schema.',
    check: ({ record }) => (schema.safeParse(record.extra).success ? undefined : { reasons: ['sector-field-invalid'] }),
  };
}

/**
 * Declares a profile, filling defaults: sector kind, the default compared fields, ID-or-name as the only
 * required column, completeness of ID + name + birth date, no rules.
 *
 * @example
 * const fishers = defineProfile({ name: 'fishers', description: 'Fishing licences', columns: { ...COMMON_SECTOR_COLUMNS, licence: ['Số giấy phép'] } });
 * fishers.requiredAnyOf
 * //=> [['citizenId', 'fullName']]
 */
export function defineProfile(spec: ProfileSpec): Profile {
  const profile: Profile = {
    name: spec.name,
    description: spec.description,
    kind: spec.kind ?? 'sector',
    columns: spec.columns,
    required: spec.required ?? [],
    requiredAnyOf: spec.requiredAnyOf ?? (spec.kind === 'reference' ? [] : [['citizenId', 'fullName']]),
    compare: spec.compare ?? DEFAULT_COMPARE,
    completeness: spec.completeness ?? ['citizenId', 'fullName', 'birthDate'],
    extraSchema: spec.extraSchema ?? anyExtra,
    rules: spec.extraSchema === undefined ? spec.rules ?? [] : [profileFieldsRule(spec.extraSchema), ...(spec.rules ?? [])],
    reasons: spec.extraSchema === undefined ? spec.reasons ?? [] : ['sector-field-invalid', ...(spec.reasons ?? []).filter((r) => r !== 'sector-field-invalid')],
  };
  return spec.expand === undefined ? profile : { ...profile, expand: spec.expand };
}

/**
 * The records one input row stands for: what the profile's `expand` makes of it (a marriage row is two
 * people), or the row itself. `line` is the row's line in its file.
 *
 * @example
 * expandRow(civilStatus, marriageRow, 12).length //=> 2
 */
export function expandRow(profile: Profile, values: FieldRow, line: number): readonly FieldRow[] {
  return profile.expand === undefined ? [values] : profile.expand(values, line);
}

/**
 * The reconciliation options a profile implies: its rules, compared fields and completeness fields.
 * Spread your own options after it to override.
 *
 * @example
 * reconcile(reference, rows, { ...profileOptions(healthInsurance), asOf: '2026-01-01' })
 * profileOptions(healthInsurance).rules.length //=> 4
 */
export function profileOptions(profile: Profile): Required<Pick<ReconcileOptions, 'rules' | 'compare' | 'requiredFields'>> {
  return { rules: profile.rules, compare: profile.compare, requiredFields: profile.completeness };
}
