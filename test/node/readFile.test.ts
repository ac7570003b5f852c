import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect, readRecords, readTable, ReadError } from '../../src/node.js';
import { WINDOWS_1258 } from './userStoryHelpers.js';
import { MAX_RECORD_CHARS, openTable, parseRecordChunk, type RecordChunk } from '../../src/node/readFile.js';
import { mergeReadReports, type ReadReport, type TableRow } from '../../src/read/table.js';
import { countLineBreaks } from '../../src/read/csvCut.js';
import { getProfile } from '../../src/profiles/index.js';

const F = 'test/fixtures/read';
const NAMES = ['Nguyễn Văn An', 'Trần Thị Hoà', 'Lê Văn Bình', 'Phạm Minh Đức', 'Hoàng Thị Thu Hà'];

async function names(file: string, options: Record<string, unknown> = {}): Promise<{ names: unknown[]; report: Awaited<ReturnType<typeof readTable>>['report'] }> {
  const t = await readTable(`${F}/${file}`, { profile: 'generic', ...options });
  const rows = await collect(t.rows);
  return { names: rows.map((r) => r.values['fullName']), report: t.report };
}

describe('readTable on every encoding', () => {
  it('stops at a record past the longest one read (a quote never closed), naming its line, not at the string limit', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'doisoat-open-quote-')), 'open.csv');
    writeFileSync(path, `Số CCCD,Họ và tên\n001089012345,An\n"001089012346,Bình\n${'a,b\n'.repeat(MAX_RECORD_CHARS / 4 + 1000)}`);
    const error = await readTable(path, { profile: 'generic' }).then((t) => collect(t.rows)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect((error as ReadError).code).toBe('record_too_long');
    expect((error as ReadError).message).toMatch(/^open\.csv, line 3: a record runs on for more than/);
  }, 60_000);

  it('stops at an NDJSON line past the longest record read, naming its line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'doisoat-long-line-')), 'one-line.ndjson');
    writeFileSync(path, `{"Số CCCD":"001089012345"}\n{"Họ và tên":"${'a'.repeat(MAX_RECORD_CHARS + 10)}"}\n`);
    const error = await readTable(path, { profile: 'generic' }).then((t) => collect(t.rows)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect((error as ReadError).code).toBe('record_too_long');
    expect((error as ReadError).message).toMatch(/^one-line\.ndjson, line 2: a line runs on for more than/);
  }, 60_000);

  it.each([
    ['utf8.csv', 'utf-8', ','],
    ['utf8_bom.csv', 'utf-8', ','],
    ['utf16le.csv', 'utf-16le', ','],
    ['utf16be.csv', 'utf-16be', ','],
    ['cp1258_semicolon.csv', 'windows-1258', ';'],
    ['tab.csv', 'utf-8', '\t'],
  ])('reads %s with Vietnamese names intact', async (file, encoding, delimiter) => {
    const { names: got, report } = await names(file);
    expect(got).toEqual(NAMES);
    expect(report.encoding).toBe(encoding);
    expect(report.delimiter).toBe(delimiter);
    expect(report.columns.find((c) => c.header === 'Số CCCD')?.field).toBe('citizenId');
  });

  it('detects UTF-8 when the first 64 KiB read ends inside a character', async () => {
    // Found splitting a reference file: the first chunk was judged alone, its cut character taken for a
    // UTF-8 error, and the whole file decoded as Windows-1258.
    const header = 'Họ và tên,Số CCCD\n';
    const row = 'Nguyễn Văn An,001089012345\n';
    let text = header;
    while (Buffer.byteLength(text) < 65_536 - 40) text += row;
    // Pad with ASCII so that the first chunk's last byte is the first of "ễ" (3 bytes in UTF-8).
    text += `${'x'.repeat(65_535 - Buffer.byteLength(text) - 'Nguy'.length)}Nguyễn Văn An,001089012346\n`;
    text += row.repeat(100);
    expect(Buffer.from(text)[65_535]).toBe(0xe1);
    const path = join(mkdtempSync(join(tmpdir(), 'doisoat-cut-')), 'cut.csv');
    writeFileSync(path, text);
    const t = await readTable(path, { profile: 'generic' });
    const rows = await collect(t.rows);
    expect(t.report.encoding).toBe('utf-8');
    expect(rows.at(-1)?.values['fullName']).toBe('Nguyễn Văn An');
    expect(t.report.legacyFonts).toEqual([]);
  });

  it('does not take an ASCII start with a Windows-1258 byte at the 64 KiB mark for UTF-8', async () => {
    let text = 'Ho va ten,So CCCD\n';
    while (text.length < 65_536 - 40) text += 'Nguyen Van An,001089012345\n';
    // "Ăn" puts Windows-1258 byte C3 exactly at offset 65,535, the last byte of the first chunk.
    text += `${'x'.repeat(65_535 - text.length)}Ăn,001089012346\n`;
    text += 'Trần Thị Bình,079190004567\n'.repeat(50);
    const bytes = WINDOWS_1258.encode(text);
    expect(bytes[65_535]).toBe(0xc3);
    const path = join(mkdtempSync(join(tmpdir(), 'doisoat-cut-1258-')), 'cut.csv');
    writeFileSync(path, bytes);
    const t = await readTable(path, { profile: 'generic' });
    const rows = await collect(t.rows);
    // The sample holds no tone byte to tell 1258 from 1252; what matters is that no line is lost to U+FFFD.
    expect(t.report.encoding).not.toBe('utf-8');
    expect(rows).toHaveLength(text.split('\n').length - 2);
    expect(t.report.broken).toEqual([]);
  });

  it('reports lines holding bytes the detected encoding cannot decode, and keeps them', async () => {
    // Registers concatenated from exports in two encodings: 64 KiB of UTF-8 first, so UTF-8 is detected,
    // then lines in Windows-1258 whose bytes are not valid UTF-8.
    let utf8 = 'Họ và tên,Số CCCD\n';
    let n = 0;
    while (Buffer.byteLength(utf8) < 70_000) utf8 += `Nguyễn Văn An,0010890${String(n++).padStart(5, '0')}\n`;
    const legacy = WINDOWS_1258.encode('Trần Thị Bình,079190004567\nLê Văn Cường,079190004568\n');
    const path = join(mkdtempSync(join(tmpdir(), 'doisoat-mixed-')), 'mixed.csv');
    writeFileSync(path, Buffer.concat([Buffer.from(utf8), legacy, Buffer.from('Phạm Minh Đức,079190004569\n')]));
    const t = await readTable(path, { profile: 'generic' });
    const rows = await collect(t.rows);
    expect(t.report.encoding).toBe('utf-8');
    expect(rows).toHaveLength(n + 3);
    const last = n + 2; // line numbers: header on line 1
    expect(t.report.broken.map((b) => [b.line, b.code])).toEqual([
      [last, 'undecodable_text'],
      [last + 1, 'undecodable_text'],
    ]);
    expect(rows.at(-3)?.broken?.code).toBe('undecodable_text');
    expect(rows.at(-1)?.broken).toBeUndefined();
    expect(rows.at(-1)?.values['fullName']).toBe('Phạm Minh Đức');
    // The message names the problem, never the content.
    expect(t.report.broken[0]?.message).not.toContain('Tr');
  });

  it('honours an explicit encoding override', async () => {
    const { names: got, report } = await names('cp1258_semicolon.csv', { encoding: 'windows-1258' });
    expect(got).toEqual(NAMES);
    expect(report.encodingConfidence).toBe('certain');
  });

  it('recovers UTF-8 forced through the wrong encoding (mojibake) and says so', async () => {
    const { names: got, report } = await names('utf8.csv', { encoding: 'windows-1252' });
    expect(got).toEqual(NAMES);
    expect(report.legacyFonts.find((f) => f.field === 'fullName')?.font).toBe('utf8-mojibake');
  });

  it('without repair, a wrong encoding still loses no row', async () => {
    const { names: got } = await names('utf8.csv', { encoding: 'windows-1252', fixLegacyFonts: false });
    expect(got).toHaveLength(5);
    expect(got[0]).not.toBe('Nguyễn Văn An');
  });

  it.each([
    ['tcvn3_in_utf8.csv', 'tcvn3'],
    ['vni_in_utf8.csv', 'vni'],
  ])('converts %s legacy-font columns to Unicode and reports them', async (file, font) => {
    const { names: got, report } = await names(file);
    expect(got).toEqual(NAMES);
    expect(report.legacyFonts.find((f) => f.field === 'fullName')).toMatchObject({ font });
  });
});

