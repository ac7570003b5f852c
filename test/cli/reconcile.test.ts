import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, profileOptions, reconcile, sortKeys, statsJson, statsSchema } from '../../src/index.js';
import { collect, readRecords, readReference } from '../../src/node.js';
import { cliPath, doisoat, lines, read, cleanup, tempDir } from './helpers.js';

const AS_OF = '2026-01-01';
let dir = '';
let ref = '';
let rec = '';
let out = '';
let run: ReturnType<typeof doisoat>;
/** IDs and names of the sample files: none may appear in clear in masked outputs or on stderr. */
let ids: string[] = [];
let names: string[] = [];

function cellsOf(path: string): string[][] {
  return parseCsv(read(path).replace(/^\uFEFF/, '')).records.map((r) => r.cells.map(String));
}

beforeAll(() => {
  dir = tempDir();
  const s = doisoat(['sample', '--size', '300', '--out', 'data'], { cwd: dir });
  expect(s.status, s.stderr).toBe(0);
  ref = join(dir, 'data', 'reference.csv');
  rec = join(dir, 'data', 'records.csv');
  const refRows = cellsOf(ref).slice(1);
  const recRows = cellsOf(rec).slice(1);
  ids = [...new Set([...refRows.map((r) => r[0] ?? ''), ...recRows.map((r) => r[1] ?? '')].filter((x) => /^\d{12}$/.test(x)))];
  names = [...new Set([...refRows.map((r) => r[2] ?? ''), ...recRows.map((r) => r[2] ?? '')].filter((x) => x.trim().split(/\s+/).length >= 2))];
  out = join(dir, 'out');
  run = doisoat(['reconcile', '--reference', ref, '--records', rec, '--as-of', AS_OF, '--out', out], { cwd: dir });
});

afterAll(cleanup);

describe('doisoat sample', () => {
  it('writes reference.csv, records.csv and truth.csv with Vietnamese headers and a BOM', () => {
    for (const f of ['reference.csv', 'records.csv', 'truth.csv']) expect(existsSync(join(dir, 'data', f)), f).toBe(true);
    expect(read(rec).startsWith('\uFEFF')).toBe(true);
    expect(cellsOf(rec)[0]).toContain('Họ và tên');
    expect(cellsOf(ref)[0]).toContain('Số định danh cá nhân');
    expect(cellsOf(rec)).toHaveLength(301);
    expect(ids.length).toBeGreaterThan(100);
    expect(names.length).toBeGreaterThan(100);
  });
});

