/**
 * A small streaming .xlsx reader: the ZIP container is read with node:zlib (no dependency), the sheet XML is
 * scanned element by element, so a large sheet is never held whole. Shared strings and styles are held (they
 * are needed for every cell). Dates come back as Date (UTC) when the cell's number format is a date format.
 * See docs/decisions/xlsx.md for why no Excel library is used.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import type { CellValue } from '../profiles/types.js';

/** An error reading the workbook container (not a row problem: the file cannot be read at all). */
export class XlsxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxError';
  }
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

async function readCentralDirectory(fh: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailLen = Math.min(size, 65_557);
  const tail = await readAt(fh, size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('not an .xlsx file (no ZIP directory found)');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size) throw new XlsxError('the .xlsx file is truncated or uses ZIP64, which is not supported');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count && p + 46 <= cd.length; n++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) throw new XlsxError('the .xlsx ZIP directory is damaged');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name.replace(/^\/+/, ''), { name, method: cd.readUInt16LE(p + 10), compressedSize: cd.readUInt32LE(p + 20), localOffset: cd.readUInt32LE(p + 42) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function* entryText(path: string, fh: FileHandle, entry: ZipEntry): AsyncGenerator<string> {
  const local = await readAt(fh, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new XlsxError('the .xlsx ZIP entry is damaged');
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) return;
  if (entry.method !== 0 && entry.method !== 8) throw new XlsxError('the .xlsx file uses an unsupported compression method');
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 16 });
  const stream = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
  } finally {
    raw.destroy();
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** Yields each complete `<tag …>…</tag>` or `<tag …/>` element from streamed XML text. */
async function* elements(chunks: AsyncIterable<string>, tag: string): AsyncGenerator<string> {
  let buf = '';
  const open = `<${tag}`;
  const close = `</${tag}>`;
  for await (const chunk of chunks) {
    buf += chunk;
    let from = 0;
    for (;;) {
      let s = buf.indexOf(open, from);
      while (s >= 0 && !/[\s>/]/.test(buf[s + open.length] ?? 'x')) s = buf.indexOf(open, s + 1);
      if (s < 0) {
        from = Math.max(from, buf.length - open.length - 1);
        break;
      }
      const gt = buf.indexOf('>', s);
      if (gt < 0) {
        from = s;
        break;
      }
      if (buf[gt - 1] === '/') {
        yield buf.slice(s, gt + 1);
        from = gt + 1;
        continue;
      }
      const e = buf.indexOf(close, gt);
      if (e < 0) {
        from = s;
        break;
      }
      yield buf.slice(s, e + close.length);
      from = e + close.length;
    }
    buf = buf.slice(from);
  }
}

async function wholeText(path: string, fh: FileHandle, entry: ZipEntry | undefined): Promise<string> {
  if (entry === undefined) return '';
  const parts: string[] = [];
  for await (const t of entryText(path, fh, entry)) parts.push(t);
  return parts.join('');
}

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] !== '#') return ENTITY[e] ?? '';
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m === null ? undefined : decodeXml(m[1]!);
}

/** Text of an `<si>` or `<is>` element: its `<t>` runs, phonetic runs left out. */
function richText(xml: string): string {
  const clean = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of clean.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1]!);
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormat(code: string): boolean {
  const s = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmy]/i.test(s) && !/^general$/i.test(s.trim());
}

function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\s[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode');
    if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(stylesXml)?.[0] ?? '';
  return [...xfs.matchAll(/<xf\s[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? '0');
    const c = custom.get(id);
    return c !== undefined ? isDateFormat(c) : BUILTIN_DATE_FORMATS.has(id);
  });
}

function columnIndex(ref: string | undefined): number | undefined {
  if (ref === undefined) return undefined;
  const m = /^([A-Z]{1,3})/.exec(ref);
  if (m === null) return undefined;
  let n = 0;
  for (const ch of m[1]!) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Converts an Excel serial date to a UTC Date (1900 system with its fictitious 29 Feb 1900, or 1904 system).
 *
 * @example
 * excelSerialToDate(35981, false).toISOString().slice(0, 10) //=> '1998-07-05'
 */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  const base = date1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + Math.round(serial * 86_400_000));
}

/** A row of a sheet: its 1-based row number and its cells by column. */
export interface XlsxRow {
  readonly line: number;
  readonly cells: CellValue[];
}