describe('readTable on awkward layouts', () => {
  it('finds the header below title rows', async () => {
    const { names: got, report } = await names('title_rows.csv');
    expect(got).toEqual(NAMES);
    expect(report.headerRow).toBe(4);
    expect(report.titleRows).toBe(2);
  });

  it('keeps newlines inside quoted fields and counts lines physically', async () => {
    const t = await readTable(`${F}/quoted_newlines.csv`, { profile: 'generic' });
    const rows = await collect(t.rows);
    expect(rows.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(rows[0]?.values['address']).toBe('Thôn Đông\nxã Phú Xuân\nhuyện Gia Lâm');
    expect(rows[1]?.values['fullName']).toBe('Trần Thị "Hoà"');
  });

  it('reports ragged and broken lines with their numbers and loses no row', async () => {
    const t = await readTable(`${F}/ragged.csv`, { profile: 'generic' });
    const rows = await collect(t.rows);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 7, 8]);
    expect(t.report.broken.map((b) => [b.line, b.code])).toEqual([
      [2, 'ragged_row'], // the unquoted address holds a comma
      [3, 'ragged_row'],
      [4, 'ragged_row'],
      [7, 'unclosed_quote'],
    ]);
    expect(rows[2]?.values['column 9']).toBe('cells');
    expect(rows[5]?.values['fullName']).toBe('Vũ Văn Sáu');
    expect(t.report.blankLines).toBe(1);
    for (const b of t.report.broken) expect(b.message).not.toMatch(/Hoàng|001301000777/);
  });

  it('keeps duplicate headers: the first maps, the second is kept as extra and flagged', async () => {
    const t = await readTable(`${F}/duplicate_headers.csv`, { profile: 'generic' });
    const rows = await collect(t.rows);
    expect(t.report.columns.map((c) => [c.field, c.via])).toEqual([
      ['fullName', 'alias'],
      ['citizenId', 'alias'],
      ['Họ tên', 'duplicate'],
      ['Ghi chú', 'extra'],
      ['Ghi chú (2)', 'extra'],
    ]);
    expect(rows[0]?.values).toMatchObject({ fullName: 'Nguyễn Văn An', 'Ghi chú': 'a', 'Ghi chú (2)': 'b' });
  });

  it('rejects a file without a header with a clear error that does not echo personal data', async () => {
    const err = await readTable(`${F}/no_header.csv`, { profile: 'generic' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadError);
    const e = err as ReadError;
    expect(e.code).toBe('no_header');
    expect(e.message).toContain('Họ và tên');
    expect(e.message).not.toContain('001089012345');
    expect(e.message).not.toContain('Nguyễn Văn An');
  });

  it('reads a headerless file when columns are mapped by position', async () => {
    const t = await readTable(`${F}/no_header.csv`, { profile: 'generic', map: { '#2': 'fullName', '#3': 'citizenId' } });
    // With overrides the first row is taken as the header: the officer names it with headerRow when there is none.
    expect(t.report.headerRow).toBe(1);
    expect((await collect(t.rows)).length).toBe(4);
  });

  it('reads a 100,000-character field without losing the row', async () => {
    const t = await readTable(`${F}/long_field.csv`, { profile: 'generic' });
    const rows = await collect(t.rows);
    expect(rows).toHaveLength(2);
    expect(String(rows[0]?.values['address']).length).toBe(100_000);
  });

  it('lists found headers and accepted aliases when required columns are missing', async () => {
    const err = (await readTable(`${F}/utf8.csv`, { profile: 'generic', map: { 'Họ và tên': '-', 'Số CCCD': '-' } }).catch((e: unknown) => e)) as ReadError;
    expect(err.code).toBe('missing_columns');
    expect(err.message).toContain('Columns found: STT, Họ và tên, Số CCCD');
    expect(err.message).toContain('"Số CCCD"');
    expect(err.mapping?.missing[0]?.fields).toEqual(['citizenId', 'fullName']);
  });
});

