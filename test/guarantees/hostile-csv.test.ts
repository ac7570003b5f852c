// Promise "totality" for the CSV path (docs/guarantees.md): the hostile corpus through src/read/csv.ts,
// whole and in chunks, as raw documents and as properly quoted fields.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvChunkParser, parseCsv } from '../../src/read/csv.js';
import { decodeBytes } from '../../src/read/encoding/decode.js';
import { HOSTILE_BYTES, HOSTILE_TEXTS } from '../fixtures/hostile/corpus.js';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function chunked(text: string, size: number) {
  const p = new CsvChunkParser({ delimiter: ',' });
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...p.write(text.slice(i, i + size)));
  out.push(...p.end());
  return out;
}

describe.each(HOSTILE_TEXTS.map(([name, value]) => ({ name, value })))('hostile CSV text: $name', ({ value }) => {
  it('parses as a raw document without throwing, every record with cells and a line number', () => {
    const { records } = parseCsv(value);
    for (const r of records) {
      expect(Array.isArray(r.cells)).toBe(true);
      expect(r.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('comes back unchanged as a quoted field, whole and in chunks', () => {
    const doc = `key,fullName,note\r\n1,${quote(value)},x\r\n2,Nguyễn Văn An,y\r\n`;
    const whole = parseCsv(doc, { delimiter: ',' }).records;
    expect(whole.map((r) => r.cells)).toEqual([['key', 'fullName', 'note'], ['1', value, 'x'], ['2', 'Nguyễn Văn An', 'y']]);
    // Small chunks only for small fields: see the report on chunked parsing of very long records.
    const size = value.length < 20_000 ? 7 : 65_536;
    expect(chunked(doc, size).map((r) => r.cells)).toEqual(whole.map((r) => r.cells));
  });
});

describe.each(HOSTILE_BYTES.map(([name, value]) => ({ name, value })))('hostile CSV bytes: $name', ({ value }) => {
  it('decodes and parses without throwing', () => {
    const { records } = parseCsv(decodeBytes(value).text);
    for (const r of records) expect(Array.isArray(r.cells)).toBe(true);
  });
});

describe('CSV totality', () => {
  it('quoted arbitrary fields come back unchanged, chunk boundaries anywhere (500 runs)', () => {
    const field = fc.string({ unit: 'binary', maxLength: 30 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 50 }), (rows, size) => {
        const doc = rows.map((r) => r.map(quote).join(',')).join('\r\n');
        expect(chunked(doc, size).map((r) => r.cells)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});
