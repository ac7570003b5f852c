import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TableBuilder, generic, healthInsurance, mapColumns, normaliseHeader, parseColumnOverrides, readRows, NdjsonChunkParser, readJsonText } from '../../src/index.js';

describe('normaliseHeader', () => {
  it('ignores case, diacritics, spaces and punctuation', () => {
    expect(normaliseHeader('Số CCCD/CMND')).toBe('socccdcmnd');
    expect(normaliseHeader('  HỌ VÀ TÊN ')).toBe(normaliseHeader('ho_va_ten'));
    expect(normaliseHeader('Địa chỉ')).toBe('diachi');
  });

  it('is idempotent (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => {
        expect(normaliseHeader(normaliseHeader(s))).toBe(normaliseHeader(s));
      }));
  });
});

describe('mapColumns', () => {
  it('maps Vietnamese headers with and without diacritics, and English ones', () => {
    const m = mapColumns(['Ho va ten', 'SO CCCD', 'Date of birth', 'Mã thẻ BHYT', 'Ghi chú'], healthInsurance);
    expect(m.columns.map((c) => c.field)).toEqual(['fullName', 'citizenId', 'birthDate', 'cardNumber', 'Ghi chú']);
  });

  it('applies --map overrides by header or position', () => {
    const o = parseColumnOverrides(['Số thẻ KCB = cardNumber', '#1=key']);
    const m = mapColumns(['Mã', 'Họ tên', 'Số thẻ KCB'], healthInsurance, o);
    expect(m.columns.map((c) => [c.field, c.via])).toEqual([['key', 'override'], ['fullName', 'alias'], ['cardNumber', 'override']]);
  });

  it('names an override that matches no column', () => {
    const m = mapColumns(['Họ tên'], generic, { 'Số thẻ': 'cardNumber' });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.error.code).toBe('unknown_override');
  });

  it('lists found headers and accepted aliases for missing required columns, hiding data-like cells', () => {
    const m = mapColumns(['STT', 'Ghi chú', '001089012345'], generic);
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.error.found).toEqual(['STT', 'Ghi chú', '(data?)']);
    expect(m.error.message).toContain('"Họ và tên"');
    expect(m.error.message).not.toContain('001089012345');
  });
});

describe('TableBuilder and readRows', () => {
  it('reads in-memory arrays with a title row like files', () => {
    const { rows, report } = readRows([['DANH SÁCH THẺ BHYT'], [], ['Họ và tên', 'Số CCCD'], ['Nguyễn Văn An', '001089012345']], { profile: generic });
    expect(report.headerRow).toBe(3);
    expect(rows).toEqual([{ line: 4, values: { fullName: 'Nguyễn Văn An', citizenId: '001089012345' } }]);
  });

  it('converts a TCVN3 column and leaves Unicode columns alone', () => {
    const { rows, report } = readRows(
      [
        { 'Họ và tên': 'NguyÔn V¨n An', 'Ghi chú': 'Hoà' },
        { 'Họ và tên': 'TrÇn ThÞ B×nh', 'Ghi chú': 'Hoà' },
        { 'Họ và tên': 'Lª Hoa', 'Ghi chú': 'Hoà' },
      ],
      { profile: generic },
    );
    expect(rows.map((r) => r.values['fullName'])).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoa']);
    expect(rows.map((r) => r.values['Ghi chú'])).toEqual(['Hoà', 'Hoà', 'Hoà']);
    expect(report.legacyFonts).toEqual([{ field: 'fullName', font: 'tcvn3', converted: 3 }]);
  });

  it('keeps non-object JSON entries as empty broken rows', () => {
    const t = new TableBuilder({ profile: generic }, { format: 'json' });
    const rows = readJsonText('[{"Họ và tên":"Nguyễn Văn An"}, 42]', t);
    expect(rows).toHaveLength(2);
    expect(t.report.broken[0]).toMatchObject({ line: 2, code: 'not_an_object' });
  });

  it('reads NDJSON across chunk boundaries', () => {
    const t = new TableBuilder({ profile: generic }, { format: 'ndjson' });
    const p = new NdjsonChunkParser(t);
    const rows = [...p.write('{"Họ tên":"Nguyễn'), ...p.write(' Văn An"}\n{"Họ tên":"Lê Hoa"}'), ...p.end()];
    expect(rows.map((r) => r.values['fullName'])).toEqual(['Nguyễn Văn An', 'Lê Hoa']);
  });

  it('reads NDJSON the same however its text is cut into chunks (property)', () => {
    const line = fc.oneof(
      fc.dictionary(fc.constantFrom('Họ và tên', 'Số CCCD', 'x'), fc.string({ maxLength: 8 })).map((o) => JSON.stringify(o)),
      fc.constantFrom('', '  ', '{bad', '42', '{"Họ và tên":"a\\nb"}'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), (lines, crlf, cuts) => {
        const text = lines.join(crlf ? '\r\n' : '\n');
        const read = (pieces: string[]): unknown => {
          const t = new TableBuilder({ profile: generic }, { format: 'ndjson' });
          const p = new NdjsonChunkParser(t);
          const rows = [...pieces.flatMap((x) => p.write(x)), ...p.end()];
          return { rows, report: t.report };
        };
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((from, k) => text.slice(from, [...at, text.length][k]));
        expect(read(pieces)).toEqual(read([text]));
      }),
    );
  });

  it('stops at an NDJSON line longer than the longest it may hold, naming that line, however the text comes', () => {
    const tooLong = (line: number): Error => new Error(`line ${line} too long`);
    for (const pieces of [['{"a":1}\n{"a":2}\n{"a":"', 'xxxxxxxxxxxxxxxxxxxxxxxx'], ['{"a":1}\n{"a":2}\n{"a":"' + 'x'.repeat(30) + '"}\n']]) {
      const p = new NdjsonChunkParser(new TableBuilder({ profile: generic }, { format: 'ndjson' }), { maxLineChars: 20, tooLong });
      expect(() => pieces.forEach((x) => p.write(x))).toThrow('line 3 too long');
    }
    // Lines up to the limit are read, whichever chunk they end in.
    const p = new NdjsonChunkParser(new TableBuilder({ profile: generic }, { format: 'ndjson' }), { maxLineChars: 20, tooLong });
    expect([...p.write('{"Họ và tên":"'), ...p.write('An"}\n{"Họ và tên":"Bình"}'), ...p.end()].map((r) => r.values['fullName'])).toEqual(['An', 'Bình']);
  });

  it('loses no data row, whatever the rows (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 4 }), { maxLength: 20 }), (data) => {
        const { rows, report } = readRows([['Họ và tên', 'Số CCCD'], ...data], { profile: generic });
        const nonBlank = data.filter((r) => r.some((c) => c.trim() !== '')).length;
        expect(report.error).toBeUndefined();
        expect(rows).toHaveLength(nonBlank);
      }),
    );
  });
});
