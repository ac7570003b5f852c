import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSample, type SampleData } from '../sample/generate.js';
import { BOM, csvLine } from '../write/csvCell.js';

/** Vietnamese column headers of the sample files, as real exports name them. */
const REFERENCE_HEADERS: Record<string, string> = {
  id: 'Số định danh cá nhân',
  formerIds: 'Số CMND',
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  provinceCode: 'Mã tỉnh',
  communeCode: 'Mã xã',
  address: 'Địa chỉ',
  status: 'Trạng thái',
  deathDate: 'Ngày mất',
  updatedAt: 'Ngày cập nhật',
};

const RECORD_HEADERS: Record<string, string> = {
  key: 'Mã hồ sơ',
  citizenId: 'Số CCCD',
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  provinceCode: 'Mã tỉnh',
  communeCode: 'Mã xã',
  address: 'Địa chỉ',
  updatedAt: 'Ngày cập nhật',
};

function toCsv(rows: readonly object[], headers: Record<string, string>): string {
  const fields = Object.keys(headers);
  let out = BOM + csvLine(fields.map((f) => headers[f]!));
  for (const row of rows) out += csvLine(fields.map((f) => String((row as Record<string, unknown>)[f] ?? '')));
  return out;
}

/** Paths of the files written by {@link writeSampleFiles}. */
export interface SampleFiles {
  readonly reference: string;
  readonly records: string;
  readonly truth: string;
  readonly asOf: string;
  readonly data: SampleData;
}

/** Writes generated sample data as CSV exports with Vietnamese headers (UTF-8 with BOM), plus the truth. */
export function writeSampleFiles(dir: string, options: { citizens?: number; records?: number; seed?: number } = {}): SampleFiles {
  const records = options.records ?? 5000;
  const data = generateSample({ citizens: options.citizens ?? records * 2, records, seed: options.seed ?? 20250701 });
  mkdirSync(dir, { recursive: true });
  const paths = { reference: join(dir, 'reference.csv'), records: join(dir, 'records.csv'), truth: join(dir, 'truth.csv') };
  writeFileSync(paths.reference, toCsv(data.citizens, REFERENCE_HEADERS));
  writeFileSync(paths.records, toCsv(data.records, RECORD_HEADERS));
  writeFileSync(
    paths.truth,
    toCsv(
      data.truth.map((t) => ({ ...t, reasons: t.reasons.join(' ') })),
      { key: 'key', kind: 'kind', citizenId: 'citizenId', status: 'status', reasons: 'reasons', path: 'path' },
    ),
  );
  return { ...paths, asOf: data.asOf, data };
}
