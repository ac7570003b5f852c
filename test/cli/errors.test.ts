import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { doisoat, cleanup, tempDir } from './helpers.js';

let dir = '';
const ref = 'data/reference.csv';
const rec = 'data/records.csv';
/** Personal data planted in the files that fail: it must never reach stderr. */
const SECRET_ID = '001089012345';
const SECRET_NAME = 'Nguyễn Văn Bình';

beforeAll(() => {
  dir = tempDir();
  expect(doisoat(['sample', '--size', '50', '--out', 'data'], { cwd: dir }).status).toBe(0);
  // A header with known columns but neither an ID nor a name column: the generic profile cannot use it.
  writeFileSync(join(dir, 'no-name.csv'), `\uFEFFNgày sinh,Giới tính,Mã tỉnh,Ghi chú\n01/01/1990,Nam,01,${SECRET_NAME} ${SECRET_ID}\n`);
  // No header at all: the first row is data.
  writeFileSync(join(dir, 'headerless.csv'), `${SECRET_ID},${SECRET_NAME},01/01/1990\n`);
  // A reference without an ID column.
  writeFileSync(join(dir, 'ref-no-id.csv'), `Họ và tên,Ngày sinh,Giới tính\n${SECRET_NAME},01/01/1990,Nam\n`);
});

afterAll(cleanup);

function expectUsageError(args: string[], message: RegExp): string {
  const r = doisoat(args, { cwd: dir });
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toContain(SECRET_ID);
  expect(r.stderr).not.toContain(SECRET_NAME);
  expect(r.stdout).not.toContain(SECRET_ID);
  return r.stderr;
}

describe('doisoat exits 2 on usage and input errors, with a message that says how to fix them', () => {
  it('rejects an unknown flag', () => {
    expectUsageError(['reconcile', '-r', ref, '-s', rec, '--frobnicate'], /unknown option '--frobnicate'[\s\S]*--help/);
  });

  it('rejects an unknown command', () => {
    expectUsageError(['reconsile'], /unknown command 'reconsile'/);
  });

  it('rejects an unknown profile and lists the known ones', () => {
    expectUsageError(['reconcile', '-r', ref, '-s', rec, '-p', 'hoiNongDan'], /unknown profile "hoiNongDan"; choose one of: generic, healthInsurance/);
  });

  it('asks for --reference when it is missing', () => {
    expectUsageError(['reconcile', '-s', rec], /missing --reference <file>/);
  });

  it('asks for --records when it is missing', () => {
    expectUsageError(['reconcile', '-r', ref], /missing --records <file>/);
  });

  it('names a file that does not exist', () => {
    expectUsageError(['reconcile', '-r', ref, '-s', 'data/khong-co.csv', '-o', 'out-missing'], /cannot open .*khong-co\.csv \(ENOENT\)/);
  });

  it('names the bad item of an unparsable --fail-under', () => {
    expectUsageError(['reconcile', '-r', ref, '-s', rec, '--fail-under', 'dung=abc'], /--fail-under: "dung=abc": the value must be a ratio such as 0\.95 or a percentage such as 95%/);
    expectUsageError(['reconcile', '-r', ref, '-s', rec, '--fail-under', 'speed=0.9'], /--fail-under: .*speed/);
  });

  it('rejects a broken --max-status list', () => {
    expectUsageError(['reconcile', '-r', ref, '-s', rec, '--max-status', 'lost=0.1'], /--max-status: .*lost/);
  });

  it('rejects a bad --partition', () => {
    expectUsageError(['reconcile', '-r', ref, '-s', rec, '--partition', '3/2'], /--partition must be k\/N/);
  });

  it('rejects a config file that is not JSON', () => {
    writeFileSync(join(dir, 'broken.json'), '{ "profile": "generic", ');
    expectUsageError(['reconcile', '-c', 'broken.json'], /cannot read config file broken\.json: invalid JSON/);
  });

  it('lists the columns found and the accepted aliases when the records columns cannot be mapped', () => {
    const msg = expectUsageError(['reconcile', '-r', ref, '-s', 'no-name.csv', '-o', 'out-cols'], /The generic profile needs a column for citizenId or fullName/);
    expect(msg).toContain('Columns found: Ngày sinh, Giới tính, Mã tỉnh, Ghi chú');
    expect(msg).toContain('"Số CCCD"');
    expect(msg).toContain('"Họ và tên"');
    expect(msg).toContain('--map');
    expect(existsSync(join(dir, 'out-cols', 'stats.json'))).toBe(false);
  });

  it('describes a headerless file by its shape, never by its content', () => {
    const msg = expectUsageError(['reconcile', '-r', ref, '-s', 'headerless.csv', '-o', 'out-headerless'], /No header row found/);
    expect(msg).toContain('The first row has 3 cells');
    expect(msg).toContain('"Họ và tên"');
  });

  it('lists the accepted ID headers when the reference has no ID column', () => {
    const msg = expectUsageError(['reconcile', '-r', 'ref-no-id.csv', '-s', rec, '-o', 'out-ref'], /The reference profile needs a column for id/);
    expect(msg).toContain('"Số định danh cá nhân"');
    expect(msg).toContain('Columns found: Họ và tên, Ngày sinh, Giới tính');
  });

  it('rejects a non-numeric --size for sample', () => {
    expectUsageError(['sample', '--size', 'nhiều'], /--size must be a positive whole number/);
  });

  it('rejects a --workers that is neither a whole number from 1 to 64 nor auto', () => {
    for (const bad of ['0', 'two', '1.5', '65']) expectUsageError(['reconcile', '-r', rec, '-s', rec, '-o', 'out-w', '--workers', bad], /--workers must be a whole number from 1 to 64, or auto/);
  });

  it('rejects a merge input that is not a stats.json', () => {
    expectUsageError(['merge', rec], /is not a doisoat stats\.json|cannot read statistics file/);
  });
});