describe('readTable on JSON and Excel', () => {
  it('reads NDJSON, keeping a broken line as an empty row', async () => {
    const t = await readTable(`${F}/records.ndjson`, { profile: 'generic' });
    const rows = await collect(t.rows);
    expect(rows.map((r) => r.values['fullName'])).toEqual([...NAMES, undefined]);
    expect(t.report.broken).toEqual([{ line: 6, code: 'invalid_json', message: expect.any(String) }]);
  });

  it('reads a JSON array', async () => {
    const { names: got } = await names('records.json');
    expect(got).toEqual(NAMES);
  });

  it('reads the named sheet of an .xlsx, below a title row, with dates as dates', async () => {
    const t = await readTable(`${F}/bhyt_title.xlsx`, { profile: 'healthInsurance', sheet: 'BHYT' });
    const rows = await collect(t.rows);
    expect(t.report.sheet).toBe('BHYT');
    expect(t.report.headerRow).toBe(3);
    expect(rows.map((r) => r.line)).toEqual([4, 5, 6, 7]);
    expect(rows[0]?.values).toMatchObject({ fullName: 'Nguyễn Văn An', cardNumber: 'HS4010120878811', citizenId: 1089012345 });
    expect(rows[0]?.values['birthDate']).toEqual(new Date(Date.UTC(1989, 6, 5)));
    expect(rows[2]?.values['fullName']).toBe('Lê Văn Bình & <con>');
    expect(rows[3]?.values).toMatchObject({ fullName: 'Phạm Minh Đức', citizenId: '087084000999', gender: true });
  });

  it('reads the first sheet by default and names the sheets when one is missing', async () => {
    await expect(readTable(`${F}/bhyt_title.xlsx`, { profile: 'healthInsurance' })).rejects.toThrow(/No header row/);
    await expect(readTable(`${F}/bhyt_title.xlsx`, { profile: 'healthInsurance', sheet: 'Nope' })).rejects.toThrow(/Ghi chú, BHYT/);
  });

  it('gives the same rows in batches as one by one, in every format', async () => {
    const cases: [string, string, string?][] = [
      ['utf8.csv', 'generic'],
      ['records.ndjson', 'generic'],
      ['records.json', 'generic'],
      ['bhyt_title.xlsx', 'healthInsurance', 'BHYT'],
    ];
    for (const [file, profile, sheet] of cases) {
      const options = { profile, ...(sheet === undefined ? {} : { sheet }) };
      const one = await collect((await openTable(`${F}/${file}`, options)).rows);
      const batched: TableRow[] = [];
      for await (const batch of (await openTable(`${F}/${file}`, options)).batches()) batched.push(...batch);
      expect(batched, file).toEqual(one);
      expect(one.length, file).toBeGreaterThan(0);
    }
  });

  it('readRecords expands marriage rows into two people', async () => {
    const { records } = await readRecords(`${F}/utf8.csv`, { profile: 'civilStatus' });
    expect((await collect(records)).length).toBe(5);
  });
});