describe('doisoat reconcile on the sample files', () => {
  it('exits 0 and writes report.html, worklist.csv, stats.json and summary.md, but not the unmasked results.ndjson unless asked', () => {
    expect(run.status, run.stderr).toBe(0);
    for (const f of ['report.html', 'worklist.csv', 'stats.json', 'summary.md']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(existsSync(join(out, 'results.ndjson'))).toBe(false);
    expect(run.stdout).toContain('Scorecard');
    expect(run.stderr).toContain(`Report: ${join(out, 'report.html')}`);
  });

  it('writes a worklist with a BOM and one line per record plus the header', () => {
    const text = read(join(out, 'worklist.csv'));
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines(join(out, 'worklist.csv'))).toHaveLength(301);
    expect(cellsOf(join(out, 'worklist.csv'))[0]?.slice(0, 4)).toEqual(['key', 'row', 'status', 'reasons']);
  });

  it('masks IDs and names in the worklist by default', () => {
    const text = read(join(out, 'worklist.csv'));
    expect(text).toMatch(/\d{3}\*{6}\d{3}/);
    expect(ids.filter((id) => text.includes(id))).toEqual([]);
    expect(names.filter((n) => text.includes(n))).toEqual([]);
  });

  it('reveals IDs and names with --reveal-personal-data', () => {
    const o = join(dir, 'revealed');
    const r = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', AS_OF, '-o', o, '--reveal-personal-data', '--no-report', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const text = read(join(o, 'worklist.csv'));
    expect(ids.filter((id) => text.includes(id)).length).toBeGreaterThan(100);
    expect(names.some((n) => text.includes(n))).toBe(true);
    expect(existsSync(join(o, 'report.html'))).toBe(false);
  });

  it('writes results.ndjson with one JSON line per record with --results', () => {
    const o = join(dir, 'with-results');
    const r = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', AS_OF, '-o', o, '--results', '--no-report', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(read(join(o, 'worklist.csv'))).toBe(read(join(out, 'worklist.csv')));
    const results = lines(join(o, 'results.ndjson')).map((l) => JSON.parse(l) as { key: string; status: string; row: number });
    expect(results).toHaveLength(300);
    expect(results.map((r) => r.key)).toEqual(cellsOf(rec).slice(1).map((r) => r[0]));
    for (const r of results) expect(['matched', 'mismatched', 'missing', 'stale']).toContain(r.status);
  });

  it('writes a stats.json that validates against statsSchema and equals what the library computes for the same files', async () => {
    const fromCli = JSON.parse(read(join(out, 'stats.json'))) as unknown;
    const parsed = statsSchema.safeParse(fromCli);
    expect(parsed.success).toBe(true);
    const { reference } = await readReference(ref);
    const { records, profile } = await readRecords(rec, { profile: 'generic' });
    const { stats } = reconcile(reference, await collect(records), { ...profileOptions(profile), asOf: AS_OF });
    const fromLibrary = JSON.parse(statsJson(sortKeys(stats))) as Record<string, unknown>;
    const cli = fromCli as Record<string, unknown>;
    expect(cli['total']).toBe(300);
    for (const key of ['total', 'valid', 'byStatus', 'byReason']) expect(cli[key], key).toEqual(fromLibrary[key]);
    expect(fromCli).toEqual(fromLibrary);
  });

  it('writes a Markdown summary with the scorecard and no personal data', () => {
    const md = read(join(out, 'summary.md'));
    expect(md).toMatch(/đúng|Đúng/);
    expect(md).toContain('records.csv');
    expect(ids.filter((id) => md.includes(id))).toEqual([]);
  });

  it('prints nothing at all with --quiet on success', () => {
    const r = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', AS_OF, '-o', join(dir, 'quiet'), '--quiet'], { cwd: dir });
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(existsSync(join(dir, 'quiet', 'stats.json'))).toBe(true);
  });

  it('prints plain progress lines, without carriage returns, when stderr is not a terminal', () => {
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).toMatch(/^Reading reference: 600 rows in [\d.]+ s$/m);
    expect(run.stderr).toMatch(/^Reconciling: 300 rows in [\d.]+ s$/m);
  });

  // util-linux `script` gives the bin a pseudo-terminal; where it is missing (macOS, Windows) the test is skipped.
  const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('redraws one progress line with \\r on an interactive terminal, and prints nothing with --quiet', () => {
    const command = (extra: string) => `'${process.execPath}' '${cliPath()}' reconcile -r '${ref}' -s '${rec}' --as-of ${AS_OF} -o '${join(dir, 'tty')}' --no-report ${extra} >/dev/null`;
    const env = { ...process.env };
    delete env['GITHUB_STEP_SUMMARY'];
    const tty = spawnSync('script', ['-qec', command(''), '/dev/null'], { cwd: dir, env, encoding: 'utf8' });
    expect(tty.status, tty.stderr).toBe(0);
    expect(tty.stdout).toContain('\r\x1b[2KReading reference: 600 rows in');
    expect(tty.stdout).toContain('\r\x1b[2KReconciling');
    const quiet = spawnSync('script', ['-qec', command('-q'), '/dev/null'], { cwd: dir, env, encoding: 'utf8' });
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('');
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY', () => {
    const summaryFile = join(dir, 'step-summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const o = join(dir, 'gh');
    const r = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', AS_OF, '-o', o, '-q', '--no-report'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summaryFile } });
    expect(r.status, r.stderr).toBe(0);
    const appended = readFileSync(summaryFile, 'utf8');
    expect(appended.startsWith('# earlier step\n')).toBe(true);
    expect(appended).toContain(read(join(o, 'summary.md')).trim());
  });

  it('exits 1 with a short explanation on stderr when a threshold fails', () => {
    const r = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', AS_OF, '-o', join(dir, 'gate'), '-q', '--fail-under', 'dung=0.99'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Thresholds: FAILED');
    expect(r.stderr).toMatch(/FAIL\s+đúng \(correct\) [\d.]+% \(\d+ of \d+ linked rows\) is under the threshold 99\.0%/);
    expect(r.stderr.split('\n').length).toBeLessThan(6);
  });

  it('exits 0 when every threshold passes, and says so', () => {
    const r = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', AS_OF, '-o', join(dir, 'gate-ok'), '-q', '--fail-under', 'dung=10%', '--max-status', 'missing=0.5'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('Thresholds: all passed');
  });

  it('exits 1 when a status exceeds --max-status', () => {
    const r = doisoat(['reconcile', '-r', ref, '-s', rec, '--as-of', AS_OF, '-o', join(dir, 'gate-max'), '-q', '--max-status', 'mismatched=0.01'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('FAIL');
  });

  it('never prints an ID or a name of the data on stdout or stderr', () => {
    const printed = run.stdout + run.stderr;
    expect(ids.filter((id) => printed.includes(id))).toEqual([]);
    expect(names.filter((n) => printed.includes(n))).toEqual([]);
  });
});