/** Options of {@link readXlsx}. */
export interface ReadXlsxOptions {
  /** Sheet name (case-insensitive) or 1-based position; default the first sheet. */
  readonly sheet?: string | number;
}

/**
 * Streams the rows of one sheet of an .xlsx file. Resolves once the workbook structure is read; the rows are
 * then read as they are iterated.
 *
 * @example
 * const { sheet, rows } = await readXlsx('members.xlsx');
 * for await (const r of rows) r.cells //=> ['DANH SÁCH HỘI VIÊN'], then the header, then data
 */
export async function readXlsx(path: string, options: ReadXlsxOptions = {}): Promise<{ sheet: string; sheets: string[]; rows: AsyncIterable<XlsxRow> }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const entries = await readCentralDirectory(fh, size);
    const workbook = await wholeText(path, fh, entries.get('xl/workbook.xml'));
    if (workbook === '') throw new XlsxError('not an .xlsx workbook (xl/workbook.xml missing)');
    const rels = await wholeText(path, fh, entries.get('xl/_rels/workbook.xml.rels'));
    const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
    const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((m) => ({ name: attr(m[0], 'name') ?? '', rid: attr(m[0], 'r:id') ?? '' }));
    if (sheets.length === 0) throw new XlsxError('the workbook has no sheets');
    const wanted = options.sheet;
    const chosen =
      wanted === undefined
        ? sheets[0]
        : typeof wanted === 'number'
          ? sheets[wanted - 1]
          : sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase()) ?? (/^\d+$/.test(wanted) ? sheets[Number(wanted) - 1] : undefined);
    if (chosen === undefined) throw new XlsxError(`no sheet ${typeof wanted === 'number' ? `#${wanted}` : `"${String(wanted)}"`}; sheets: ${sheets.map((s) => s.name).join(', ')}`);
    const rel = [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => m[0]).find((r) => attr(r, 'Id') === chosen.rid);
    const target = rel === undefined ? undefined : attr(rel, 'Target');
    const sheetPath = target === undefined ? `xl/worksheets/sheet${sheets.indexOf(chosen) + 1}.xml` : target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const sheetEntry = entries.get(sheetPath);
    if (sheetEntry === undefined) throw new XlsxError('the sheet\'s XML part is missing');
    const shared: string[] = [];
    const sst = entries.get('xl/sharedStrings.xml');
    if (sst !== undefined) for await (const si of elements(entryText(path, fh, sst), 'si')) shared.push(richText(si));
    const dates = dateStyles(await wholeText(path, fh, entries.get('xl/styles.xml')));
    const rows = sheetRows(path, sheetEntry, shared, dates, date1904);
    return { sheet: chosen.name, sheets: sheets.map((s) => s.name), rows };
  } finally {
    await fh.close();
  }
}

async function* sheetRows(path: string, entry: ZipEntry, shared: readonly string[], dates: readonly boolean[], date1904: boolean): AsyncGenerator<XlsxRow> {
  const fh = await open(path, 'r');
  try {
    let line = 0;
    for await (const row of elements(entryText(path, fh, entry), 'row')) {
      const rAttr = Number(attr(row.slice(0, row.indexOf('>') + 1), 'r'));
      line = Number.isInteger(rAttr) && rAttr > 0 ? rAttr : line + 1;
      const cells: CellValue[] = [];
      let next = 0;
      for (const m of row.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = ` ${m[1] ?? ''}`;
        const col = columnIndex(attr(attrs, 'r')) ?? next;
        next = col + 1;
        const body = m[2] ?? '';
        const t = attr(attrs, 't') ?? 'n';
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value: CellValue = null;
        if (t === 'inlineStr') value = richText(body);
        else if (v === undefined) value = null;
        else if (t === 's') value = shared[Number(v)] ?? null;
        else if (t === 'str') value = decodeXml(v);
        else if (t === 'b') value = v === '1';
        else if (t === 'e') value = null;
        else {
          const n = Number(v);
          const style = Number(attr(attrs, 's') ?? '0');
          value = !Number.isFinite(n) ? decodeXml(v) : dates[style] === true ? excelSerialToDate(n, date1904) : n;
        }
        while (cells.length < col) cells.push(null);
        cells[col] = value;
      }
      yield { line, cells };
    }
  } finally {
    await fh.close();
  }
}
