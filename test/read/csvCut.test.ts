// Cutting CSV bytes at record ends (src/read/csvCut.ts): each piece must parse on its own exactly as it
// parses inside the whole file, line numbers included, whatever the quoting, line endings or damage.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvChunkParser, parseCsv, type CsvDelimiter, type CsvRecord } from '../../src/read/csv.js';
import { countLineBreaks, lastRecordEnd } from '../../src/read/csvCut.js';

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Cuts as the file reader does: pieces of at least `size` bytes, each ending at the last record end it holds. */
function pieces(bytes: Uint8Array, size: number, delimiter: CsvDelimiter): { bytes: Uint8Array; firstLine: number }[] {
  const out: { bytes: Uint8Array; firstLine: number }[] = [];
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let cut = -1;
    for (let end = Math.min(bytes.length, start + size); cut < 0; end = Math.min(bytes.length, end + size)) {
      const found = lastRecordEnd(bytes.subarray(start, end), delimiter);
      if (found > 0) cut = start + found;
      else if (end === bytes.length) cut = bytes.length;
    }
    const piece = bytes.subarray(start, cut);
    out.push({ bytes: piece, firstLine: line });
    line += countLineBreaks(piece);
    start = cut;
  }
  return out;
}

function parsePieces(text: string, size: number, delimiter: CsvDelimiter): CsvRecord[] {
  return pieces(encode(text), size, delimiter).flatMap(({ bytes, firstLine }) => {
    const p = new CsvChunkParser({ delimiter, firstLine });
    return [...p.write(decode(bytes)), ...p.end()];
  });
}

describe('lastRecordEnd', () => {
  it('cuts after the last line feed outside quotes', () => {
    expect(lastRecordEnd(encode('a,"x\ny"\nb,c\nd'), ',')).toBe(12);
    expect(lastRecordEnd(encode('a,b\r\nc,d\r\n'), ',')).toBe(10);
  });

  it('falls back to an earlier record end when the last line feed is inside a quoted field', () => {
    expect(lastRecordEnd(encode('a,b\nc,"x\ny'), ',')).toBe(4);
    expect(lastRecordEnd(encode('a\n"b"\nc,"x\ny\nz'), ',')).toBe(6);
    expect(lastRecordEnd(encode('"a\nb"x\n"c\n'), ',')).toBe(7);
  });

  it('finds none when no line feed is outside quotes', () => {
    expect(lastRecordEnd(encode('a,b'), ',')).toBe(-1);
    expect(lastRecordEnd(encode('"a\n'), ',')).toBe(-1);
    expect(lastRecordEnd(encode('x,"a\nb\nc'), ',')).toBe(-1);
    expect(lastRecordEnd(encode('a\nb'), ',', 0)).toBe(-1);
  });

  it('reads quotes as the parser does: opening only at a field start, doubled inside, literal elsewhere', () => {
    // A quote inside an unquoted field is a character: the line feed after it ends the record.
    expect(lastRecordEnd(encode('ab"c,d\ne'), ',')).toBe(7);
    // An escaped quote does not close the field.
    expect(lastRecordEnd(encode('"a""\nb"\nc'), ',')).toBe(8);
    // A quote after the closing one is a character; after a semicolon delimiter it opens a field.
    expect(lastRecordEnd(encode('"a"b"\nc'), ',')).toBe(6);
    expect(lastRecordEnd(encode('x;"a\nb";c\nd'), ';')).toBe(10);
    expect(lastRecordEnd(encode('x,"a\nb";c\nd'), ';')).toBe(10);
    expect(lastRecordEnd(encode('x\r"a\nb"\nd'), ',')).toBe(8);
  });

  it('cuts after a lone CR as after a line feed, once the byte after it shows it is not a CRLF', () => {
    expect(lastRecordEnd(encode('a\rb\rc'), ',')).toBe(4);
    // The last CR may be the first half of a CRLF whose LF has not come yet.
    expect(lastRecordEnd(encode('a\rb\r'), ',')).toBe(2);
    expect(lastRecordEnd(encode('a\r'), ',')).toBe(-1);
    expect(lastRecordEnd(encode('a\r\nb\rc'), ',')).toBe(5);
    // Inside quotes a CR is text; the stretch before the quote still ends at its lone CR.
    expect(lastRecordEnd(encode('a\rb,"x\ry'), ',')).toBe(2);
  });

  it('looks only before `end`', () => {
    expect(lastRecordEnd(encode('a\nb\nc'), ',', 3)).toBe(2);
  });
});

describe('countLineBreaks', () => {
  it('counts LF, CRLF and a lone CR once each', () => {
    expect(countLineBreaks(encode('a\r\nb\rc\n'))).toBe(3);
    expect(countLineBreaks(encode('a\n\n"x\r\ny"\n'))).toBe(4);
    expect(countLineBreaks(encode('abc'))).toBe(0);
  });
});

describe('pieces cut at record ends', () => {
  it('parse as the whole file does: quoted line breaks, escaped and stray quotes, CRLF, an unclosed quote', () => {
    const text = [
      'key,name,note',
      '1,"Nguyễn, Văn An","line one\r\nline two"',
      '2,Trần Thị "Bé",x',
      '',
      '3,"Lê ""Tư""",y\r',
      '4,"a"b,z',
      '5,Hồ,"unclosed',
      '6,Phạm,w',
    ].join('\n');
    const whole = parseCsv(text, { delimiter: ',' }).records;
    for (const size of [1, 5, 17, 64]) expect(parsePieces(text, size, ','), `size ${size}`).toEqual(whole);
  });

  it('parse as the whole file does for any text of CSV characters and any piece size (1,000 runs)', () => {
    const unit = fc.constantFrom('a', 'ồ', ',', ';', '"', '"', '\n', '\r', '\r\n', ' ');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }).map((a) => a.join('')), fc.integer({ min: 1, max: 40 }), fc.constantFrom<CsvDelimiter>(',', ';'), (text, size, d) => {
        expect(parsePieces(text, size, d)).toEqual(parseCsv(text, { delimiter: d }).records);
      }),
      { numRuns: 1000 },
    );
  });
});
