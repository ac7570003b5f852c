import { describe, expect, it } from 'vitest';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotReference } from '../../src/index.js';
import {
  MAX_RECORD_CHARS,
  ReadError,
  readReference,
  readReferenceInParts,
  readReferencePart,
  type ReadReferenceOptions,
  type ReferencePartTask,
} from '../../src/node/readFile.js';
import { WINDOWS_1258 } from './userStoryHelpers.js';

const HEADER = 'Số định danh cá nhân,Số CMND,Họ và tên,Ngày sinh,Giới tính,Mã tỉnh,Mã xã,Địa chỉ,Trạng thái,Ngày mất,Ngày cập nhật';
const NAMES = ['Nguyễn Văn An', 'Trần Thị Hoà', 'Lê Văn Bình', 'Phạm Minh Đức', 'Hoàng Thị Thu Hà'];
// VNI typed into a UTF-8 file: the reader converts the column once its sample shows the font.
const VNI = ['Nguyeãn Vaên An', 'Traàn Thò Hoaø'];

/**
 * A reference file with what a reader must get right wherever the file is cut: title rows, quoted fields
 * holding line breaks (some long enough that a cut near the middle falls inside one), blank lines, ragged
 * rows, an unclosed quote near the end, IDs repeated far apart, former IDs claimed twice.
 */
function referenceText(rows: number, options: { vni?: boolean; crlf?: boolean } = {}): string {
  const lines = ['DANH SÁCH CÔNG DÂN', '', HEADER];
  for (let i = 0; i < rows; i++) {
    const id = `0010890${String(i % (rows - 7)).padStart(5, '0')}`;
    const name = options.vni === true && i % 3 !== 0 ? VNI[i % 2]! : NAMES[i % NAMES.length]!;
    const address = i % 97 === 0 ? `"Thôn ${i}\n${'dòng dài, '.repeat(i % 5 === 0 ? 2000 : 3)}""xóm"""` : `Xóm ${i % 13}`;
    const former = i % 41 === 0 ? '012345678' : i % 7 === 0 ? String(100000000 + i) : '';
    lines.push(`${id},${former},${name},${(i % 28) + 1}/0${(i % 9) + 1}/19${50 + (i % 50)},${i % 2 === 0 ? 'Nam' : 'Nữ'},${i % 5 === 0 ? '1' : '79'},${String(i % 300).padStart(5, '0')},${address},Còn sống,,`);
    if (i % 211 === 0) lines.push('');
    if (i % 307 === 0) lines.push(`${id}9,,ragged row`);
  }
  lines.push('0010891999999,,"Nguyễn Văn Cuối,01/01/1990');
  return lines.join(options.crlf === true ? '\r\n' : '\n') + '\n';
}

