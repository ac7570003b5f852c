import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvChunkParser, detectDelimiter, parseCsv, type CsvRecord } from '../../src/index.js';

describe('detectDelimiter', () => {
  it('picks the delimiter that splits most lines evenly, ignoring title rows and quoted commas', () => {
    expect(detectDelimiter('DANH SÁCH, THÁNG 6\nHọ và tên;Ngày sinh;Địa chỉ\nNguyễn Văn An;05/07/1989;"Thôn Đông, xã Phú Xuân"\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('CsvChunkParser', () => {
  it('keeps quoted newlines, escaped quotes and reports lines where records start', () => {
    const { records } = parseCsv('Họ và tên,Địa chỉ\r\n"Nguyễn Văn An","Thôn Đông\r\nxã Phú Xuân"\r\n"Trần Thị ""Hoà""",x\r\n');
    expect(records.map((r) => [r.line, r.cells])).toEqual([
      [1, ['Họ và tên', 'Địa chỉ']],
      [2, ['Nguyễn Văn An', 'Thôn Đông\r\nxã Phú Xuân']],
      [4, ['Trần Thị "Hoà"', 'x']],
    ]);
  });

  it('treats a quote inside an unquoted field as text', () => {
    expect(parseCsv('a,Nguyễn "Tư" An,c\n').records[0]?.cells).toEqual(['a', 'Nguyễn "Tư" An', 'c']);
  });

  it('recovers from an unclosed quote without losing the following lines', () => {
    const { records } = parseCsv('h1,h2\n"open,x\n3,4\n5,6\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(records[1]?.error?.code).toBe('unclosed_quote');
    expect(records[3]?.cells).toEqual(['5', '6']);
  });

  it('gives the same records whatever the chunking (property)', () => {
    const cell = fc.oneof(fc.constantFrom('Nguyễn Văn An', '', 'a,b', 'x"y', 'dòng 1\ndòng 2', '\r\n', 'Đức'), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(40), { maxLength: 6 }), (rows, cuts) => {
        const text = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
        const whole = parseCsv(text, { delimiter: ',' }).records;
        expect(chunked(text, cuts)).toEqual(whole);
        expect(whole.map((r) => r.cells)).toEqual(rows);
      }),
    );
  });

  it('reads unquoted lines ended by LF, CRLF or a lone CR as records, whatever the chunking (property)', () => {
    const cell = fc.constantFrom('Nguyễn Văn An', '', 'a', 'x y', 'Đức', '0123');
    const ending = fc.constantFrom('\n', '\r\n', '\r');
    const line = fc.tuple(fc.array(cell, { minLength: 2, maxLength: 4 }), ending);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), fc.boolean(), fc.array(fc.nat(120), { maxLength: 8 }), (lines, lastEnded, cuts) => {
        const text = lines.map(([cells, end], k) => cells.join(',') + (k < lines.length - 1 || lastEnded ? end : '')).join('');
        const expected = lines.map(([cells], k) => ({ line: k + 1, cells }));
        expect(parseCsv(text, { delimiter: ',' }).records).toEqual(expected);
        expect(chunked(text, cuts)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('reads multi-line registers with quoted cells here and there as papaparse does, whatever the chunking (property)', () => {
    // Well-formed CSV (a cell with a comma, quote or line break is quoted), one line ending per file, so
    // papaparse is an independent reading of the same text; empty lines are left out (papaparse keeps them).
    const cell = fc.oneof(fc.constantFrom('Nguyễn Văn An', '', 'Đức', '0123', 'a,b', 'x"y', 'Thôn Đông\nxã Phú Xuân', 'dòng\r\nhai'), fc.string({ maxLength: 4 }));
    const written = fc.tuple(cell, fc.nat(9)).map(([c, q]) => (q === 0 || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c));
    fc.assert(
      fc.property(fc.array(fc.array(written, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 10 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(200), { maxLength: 8 }), (rows, ending, cuts) => {
        const text = rows.map((r) => r.join(',')).join(ending) + ending;
        const expected = Papa.parse<string[]>(text, { delimiter: ',', quoteChar: '"', newline: ending, skipEmptyLines: false }).data.slice(0, rows.length);
        expect(chunked(text, cuts).map((r) => r.cells)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same records through the line shortcut as character by character, quotes anywhere (property)', () => {
    const cell = fc.oneof(fc.constantFrom('Nguyễn', '', 'a b', '"q"', '"x\ny"', '"a,b"', 'x"y', '"'), fc.string({ maxLength: 3 }));
    const ending = fc.constantFrom('\n', '\r\n', '\r');
    const line = fc.tuple(fc.array(cell, { minLength: 1, maxLength: 4 }), ending);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(80), { maxLength: 6 }), (lines, cuts) => {
        const text = lines.map(([cells, end]) => cells.join(',') + end).join('');
        const byCharacter = chunked(text, Array.from({ length: text.length }, (_, k) => k));
        expect(chunked(text, cuts)).toEqual(byCharacter);
        expect(parseCsv(text, { delimiter: ',' }).records).toEqual(byCharacter);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text (totality)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const { records } = parseCsv(s);
        expect(Array.isArray(records)).toBe(true);
      }),
    );
  });
});

describe('CsvChunkParser work is linear in the input', () => {
  const feed = (text: string, size: number) => {
    const p = new CsvChunkParser({ delimiter: ',' });
    const records: CsvRecord[] = [];
    // One by one, not push(...): the last call can return hundreds of thousands of records.
    const add = (rs: CsvRecord[]) => {
      for (const r of rs) records.push(r);
    };
    for (let i = 0; i < text.length; i += size) add(p.write(text.slice(i, i + size)));
    add(p.end());
    return { records, work: p.workDone };
  };
  const row = 'Nguyễn Văn An,05/07/1989,Thôn Đông xã Phú Xuân\n';
  const inputs = {
    // One record spanning every chunk (used to be rescanned and re-concatenated on each chunk).
    'a 1 MB quoted field': `key,note\n1,"${'Trần Thị Hoà ""Đức""\n'.repeat(50_000)}"\n2,x\n`,
    // The input ends inside a quote opened near the top: everything after it is re-read line by line.
    'an unclosed quote near the top of 2 MB': `a,b,c\n"open,x\n${row.repeat(40_000)}`,
    // Every line is unclosed when re-read from its start, so a re-read from each line would be quadratic.
    'lines that each reopen the quote': 'x","\n'.repeat(100_000),
  };

  it.each(Object.entries(inputs))('%s: same records for chunks of 1, 7 and 65,536, at most 4 units of work per character', (_, text) => {
    const whole = feed(text, text.length);
    for (const size of [1, 7, 65_536]) {
      const got = feed(text, size);
      expect(got.records).toEqual(whole.records);
      expect(got.work).toBeLessThanOrEqual(4 * text.length);
    }
    expect(whole.work).toBeLessThanOrEqual(4 * text.length);
  });

  it('reads an unclosed quote as one line and every later line as its own record', () => {
    const { records } = feed(inputs['lines that each reopen the quote'], 7);
    expect(records).toHaveLength(100_000);
    expect(records.every((r, i) => r.line === i + 1 && r.error?.code === 'unclosed_quote')).toBe(true);
    const top = feed(inputs['an unclosed quote near the top of 2 MB'], 65_536).records;
    expect(top).toHaveLength(40_002);
    expect(top[1]?.error?.code).toBe('unclosed_quote');
    expect(top[40_001]).toEqual({ line: 40_002, cells: ['Nguyễn Văn An', '05/07/1989', 'Thôn Đông xã Phú Xuân'] });
  });

  it('work per character does not grow with the input (doubling the input doubles the work)', () => {
    const work = (n: number) => feed('x","\n'.repeat(n), 7).work;
    expect(work(40_000) / work(20_000)).toBeCloseTo(2, 1);
  });
});

describe('CsvChunkParser field splitting', () => {
  it('splits single-line records like papaparse, quoted or not (property)', () => {
    const cell = fc.oneof(fc.constantFrom('Nguyễn Văn An', '', ' ', 'a,b', 'x"y', '""', 'Thôn Đông\r\nxã Phú Xuân'), fc.string({ maxLength: 6 }));
    const written = fc.tuple(cell, fc.boolean()).map(([c, q]) => (q || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c));
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 5 }), (cells) => {
        const line = cells.join(',');
        fc.pre(line !== '');
        const expected = Papa.parse<string[]>(line, { delimiter: ',', quoteChar: '"', newline: '\n' }).data[0];
        expect(parseCsv(`${line}\n`, { delimiter: ',' }).records[0]?.cells).toEqual(expected);
      }),
    );
  });

  it('leaves a malformed quoted field to papaparse and reports it', () => {
    const r = parseCsv('"ab"c,d\n', { delimiter: ',' }).records[0];
    expect(r?.error?.code).toBe('invalid_quotes');
  });
});

/** Records of `text` written to one parser in pieces cut at `cuts`. */
function chunked(text: string, cuts: readonly number[]): ReturnType<CsvChunkParser['write']> {
  const p = new CsvChunkParser({ delimiter: ',' });
  const got = [];
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const end = Math.min(text.length, c);
    if (end > at) {
      got.push(...p.write(text.slice(at, end)));
      at = end;
    }
  }
  got.push(...p.write(text.slice(at)), ...p.end());
  return got;
}