describe('a CSV register read in pieces for worker threads (openTable(…).parts)', () => {
  // What the parallel reconciliation does: the calling thread parses until the header and fonts are settled,
  // then hands out raw pieces cut at record ends, each parsed on its own (here on this thread).
  async function viaPieces(path: string): Promise<{ rows: TableRow[]; report: ReadReport; chunks: RecordChunk[] }> {
    const t = await openTable(path, { profile: 'generic' });
    const rows: TableRow[] = [];
    const chunks: RecordChunk[] = [];
    for await (const part of t.parts!()) {
      if (Array.isArray(part)) rows.push(...part);
      else {
        chunks.push(part);
        const parsed = parseRecordChunk(part, part.format, getProfile('generic')!);
        rows.push(...parsed.rows);
        mergeReadReports(t.report, parsed.report, 0);
      }
    }
    return { rows, report: t.report, chunks };
  }

  async function whole(path: string): Promise<{ rows: TableRow[]; report: ReadReport }> {
    const t = await readTable(path, { profile: 'generic' });
    return { rows: await collect(t.rows), report: t.report };
  }

  function register(lines: number, eol: string, edit?: (cells: string[], i: number) => void): string {
    const out = ['Họ và tên,Số CCCD,Ngày sinh,Địa chỉ'];
    for (let i = 0; i < lines; i++) {
      const cells = [NAMES[i % NAMES.length]!, String(1_089_000_000 + i).padStart(12, '0'), '05/07/1989', i % 5 === 0 ? `"Thôn ${i}, xã Phù Xuân${eol}tổ ""${i % 9}"""` : `Thôn ${i}`];
      edit?.(cells, i);
      out.push(cells.join(','));
      if (i % 97 === 0) out.push('');
    }
    return out.join(eol) + eol;
  }

  const dir = mkdtempSync(join(tmpdir(), 'doisoat-pieces-'));
  const write = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it.each([
    ['UTF-8 with CRLF', () => write('crlf.csv', register(12_000, '\r\n', (c, i) => i === 3000 && c.push('extra')))],
    ['Windows-1258', () => write('cp1258.csv', WINDOWS_1258.encode(register(12_000, '\r\n')))],
    [
      'LF, with a quote left open halfway (the rest one field: one piece, grown by doubling)',
      () =>
        write(
          'open.csv',
          register(12_000, '\n', (c, i) => {
            if (i >= 6000) c[3] = `Thôn ${i}`;
            if (i === 6000) c[0] = `"${c[0]}`;
          }),
        ),
    ],
  ])('%s: the same rows, line numbers and report as one reader, in several pieces', async (_, make) => {
    const path = make();
    const one = await whole(path);
    const pieces = await viaPieces(path);
    expect(pieces.chunks.length).toBeGreaterThanOrEqual(2);
    // Each piece starts on the line after the last one's.
    pieces.chunks.slice(1).forEach((c, k) => expect(c.firstLine).toBe(pieces.chunks[k]!.firstLine + countLineBreaks(pieces.chunks[k]!.bytes)));
    expect(pieces.rows).toEqual(one.rows);
    expect(pieces.report).toEqual(one.report);
    expect(one.report.rows).toBeGreaterThan(6000);
    // Past the open quote the rest of the file (~320 KB, more than one piece's 192 KiB) is the last piece.
    if (path.endsWith('open.csv')) expect(pieces.chunks.at(-1)!.bytes.length).toBeGreaterThan(196_608);
  });

  it('keeps a file with CR-only line ends (no line feed to cut at) to rows, read alike', async () => {
    const path = write('cr.csv', register(3000, '\r'));
    const pieces = await viaPieces(path);
    expect(pieces.chunks).toHaveLength(0);
    const one = await whole(path);
    expect(pieces.rows).toEqual(one.rows);
    expect(pieces.report).toEqual(one.report);
  });
});
