// The user story of issue 4: sample data exported as CSV with Vietnamese headers (Windows-1258 and UTF-8 with
// BOM), read through the profiles with no hand mapping, reconciled, and written as a worklist.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildReference,
  collect,
  generateSample,
  parseCsv,
  profileOptions,
  readRecords,
  readReference,
  reconcile,
  writeOutputs,
  WINDOWS_1258,
} from './userStoryHelpers.js';

const REF_HEADERS = { id: 'Số định danh cá nhân', formerIds: 'Số CMND', fullName: 'Họ và tên', birthDate: 'Ngày sinh', gender: 'Giới tính', provinceCode: 'Mã tỉnh', communeCode: 'Mã xã', address: 'Địa chỉ thường trú', status: 'Trạng thái', deathDate: 'Ngày mất', updatedAt: 'Ngày cập nhật' } as const;
const REC_HEADERS = { key: 'Mã hồ sơ', citizenId: 'Số CCCD', fullName: 'Họ và tên', birthDate: 'Ngày sinh', gender: 'Giới tính', provinceCode: 'Mã tỉnh', communeCode: 'Mã xã', address: 'Địa chỉ', updatedAt: 'Ngày cập nhật' } as const;

function toCsv<T extends object>(rows: readonly T[], headers: Readonly<Record<string, string>>, delimiter: string): string {
  const keys = Object.keys(headers);
  const q = (v: string): string => (/["\r\n;,]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [keys.map((k) => q(headers[k]!)).join(delimiter)];
  for (const r of rows) lines.push(keys.map((k) => q(String((r as Record<string, unknown>)[k] ?? ''))).join(delimiter));
  return `${lines.join('\r\n')}\r\n`;
}

let dir = '';
const sample = generateSample({ citizens: 3000, records: 1500, seed: 7 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doisoat-story-'));
  const status = sample.citizens.map((c) => ({ ...c, status: c.status === 'deceased' ? 'Đã mất' : c.status === 'alive' ? 'Còn sống' : c.status }));
  await writeFile(join(dir, 'dan-cu.csv'), WINDOWS_1258.encode(toCsv(status, REF_HEADERS, ';')));
  await writeFile(join(dir, 'bhyt.csv'), `\uFEFF${toCsv(sample.records, REC_HEADERS, ',')}`, 'utf8');
  await writeFile(join(dir, 'bhyt-1258.csv'), WINDOWS_1258.encode(toCsv(sample.records, REC_HEADERS, ';')));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('user story: real exports in, worklist out', () => {
  it.each(['bhyt.csv', 'bhyt-1258.csv'])('reconciles %s against a Windows-1258 reference with no hand mapping', async (file) => {
    const { reference, report: refReport } = await readReference(join(dir, 'dan-cu.csv'));
    expect(refReport.encoding).toBe('windows-1258');
    expect(refReport.delimiter).toBe(';');
    expect(reference.size).toBe(sample.citizens.length);
    const { records, report, profile } = await readRecords(join(dir, file), { profile: 'healthInsurance' });
    const rows = await collect(records);
    expect(report.columns.filter((c) => c.via === 'alias').map((c) => c.field)).toEqual(Object.keys(REC_HEADERS));
    const out = reconcile(reference, rows, { ...profileOptions(profile), asOf: sample.asOf });
    expect(out.results).toHaveLength(sample.records.length);
    // Reading through files changes nothing: the outcome is the in-memory run's, row for row.
    const memory = reconcile(buildReference(sample.citizens), sample.records, { ...profileOptions(profile), asOf: sample.asOf });
    expect(out.results.map((r) => [r.key, r.status, r.reasons])).toEqual(memory.results.map((r) => [r.key, r.status, r.reasons]));
    const paths = await writeOutputs(join(dir, `out-${file}`), out);
    const worklist = await readFile(paths.worklist, 'utf8');
    expect(worklist.startsWith('\uFEFF')).toBe(true);
    const parsed = parseCsv(worklist.slice(1)).records;
    expect(parsed).toHaveLength(sample.records.length + 1);
    expect(parsed.slice(1).map((r) => r.cells[0])).toEqual(sample.records.map((r) => r.key));
    // Masked by default: no full ID of the reference appears.
    expect(worklist).not.toContain(sample.citizens[0]!.id);
  });
});
