import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSampleFiles } from '../../src/cli/sampleFiles.js';
import { reconcileFiles } from '../../src/node/reconcileFiles.js';
import { collect, readRecords, readReference } from '../../src/node/readFile.js';
import { parseCsv, reconcile, profileOptions, statsSchema, worklistCsv, type RecordResult } from '../../src/index.js';
import { VERSION } from '../../src/version.js';

describe('reconcileFiles (the streaming runner behind the CLI)', () => {
  it('gives the same statistics and results as the in-memory reconcile, duplicates included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-files-'));
    const files = writeSampleFiles(join(dir, 'in'), { records: 2500, seed: 5 });
    const out = join(dir, 'out');
    const run = await reconcileFiles({
      reference: files.reference,
      records: files.records,
      out,
      asOf: files.asOf,
      results: true,
      meta: { version: 'test', generatedAt: '2026-01-01T00:00:00Z' },
    });
    const { reference } = await readReference(files.reference);
    const { records, profile } = await readRecords(files.records, { profile: 'generic' });
    const memory = reconcile(reference, await collect(records), { ...profileOptions(profile), asOf: files.asOf });
    expect(run.stats).toEqual(memory.stats);
    expect(run.stats.duplicates).toBeGreaterThan(0);
    expect(statsSchema.parse(JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')))).toEqual(memory.stats);
    const written = readFileSync(join(out, 'results.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RecordResult);
    const withoutRow = (r: RecordResult) => ({ ...r, row: 0 });
    expect(written.map(withoutRow)).toEqual(memory.results.map(withoutRow));
    const worklist = readFileSync(join(out, 'worklist.csv'), 'utf8');
    expect(worklist.startsWith('\uFEFF')).toBe(true);
    expect(worklist.trimEnd().split('\r\n')).toHaveLength(2501);
    // The worklist's duplicate groups are marked line by line (markWorklistLine), not from held results:
    // every cell but the row number equals the in-memory worklist's.
    const cells = (csv: string) => parseCsv(csv.slice(1)).records.map((r) => r.cells.filter((_, i) => i !== 1));
    expect(cells(worklist)).toEqual(cells(worklistCsv(memory.results)));
    expect(worklist).toContain('duplicate-record');

    // Without `results`, as by default: no results.ndjson, the same worklist and statistics.
    const lean = await reconcileFiles({ reference: files.reference, records: files.records, out: join(dir, 'lean'), asOf: files.asOf, meta: { version: 'test', generatedAt: '2026-01-01T00:00:00Z' } });
    expect(lean.paths.results).toBeUndefined();
    expect(existsSync(join(dir, 'lean', 'results.ndjson'))).toBe(false);
    expect(lean.stats).toEqual(run.stats);
    expect(readFileSync(join(dir, 'lean', 'worklist.csv'), 'utf8')).toBe(worklist);
    expect(readdirSync(join(dir, 'lean')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('marks duplicate groups gathered while reading as the in-memory reconcile does: pairs either way round, and larger groups', async () => {
    // Groups are collected as records come in; a pair is ordered with one comparison and larger groups sorted.
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-files-dup-'));
    const reference = join(dir, 'reference.csv');
    const records = join(dir, 'records.csv');
    writeFileSync(
      reference,
      [
        'Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính',
        '001089012345,Nguyễn Văn An,05/07/1989,Nam',
        '079190004567,Trần Thị Bình,12/03/1990,Nữ',
        '036085001234,Lê Văn Cường,01/01/1985,Nam',
      ].join('\n'),
    );
    writeFileSync(
      records,
      [
        'Mã hồ sơ,Số CCCD,Họ và tên,Ngày sinh,Giới tính',
        'HS9,001089012345,Nguyễn Văn Ân,05/07/1989,Nam', // X: mismatched, first in the file
        'HS2,079190004567,Trần Thị Bính,12/03/1990,Nữ', // Y: mismatched, then its matched original
        'HS5,001089012345,Nguyễn Văn An,05/07/1989,Nam', // X: matched
        'HS3,036085001234,Lê Văn Cường,01/01/1985,Nam', // Z: matched, original of an in-order pair
        'HS7,079190004567,Trần Thị Bình,12/03/1990,Nữ', // Y: matched, the original although second
        'HS1,001089012345,Nguyễn Văn An,05/07/1989,Nam', // X: matched, smallest key: the original
        'HS4,036085001234,Lê Văn Cường,01/01/1985,Nam', // Z: matched duplicate
        'HS6,,Phạm Văn Dũng,02/02/1970,Nam', // linked to nobody
      ].join('\n'),
    );
    const run = await reconcileFiles({ reference, records, out: join(dir, 'out'), asOf: '2026-01-01', results: true, meta: { version: 'test', generatedAt: '2026-01-01T00:00:00Z' } });
    const ref = await readReference(reference);
    const read = await readRecords(records, { profile: 'generic' });
    const memory = reconcile(ref.reference, await collect(read.records), { ...profileOptions(read.profile), asOf: '2026-01-01' });
    const written = readFileSync(join(dir, 'out', 'results.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RecordResult);
    const marks = (rs: readonly RecordResult[]) => rs.map((r) => [r.key, r.duplicate, r.duplicateOf ?? []]);
    expect(marks(written)).toEqual([
      ['HS9', true, ['HS1']],
      ['HS2', true, ['HS7']],
      ['HS5', true, ['HS1']],
      ['HS3', false, ['HS4']],
      ['HS7', false, ['HS2']],
      ['HS1', false, ['HS5', 'HS9']],
      ['HS4', true, ['HS3']],
      ['HS6', false, []],
    ]);
    expect(marks(written)).toEqual(marks(memory.results));
    expect(run.stats).toEqual(memory.stats);
    expect(run.stats.duplicates).toBe(4);
  });

  it("stamps the summary and report with the library's version and the run's start when no metadata is given", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-files-meta-'));
    const files = writeSampleFiles(join(dir, 'in'), { records: 300, seed: 2 });
    const before = new Date().toISOString();
    const run = await reconcileFiles({ reference: files.reference, records: files.records, out: join(dir, 'out'), asOf: files.asOf });
    expect(run.summaryMarkdown).toContain(`- doisoat version: ${VERSION}`);
    const generated = /- generated: (\S+)/.exec(run.summaryMarkdown)?.[1] ?? '';
    expect(generated >= before && generated <= new Date().toISOString()).toBe(true);
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toContain(`doisoat ${VERSION}`);
  });

  it('reads a reference with CR-only line endings like one with CRLF (the row estimate counts LF only)', async () => {
    // Regression: the reference tables were sized from a line count of 0 and never grew, losing every column.
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-files-cr-'));
    const files = writeSampleFiles(join(dir, 'in'), { records: 300, seed: 9 });
    const crOnly = join(dir, 'reference-cr.csv');
    writeFileSync(crOnly, readFileSync(files.reference, 'utf8').replace(/\r?\n/g, '\r'));
    const meta = { version: 'test', generatedAt: '2026-01-01T00:00:00Z' };
    const lf = await reconcileFiles({ reference: files.reference, records: files.records, out: join(dir, 'lf'), asOf: files.asOf, meta });
    const cr = await reconcileFiles({ reference: crOnly, records: files.records, out: join(dir, 'cr'), asOf: files.asOf, meta });
    expect(cr.stats).toEqual(lf.stats);
    expect(cr.stats.byStatus.matched).toBeGreaterThan(0);
  }, 60_000);

  it('removes only its own stale optional outputs: never an input, a folder, or the reference cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-stale-'));
    const files = writeSampleFiles(join(dir, 'in'), { records: 300, seed: 3 });
    const meta = { version: 'test', generatedAt: '2026-01-01T00:00:00Z' };
    const out = join(dir, 'out');
    mkdirSync(join(out, 'results.ndjson'), { recursive: true });
    // The reference itself sits in the output folder under the name of an optional output.
    const reference = join(out, 'reference-updates.csv');
    copyFileSync(files.reference, reference);
    writeFileSync(join(out, 'report.html'), 'an earlier report');
    const run = await reconcileFiles({ reference, records: files.records, out, asOf: files.asOf, results: false, report: false, meta });
    expect(run.referenceUpdates).toBe(0);
    expect(existsSync(reference)).toBe(true);
    expect(statSync(join(out, 'results.ndjson')).isDirectory()).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    // Only the report was removed: the folder named results.ndjson and the reference stay, and are not listed.
    expect(run.removed).toEqual(['report.html']);
    // A cache named like an optional output would be removed at the end: refused up front, whatever is written.
    for (const name of ['results.ndjson', 'report.html', 'reference-updates.csv']) {
      await expect(
        reconcileFiles({ reference: files.reference, records: files.records, out: join(dir, 'out2'), results: false, report: false, referenceCache: join(dir, 'out2', name), meta }),
      ).rejects.toMatchObject({ code: 'reference_cache_foreign' });
    }
  }, 60_000);
});