function file(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'doisoat-parts-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A helper as a worker would be: the task and its answer go through structured cloning. */
async function helper(task: ReferencePartTask) {
  return structuredClone(await readReferencePart(structuredClone(task)));
}

async function expectSame(path: string, at: number | undefined, options: ReadReferenceOptions = {}): Promise<boolean> {
  const one = await readReference(path, options);
  const parts = await readReferenceInParts(path, options, helper, at);
  expect(parts.report).toEqual(one.report);
  expect(parts.reference.problems).toEqual(one.reference.problems);
  expect(snapshotReference(parts.reference)).toEqual(snapshotReference(one.reference));
  return parts.split;
}

describe('reading a reference file in two parts', () => {
  it("names the line of a record past the longest one read when it starts in the helper's part", async () => {
    // A quote opened after the cut and never closed: the helper's lines count from the cut, so the first
    // thread reads that part again itself and stops where one reader stops.
    // (Without referenceText's own unclosed quote on its last line, which the new quote would close.)
    const text = referenceText(3000).replace(/0010891999999,,"[^\n]*\n$/, '');
    expect(text.endsWith('Còn sống,,\n')).toBe(true);
    const path = file('open.csv', `${text}"0010891999998,,An\n${'x,y\n'.repeat(MAX_RECORD_CHARS / 4 + 1000)}`);
    const whole = await readReference(path).catch((e: unknown) => e);
    expect(whole).toBeInstanceOf(ReadError);
    expect((whole as ReadError).code).toBe('record_too_long');
    const line = /line (\d+)/.exec((whole as ReadError).message)![1];
    expect(Number(line)).toBeGreaterThan(3000);
    // Cuts among the 3000 rows, past the font sample (so the helper is asked), before the open quote.
    const rowsBytes = Buffer.byteLength(text);
    for (const share of [0.5, 0.6, 0.7, 0.8]) {
      let failed = 0;
      const failing = (task: ReferencePartTask) =>
        helper(task).catch((e: unknown) => {
          if (e instanceof ReadError && e.code === 'record_too_long') failed++;
          throw e;
        });
      const parts = await readReferenceInParts(path, {}, failing, Math.floor(rowsBytes * share)).catch((e: unknown) => e);
      expect(failed, `cut at ${share}`).toBe(1);
      expect(parts).toBeInstanceOf(ReadError);
      expect((parts as ReadError).message).toBe((whole as ReadError).message);
    }
  }, 60_000);

  const path = file('reference.csv', referenceText(3000));
  const size = statSync(path).size;

  it('gives the index and report of reading it whole, wherever the file is cut', async () => {
    let split = 0;
    let alone = 0;
    // Cuts from just past the first 64 KiB to the end, including ones inside long quoted addresses.
    for (let at = 70_000; at < size; at += 17_389) {
      if (await expectSame(path, at)) split++;
      else alone++;
    }
    expect(split).toBeGreaterThan(5);
    expect(alone).toBeGreaterThan(0);
  }, 60_000);

  it('reads on alone when the cut falls inside a quoted field', async () => {
    const text = referenceText(3000);
    // Just after the first line break inside a long quoted address past the middle.
    const quoted = text.indexOf('"Thôn', text.length / 2);
    const at = Buffer.byteLength(text.slice(0, text.indexOf('\n', quoted) + 1));
    expect(await expectSame(path, at)).toBe(false);
  });

  it('splits a file with CRLF line ends, a byte-order mark, Windows-1258 or a legacy font alike', async () => {
    // Cut where row 1500 starts, outside any quoted field.
    const at = (text: string, encode: (s: string) => Uint8Array): number => encode(text.slice(0, text.indexOf('\n001089001500') + 1)).length;
    const utf8 = (s: string): Uint8Array => Buffer.from(s);
    const crlfText = '\uFEFF' + referenceText(3000, { crlf: true });
    expect(await expectSame(file('crlf.csv', crlfText), at(crlfText, utf8))).toBe(true);
    const text = referenceText(3000);
    const cp1258 = file('cp1258.csv', WINDOWS_1258.encode(text));
    expect(await expectSame(cp1258, at(text, WINDOWS_1258.encode))).toBe(true);
    expect(await expectSame(cp1258, at(text, WINDOWS_1258.encode), { encoding: 'windows-1258' })).toBe(true);
    // A line starting with U+FEFF right at the cut keeps it, as in a whole read (found in review: the
    // second reader's decoder dropped it as a byte-order mark).
    // (Before a quote, so the quote is text and the ID invalid: an ID alone would be cleaned either way.)
    const bomText = text.replace(/\n(001089001500),/, '\n\uFEFF"$1",');
    const bomAt = utf8(bomText.slice(0, bomText.indexOf('\n\uFEFF"001089001500"') + 1)).length;
    expect(await expectSame(file('bom-at-cut.csv', bomText), bomAt)).toBe(true);
    // Lines in another encoding on both sides of the cut are reported alike.
    const mixed = file('mixed.csv', Buffer.concat([Buffer.from(text.slice(0, 150_000)), WINDOWS_1258.encode(text.slice(150_000, 160_000)), Buffer.from(text.slice(160_000))]));
    const mixedAt = at(text, utf8);
    expect(mixedAt).toBeGreaterThan(160_000);
    expect(await expectSame(mixed, mixedAt)).toBe(true);
    expect(await expectSame(mixed, 151_000)).toBeTypeOf('boolean');
    expect((await readReference(mixed)).report.broken.some((b) => b.code === 'undecodable_text')).toBe(true);
    const vniText = referenceText(3000, { vni: true });
    const vni = file('vni.csv', vniText);
    expect(await expectSame(vni, at(vniText, utf8))).toBe(true);
    const read = await readReference(vni);
    expect(read.report.legacyFonts).toEqual([expect.objectContaining({ field: 'fullName', font: 'vni' })]);
  }, 60_000);

  it('reads small files, UTF-16 and other formats on one thread', async () => {
    expect(await expectSame(path, undefined)).toBe(false);
    const utf16 = file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(referenceText(3000), 'utf16le')]));
    expect(await expectSame(utf16, statSync(utf16).size / 2)).toBe(false);
    // Fewer than 500 rows before the cut: the legacy-font sample is not complete, so no helper is asked.
    expect(await expectSame(path, 70_000 / 4)).toBe(false);
  }, 30_000);

  it('fails like a whole read when the helper fails or the file has no header', async () => {
    const failing = async (): Promise<never> => {
      throw new Error('helper failed');
    };
    await expect(readReferenceInParts(path, {}, failing, size / 2)).rejects.toThrow('helper failed');
    const headerless = file('headerless.csv', referenceText(3000).split('\n').slice(3).join('\n'));
    await expect(readReference(headerless)).rejects.toMatchObject({ code: 'no_header' });
    await expect(readReferenceInParts(headerless, {}, helper, statSync(headerless).size / 2)).rejects.toMatchObject({ code: 'no_header' });
  });
});
