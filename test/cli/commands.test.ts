import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WINDOWS_1258_HIGH } from '../../src/read/encoding/tables.js';
import { doisoat, encodeWindows1258, read, REPO, cleanup, tempDir } from './helpers.js';

let dir = '';
const ref = 'data/reference.csv';
const rec = 'data/records.csv';
const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

beforeAll(() => {
  dir = tempDir();
  expect(doisoat(['sample', '--size', '400', '--out', 'data'], { cwd: dir }).status).toBe(0);
});

afterAll(cleanup);

describe('doisoat reconcile notes on how the files were read', () => {
  it('says when an encoding was guessed and counts malformed lines by kind, for each file, without their content', () => {
    // A reference concatenated from two exports: UTF-8, with two lines from a Windows-1258 one in the
    // middle (undecodable once UTF-8 is detected); records exported as Windows-1258 (a guess for
    // detection) with one ragged line.
    const refLines = readFileSync(join(dir, ref), 'utf8').replace(/^\uFEFF/, '').split('\n');
    const mid = encodeWindows1258(refLines.slice(780, 782).join('\n') + '\n', WINDOWS_1258_HIGH);
    writeFileSync(join(dir, 'ref-mixed.csv'), Buffer.concat([Buffer.from(refLines.slice(0, 780).join('\n') + '\n'), mid, Buffer.from(refLines.slice(782).join('\n'))]));
    const recText = read(join(dir, rec)).replace(/^\uFEFF/, '').replace(/\n/, '\nx,y\n');
    writeFileSync(join(dir, 'rec-1258.csv'), encodeWindows1258(recText, WINDOWS_1258_HIGH));
    const r = doisoat(['reconcile', '-r', 'ref-mixed.csv', '-s', 'rec-1258.csv', '--as-of', '2026-01-01', '-o', 'notes', '--no-report'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('Note: 1 malformed lines in the records file (ragged_row: 1); they are in the worklist with their problems.');
    expect(r.stderr).toContain('Note: 2 malformed lines in the reference file (undecodable_text: 2); "doisoat inspect" lists them.');
    expect(r.stderr).toMatch(/Note: the records file's encoding was guessed as windows-125[28]; .*\(--encoding\)\./);
    expect(r.stderr).not.toContain("reference file's encoding was guessed");
    expect(r.stderr).not.toMatch(/Nguyễn|Trần|\d{12}/);
    // Setting it silences the guess.
    const set = doisoat(['reconcile', '-r', 'ref-mixed.csv', '-s', 'rec-1258.csv', '--as-of', '2026-01-01', '-o', 'notes2', '--no-report', '--encoding', 'windows-1258', '--reference-encoding', 'utf-8'], { cwd: dir });
    expect(set.status, set.stderr).toBe(0);
    expect(set.stderr).not.toContain('encoding was guessed');
  });
});

describe('doisoat inspect', () => {
  it('shows the encoding, delimiter, header row, rows and the mapping of every profile for the sample records', () => {
    const r = doisoat(['inspect', rec], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('format csv, encoding utf-8 (certain), delimiter ","');
    expect(r.stdout).toContain('header on line 1; 400 data rows');
    for (const p of ['reference', 'generic', 'healthInsurance', 'civilStatus', 'association', 'labour', 'vaccination']) expect(r.stdout).toContain(`Profile ${p}:`);
    expect(r.stdout).toMatch(/"Số CCCD"\s+→ citizenId/);
    expect(r.stdout).toMatch(/"Số CCCD"\s+→ id/);
    expect(r.stdout).toMatch(/"Họ và tên"\s+→ fullName/);
  });

  it('reads the sample reference through the reference profile', () => {
    const r = doisoat(['inspect', ref, '--profile', 'reference'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"Số định danh cá nhân"\s+→ id/);
    expect(r.stdout).toMatch(/"Trạng thái"\s+→ status/);
    expect(r.stdout).toContain('800 data rows');
  });

  it('detects a semicolon-separated Windows-1258 export with a title row and decodes its headers', () => {
    const text =
      'DANH SÁCH HỘI VIÊN HỘI NÔNG DÂN XÃ ĐÔNG HƯNG\r\n' +
      'STT;Họ và tên;Số CCCD;Ngày sinh;Giới tính;Địa chỉ\r\n' +
      '1;Nguyễn Thị Hương;001089012345;05/07/1989;Nữ;Thôn Đông, xã Đông Hưng\r\n' +
      '2;Trần Văn Đức;079190004567;12/03/1990;Nam;Thôn Bắc\r\n' +
      '3;Phạm Thị Lụa;048050001111;1950;Nữ;Xóm Giữa\r\n';
    const bytes = encodeWindows1258(text, WINDOWS_1258_HIGH);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    writeFileSync(join(dir, 'hoi-vien.csv'), bytes);
    const r = doisoat(['inspect', 'hoi-vien.csv', '--profile', 'association'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/encoding windows-1258 \((guess|likely|certain)\), delimiter ";"/);
    expect(r.stdout).toContain('header on line 2 below 1 title line(s); 3 data rows');
    expect(r.stdout).toMatch(/"Họ và tên"\s+→ fullName/);
    expect(r.stdout).toMatch(/"Số CCCD"\s+→ citizenId/);
    expect(r.stdout).toMatch(/"Ngày sinh"\s+→ birthDate/);
    expect(r.stdout).not.toContain('Nguyễn Thị Hương');
    expect(r.stdout).not.toContain('001089012345');
  });

  it('says why a profile cannot read a file', () => {
    writeFileSync(join(dir, 'ghi-chu.csv'), 'Ngày sinh,Giới tính,Ghi chú\n01/01/1990,Nam,x\n');
    const r = doisoat(['inspect', 'ghi-chu.csv', '--profile', 'generic'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Profile generic: not usable — .*needs a column for citizenId or fullName/);
  });
});

describe('doisoat merge', () => {
  it('merges the stats of two partitions into a stats.json byte-identical to the single run', () => {
    const single = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', '2026-01-01', '-o', 'single', '-q', '--no-report'], { cwd: dir });
    expect(single.status, single.stderr).toBe(0);
    for (const k of [1, 2]) {
      const p = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', '2026-01-01', '--partition', `${k}/2`, '-o', `part-${k}`, '-q', '--no-report'], { cwd: dir });
      expect(p.status, p.stderr).toBe(0);
    }
    const totals = [1, 2].map((k) => (JSON.parse(read(join(dir, `part-${k}`, 'stats.json'))) as { total: number }).total);
    expect(totals.every((t) => t > 0 && t < 400)).toBe(true);
    expect(totals[0]! + totals[1]!).toBe(400);
    const m = doisoat(['merge', 'part-1/stats.json', 'part-2/stats.json', '-o', 'merged/stats.json', '--summary', 'merged/summary.md'], { cwd: dir });
    expect(m.status, m.stderr).toBe(0);
    expect(m.stdout).toContain('Scorecard');
    expect(read(join(dir, 'merged', 'stats.json'))).toBe(read(join(dir, 'single', 'stats.json')));
    expect(read(join(dir, 'merged', 'summary.md'))).toContain('2 merged');
  });

  it('gates the merged scorecard', () => {
    const m = doisoat(['merge', 'part-1/stats.json', 'part-2/stats.json', '--fail-under', 'sach=1'], { cwd: dir });
    expect(m.status).toBe(1);
    expect(m.stderr).toContain('Thresholds: FAILED');
  });
});

describe('doisoat --help and --version', () => {
  const examples: Record<string, string> = {
    reconcile: 'doisoat reconcile -r dan-cu.csv -s bhyt.xlsx -p healthInsurance',
    inspect: 'doisoat inspect bhyt.xlsx',
    sample: 'doisoat sample --size 100000 --out data',
    merge: 'doisoat merge out-*/stats.json',
    eval: 'doisoat eval --records 100000',
    demo: 'doisoat demo',
  };
  for (const [command, example] of Object.entries(examples)) {
    it(`shows examples in \`doisoat ${command} --help\``, () => {
      const r = doisoat([command, '--help'], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: doisoat ${command}`);
      expect(r.stdout).toMatch(/Examples?:/);
      expect(r.stdout).toContain(example);
    });
  }

  it('documents the exit codes in `doisoat reconcile --help`', () => {
    const help = doisoat(['reconcile', '--help'], { cwd: dir }).stdout;
    expect(help).toContain('Exit codes: 0 ran and every threshold passed; 1 ran and a threshold failed; 2 usage or input error;');
    expect(help).toContain('3 the run could not finish (a worker thread stopped, or an internal error).');
  });

  it('lists every command in `doisoat --help`', () => {
    const r = doisoat(['--help'], { cwd: dir });
    expect(r.status).toBe(0);
    for (const c of Object.keys(examples)) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
  });

  it('prints the package version with --version', () => {
    const r = doisoat(['--version'], { cwd: dir });
    expect(r).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('doisoat demo', () => {
  it('writes sample data and the report into --out and prints where the report is', () => {
    const r = doisoat(['demo', '--out', 'demo', '--size', '200'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const report = join(dir, 'demo', 'out', 'report.html');
    expect(existsSync(report)).toBe(true);
    expect(existsSync(join(dir, 'demo', 'input', 'records.csv'))).toBe(true);
    expect(r.stderr).toContain(`Report: ${report}`);
    expect(read(report)).toMatch(/^<!doctype html>/i);
  });

  it('prints only the report path with --quiet', () => {
    const r = doisoat(['demo', '--out', 'demo-quiet', '--size', '100', '--quiet'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${join(dir, 'demo-quiet', 'out', 'report.html')}\n`);
    expect(r.stderr).toBe('');
  });
});
