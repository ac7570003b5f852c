import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvChunkParser, detectDelimiter, parseCsv } from '../../src/index.js';

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
        expect(got).toEqual(whole);
        expect(whole.map((r) => r.cells)).toEqual(rows);
      }),
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
