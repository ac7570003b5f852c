import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTO_WORKERS_MIN_BYTES, autoWorkerCount, machineResources } from '../../src/node.js';
import { MAX_RECORD_CHARS } from '../../src/node/readFile.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');

describe('worker threads', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/worker.js'))) execFileSync('npx', ['tsup'], { cwd: root, stdio: 'ignore' });
  }, 120_000);

  it('give byte-identical outputs to a single-threaded run, with and without partitions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-workers-'));
    execFileSync('node', [cli, 'sample', '--size', '3000', '--out', join(dir, 'in')]);
    const run = (out: string, ...extra: string[]) =>
      execFileSync('node', [cli, 'reconcile', '-r', join(dir, 'in/reference.csv'), '-s', join(dir, 'in/records.csv'), '-o', join(dir, out), '--as-of', '2026-01-01', '-q', '--no-report', '--results', ...extra]);
    run('one', '--workers', '1');
    run('three', '--workers', '3');
    for (const f of ['stats.json', 'results.ndjson', 'worklist.csv']) {
      expect(readFileSync(join(dir, 'three', f), 'utf8'), f).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
    }
    run('p1', '--partition', '1/2', '--workers', '2');
    run('p1-single', '--partition', '1/2', '--workers', '1');
    expect(readFileSync(join(dir, 'p1', 'results.ndjson'), 'utf8')).toBe(readFileSync(join(dir, 'p1-single', 'results.ndjson'), 'utf8'));
    // Without results.ndjson (the default; a later --no-results overrides the --results above) the worklist
    // and statistics are the same bytes, duplicates marked alike.
    run('lean', '--workers', '2', '--no-results');
    run('lean-single', '--no-results', '--workers', '1');
    for (const out of ['lean', 'lean-single']) {
      expect(existsSync(join(dir, out, 'results.ndjson')), out).toBe(false);
      for (const f of ['stats.json', 'worklist.csv']) expect(readFileSync(join(dir, out, f), 'utf8'), `${out}/${f}`).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
    }
  }, 120_000);

  it('give the same outputs when the second worker reads half of the reference file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-workers-split-'));
    execFileSync('node', [cli, 'sample', '--size', '3000', '--out', join(dir, 'in')]);
    const run = (out: string, env: Record<string, string>, ...extra: string[]) =>
      execFileSync('node', [cli, 'reconcile', '-r', join(dir, 'in/reference.csv'), '-s', join(dir, 'in/records.csv'), '-o', join(dir, out), '--as-of', '2026-01-01', '-q', '--results', ...extra], {
        env: { ...process.env, ...env },
      });
    run('one', {}, '--workers', '1');
    // Any file past 64 KiB is cut in two (the sample's reference is about 600 KB).
    run('two', { DOISOAT_SPLIT_MIN_BYTES: '100000' }, '--workers', '2');
    // The second worker fails to build the ID neighbours and blocking indexes: the first builds them itself;
    // the workers fail to complete the worklist and results: the main thread completes them.
    run('fallback', { DOISOAT_SPLIT_MIN_BYTES: '100000', DOISOAT_TEST_FAIL_HELPER: '1', DOISOAT_TEST_FAIL_COMPLETE: '1' }, '--workers', '2');
    // Through a reference cache: built (in shared memory) on a miss, then loaded.
    const cache = join(dir, 'reference.cache');
    run('cache-miss', {}, '--workers', '2', '--reference-cache', cache);
    run('cache-hit', {}, '--workers', '2', '--reference-cache', cache);
    for (const out of ['two', 'fallback', 'cache-miss', 'cache-hit']) {
      expect(readdirSync(join(dir, out)).filter((f) => f.startsWith('.')), `${out}: temporary files left`).toEqual([]);
      for (const f of ['stats.json', 'results.ndjson', 'worklist.csv']) {
        expect(readFileSync(join(dir, out, f), 'utf8'), `${out}/${f}`).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
      }
    }
    const report = (out: string): string => readFileSync(join(dir, out, 'report.html'), 'utf8').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '');
    expect(report('two')).toBe(report('one'));
  }, 120_000);

  /** A two-worker run on a fresh sample that is expected to fail: the finished process and its output folder. */
  const failingRun = (size: number, env: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-workers-fail-'));
    execFileSync('node', [cli, 'sample', '--size', String(size), '--out', join(dir, 'in')]);
    const run = spawnSync('node', [cli, 'reconcile', '-r', join(dir, 'in/reference.csv'), '-s', join(dir, 'in/records.csv'), '-o', join(dir, 'out'), '--as-of', '2026-01-01', '-q', '--workers', '2'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ...env },
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(3);
    expect(existsSync(join(dir, 'out', 'worklist.csv'))).toBe(false);
    return run;
  };

  it('fail the run, without hanging, when the worker reading the second half of the reference stops', () => {
    const run = failingRun(3000, { DOISOAT_SPLIT_MIN_BYTES: '100000', DOISOAT_TEST_STOP_READING_PART: '1' });
    // Whichever the main thread hears of first: the helper's exit, or the first worker finding it gone.
    expect(run.stderr).toMatch(/^doisoat: (a worker thread stopped before the run was done \(exit code 7\)|the worker reading part of the reference stopped before the run was done); running out of memory/m);
  }, 120_000);

  it('fail the run, without hanging, when a worker stops as it starts, before the run listens to it', () => {
    const run = failingRun(2000, { DOISOAT_TEST_EXIT_ON_START: '1' });
    expect(run.stderr).toMatch(/^doisoat: a worker thread stopped before the run was done \(exit code 9\)/m);
  }, 120_000);

  it('stop with a usage error naming the file and line when a quote left open runs on past the longest record, on one thread or two', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-workers-quote-'));
    execFileSync('node', [cli, 'sample', '--size', '3000', '--out', join(dir, 'in')]);
    // A quote opened on line 1001 that no later line closes: the rest of the file (17M characters) is one
    // field. Past the 500-row font sample, so that with two workers the records go out in pieces.
    const filler = 'x,y,z\n'.repeat(Math.ceil((MAX_RECORD_CHARS + 1_000_000) / 6));
    const openAt = (file: string, line: number): string => {
      const lines = readFileSync(join(dir, 'in', file), 'utf8').split('\n');
      return `${lines.slice(0, line - 1).join('\n')}\n"${lines[line - 1]}\n${filler}`;
    };
    writeFileSync(join(dir, 'in/open.csv'), openAt('records.csv', 1001));
    writeFileSync(join(dir, 'in/open-reference.csv'), openAt('reference.csv', 2501));
    const run = (reference: string, records: string, workers: string, env: Record<string, string> = {}) =>
      spawnSync('node', [cli, 'reconcile', '-r', join(dir, 'in', reference), '-s', join(dir, 'in', records), '-o', join(dir, 'out'), '--as-of', '2026-01-01', '-q', '--workers', workers], {
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, ...env },
      });
    const message = (file: string, line: number) => new RegExp(`^doisoat: ${file}, line ${line}: a record runs on for more than 16777216 characters, probably from a quote \\(\"\\) that is never closed`, 'm');
    // The register: read on this thread; parsed in a worker's piece; stopped by the thread cutting pieces.
    for (const [workers, env] of [['1', {}], ['2', {}], ['2', { DOISOAT_TEST_MAX_RECORD_BYTES: '1000000' }]] as const) {
      const r = run('reference.csv', 'open.csv', workers, env);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message('open.csv', 1001));
    }
    // The reference: read on one thread, or by the first of two workers (the cut near the middle falls in the
    // open field; referenceParts.test.ts has the record in the helper's part).
    for (const workers of ['1', '2']) {
      const r = run('open-reference.csv', 'records.csv', workers);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message('open-reference.csv', 2501));
    }
    expect(existsSync(join(dir, 'out', 'worklist.csv'))).toBe(false);
  }, 300_000);

  it("start two workers under --workers auto (the default) once the files reach 32 MB, and say so", () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-workers-auto-'));
    execFileSync('node', [cli, 'sample', '--size', '2000', '--out', join(dir, 'in')]);
    // 32 MB of blank lines after the records: skipped by the reader, but they make the file count as large.
    const ref = join(dir, 'in/reference.csv');
    const records = join(dir, 'in/records.csv');
    const padded = join(dir, 'in/padded.csv');
    writeFileSync(padded, readFileSync(records, 'utf8') + '\n'.repeat(AUTO_WORKERS_MIN_BYTES));
    const run = (out: string, recordsFile: string, ...extra: string[]) =>
      spawnSync('node', [cli, 'reconcile', '-r', ref, '-s', recordsFile, '-o', join(dir, out), '--as-of', '2026-01-01', '--no-report', '--results', ...extra], { encoding: 'utf8' });
    const single = run('single', records, '--workers', '1');
    const small = run('small', records);
    const large = run('large', padded);
    const expected = autoWorkerCount({ referenceBytes: statSync(ref).size, recordsBytes: statSync(padded).size, ...machineResources() });
    expect(small.stderr).not.toMatch(/worker threads/);
    if (expected === 2) expect(large.stderr).toMatch(/Used 2 worker threads \(--workers 1 keeps to one thread/);
    else expect(large.stderr).not.toMatch(/worker threads/);
    for (const out of ['small', 'large']) {
      for (const f of ['stats.json', 'results.ndjson', 'worklist.csv']) expect(readFileSync(join(dir, out, f), 'utf8'), `${out}/${f}`).toBe(readFileSync(join(dir, 'single', f), 'utf8'));
    }
    expect(single.status).toBe(0);
  }, 120_000);

  it('show the same report sample as a single-threaded run once sample groups fill (workers skip full groups)', () => {
    // 12,000 rows are six batches: plain matches fill their group of 200 in the first one.
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-workers-report-'));
    execFileSync('node', [cli, 'sample', '--size', '12000', '--out', join(dir, 'in')]);
    const run = (out: string, ...extra: string[]): string => {
      execFileSync('node', [cli, 'reconcile', '-r', join(dir, 'in/reference.csv'), '-s', join(dir, 'in/records.csv'), '-o', join(dir, out), '--as-of', '2026-01-01', '-q', '--no-results', ...extra]);
      // Only the generation time may differ.
      return readFileSync(join(dir, out, 'report.html'), 'utf8').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '');
    };
    const single = run('one', '--workers', '1');
    expect(single.match(/data-testid="sample-row"/g)).toHaveLength(200);
    expect(run('two', '--workers', '2')).toBe(single);
  }, 120_000);

  it('give the same outputs and read report when the workers parse the records file in pieces', async () => {
    // Past its header and first 500 rows a CSV register goes to the workers as raw pieces of ~192 KiB cut at
    // record ends: quoted line breaks, escaped and stray quotes, blank lines, ragged rows, a legacy-font
    // column and a quote left open must read as on one thread, line numbers included.
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-workers-pieces-'));
    execFileSync('node', [cli, 'sample', '--size', '3000', '--out', join(dir, 'in')]);
    const [header, ...rows] = readFileSync(join(dir, 'in/records.csv'), 'utf8').trimEnd().split(/\r?\n/);
    const lines = [header!];
    for (let copy = 0; copy < 4; copy++) {
      rows.forEach((row, i) => {
        const cells = row.split(',');
        cells[0] = `${cells[0]}-${copy}`;
        // The address in TCVN3 (read as Windows-1252), converted in every piece.
        cells[7] = i % 7 === 0 ? '"Th«n §«ng, x\u00b7 Phó Xu©n\r\ntæ ""5"""' : 'Sè nhµ 12 ph\u00adêng BÕn NghÐ';
        if (i === 1000) cells.push('extra');
        if (i === 2500) cells[2] = `${cells[2]} "Bé"`;
        // A quote closed only by the next quoted address, 7 rows down: those rows are one record.
        if (copy === 3 && i === 1500) cells[2] = `"${cells[2]}`;
        lines.push(cells.join(','));
        if (i % 50 === 0) lines.push('');
      });
    }
    // A quote never closed: the rest of the file is one field, so one piece, re-read line by line.
    lines.push('HS-last,,"Nguyễn Văn Cuối,01/01/1990,Nam,01,,,', 'HS-after,,Trần Văn Sau,02/02/1990,Nam,01,,,');
    const records = join(dir, 'records.csv');
    writeFileSync(records, lines.join('\r\n'));
    expect(statSync(records).size).toBeGreaterThan(4 * 196_608);
    const { reconcileFiles } = (await import(join(root, 'dist/node.js'))) as typeof import('../../src/node.js');
    const run = (out: string, workers: number) =>
      reconcileFiles({ reference: join(dir, 'in/reference.csv'), records, out: join(dir, out), asOf: '2026-01-01', results: true, workers, meta: { version: 'test', generatedAt: 'now' } });
    const one = await run('one', 1);
    const two = await run('two', 2);
    expect(two.workers).toBe(2);
    expect(two.recordsReport).toEqual(one.recordsReport);
    expect(new Set(one.recordsReport.broken.map((b) => b.code))).toEqual(new Set(['ragged_row', 'invalid_quotes', 'unclosed_quote']));
    expect(one.recordsReport.legacyFonts).toEqual([expect.objectContaining({ field: 'address', font: 'tcvn3', converted: 12_000 - 6 })]); // six rows joined to the row whose quote they close
    expect(one.recordsReport.blankLines).toBe(240 - 1); // one falls inside those joined rows
    for (const f of ['stats.json', 'results.ndjson', 'worklist.csv', 'report.html']) {
      expect(readFileSync(join(dir, 'two', f), 'utf8'), f).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
    }
  }, 120_000);

  it('read Windows-1258 and UTF-16 registers in two workers as on one thread (pieces, or rows for UTF-16)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-workers-encodings-'));
    execFileSync('node', [cli, 'sample', '--size', '1000', '--out', join(dir, 'in')]);
    // The Windows-1258 fixture's five rows (semicolons, CRLF, quoted commas, decomposed tones) 2,000 times over.
    const fixture = readFileSync(join(root, 'test/fixtures/read/cp1258_semicolon.csv'));
    const firstBreak = fixture.indexOf(0x0a) + 1;
    const body = fixture.subarray(firstBreak);
    const cp1258 = join(dir, 'cp1258.csv');
    writeFileSync(cp1258, Buffer.concat([fixture.subarray(0, firstBreak), ...Array.from({ length: 2000 }, () => body)]));
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(join(dir, 'in/records.csv'), 'utf8').replace(/^\uFEFF/, ''), 'utf16le')]));
    const { reconcileFiles } = (await import(join(root, 'dist/node.js'))) as typeof import('../../src/node.js');
    for (const [name, records] of [['cp1258', cp1258], ['utf16', utf16]] as const) {
      const run = (out: string, workers: number) =>
        reconcileFiles({ reference: join(dir, 'in/reference.csv'), records, out: join(dir, name, out), asOf: '2026-01-01', results: true, report: false, workers, meta: { version: 'test', generatedAt: 'now' } });
      const one = await run('one', 1);
      const two = await run('two', 2);
      expect(two.workers, name).toBe(2);
      expect(two.recordsReport, name).toEqual(one.recordsReport);
      for (const f of ['stats.json', 'results.ndjson', 'worklist.csv']) expect(readFileSync(join(dir, name, 'two', f), 'utf8'), `${name}/${f}`).toBe(readFileSync(join(dir, name, 'one', f), 'utf8'));
    }
    const cp = await reconcileFiles({ reference: join(dir, 'in/reference.csv'), records: cp1258, out: join(dir, 'cp1258', 'three'), asOf: '2026-01-01', report: false, workers: 2, meta: { version: 'test', generatedAt: 'now' } });
    expect(cp.recordsReport).toMatchObject({ encoding: 'windows-1258', delimiter: ';', rows: 10_000, broken: [] });
  }, 120_000);
});
