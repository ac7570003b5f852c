/**
 * Reading register files (CSV, Excel, JSON/NDJSON) from disk through a profile. Text files are read in
 * chunks and decoded incrementally: a large CSV is never one string.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createDecoder, detectEncoding, type StreamDecoder, type TextEncoding } from '../read/encoding/decode.js';
import { CsvChunkParser, type CsvDelimiter, type CsvRecord } from '../read/csv.js';
import { countLineBreaks, lastRecordEnd } from '../read/csvCut.js';
import { NdjsonChunkParser, jsonFlavour, readJsonText } from '../read/json.js';
import { TableBuilder, mergeReadReports, toRecords, type ReadReport, type TableOptions, type TableRow, type TableSettings } from '../read/table.js';
import type { MappingError } from '../read/mapColumns.js';
import type { FieldRow, Profile } from '../profiles/types.js';
import type { RowProblem } from '../model/types.js';
import { getProfile } from '../profiles/index.js';
import { reference as referenceProfile } from '../profiles/reference.js';
import { ReferenceBuilder, type BuildReferenceOptions, type ReferencePart } from '../reference/buildReference.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import { readXlsx } from './xlsx.js';

/** File formats {@link readTable} reads. */
export type TableFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

/** Options of {@link readTable}. */
export interface ReadTableOptions extends Omit<TableOptions, 'profile'> {
  /** The profile (or its name, e.g. `healthInsurance`). */
  readonly profile: Profile | string;
  /** Text encoding, or `'auto'` (default: BOM, UTF-8 check, then Windows-1258/1252 statistics). */
  readonly encoding?: TextEncoding | 'auto';
  /** Excel sheet name or 1-based position (default the first). */
  readonly sheet?: string | number;
  /** CSV delimiter, or `'auto'` (default). */
  readonly delimiter?: CsvDelimiter | 'auto';
  /** Format, when the file extension does not tell (`.csv .tsv .txt`, `.xlsx .xlsm`, `.json`, `.ndjson .jsonl`). */
  readonly format?: TableFormat;
}

/** A table being read: the report is complete up to the header when returned, and fully once `rows` is drained. */
export interface OpenTable {
  readonly rows: AsyncIterable<TableRow>;
  readonly report: ReadReport;
  readonly profile: Profile;
}

/** A file that cannot be read through the profile (no header, missing columns, bad workbook). */
export class ReadError extends Error {
  readonly code: string;
  readonly mapping?: MappingError;
  constructor(message: string, code: string, mapping?: MappingError) {
    super(message);
    this.name = 'ReadError';
    this.code = code;
    if (mapping !== undefined) this.mapping = mapping;
  }
}

const CHUNK = 1 << 16;

/**
 * The longest record read (16M characters; a spreadsheet cell holds at most 32,767). Past it the record is
 * a quote that is never closed, holding the rest of a large file: reading stops with a `record_too_long`
 * error naming its line instead of failing at the engine's string limit with no line at all.
 */
export const MAX_RECORD_CHARS = 1 << 24;
// In bytes, for the thread that cuts a file into pieces without decoding it (at most 3 bytes a UTF-16 unit in
// UTF-8, so a record held this long is past MAX_RECORD_CHARS in any encoding the cutter reads). The
// environment variable lets tests reach the cutter's own check without writing 48 MB.
function maxRecordBytes(): number {
  return Number(process.env['DOISOAT_TEST_MAX_RECORD_BYTES'] ?? 3 * MAX_RECORD_CHARS);
}

/** The error for a record past {@link MAX_RECORD_CHARS}, naming the file (its base name) and the line it starts on. */
function recordTooLong(source: string, line: number): ReadError {
  return new ReadError(
    `${source}, line ${line}: a record runs on for more than ${MAX_RECORD_CHARS} characters, probably from a quote (") that is never closed; close or remove that quote and read the file again`,
    'record_too_long',
  );
}

function formatOf(path: string, override: TableFormat | undefined): TableFormat {
  if (override !== undefined) return override;
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.json') return 'json';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return 'csv';
}

function resolveProfile(p: Profile | string): Profile {
  if (typeof p !== 'string') return p;
  const found = getProfile(p);
  if (found === undefined) throw new ReadError(`unknown profile "${p}"`, 'unknown_profile');
  return found;
}

/**
 * Decodes a file's chunks in order. With `'auto'` the encoding is detected from the first 64 KiB plus the
 * few bytes after them (held until they arrive), so a character cut by the 64 KiB mark is judged whole.
 */
class ChunkDecoder {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private decoder: StreamDecoder | undefined;
  constructor(
    private readonly encoding: TextEncoding | 'auto',
    private readonly report: ReadReport,
  ) {}

  write(bytes: Uint8Array): string {
    if (this.decoder !== undefined) return this.decoder.write(bytes);
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    return this.heldBytes < DETECT_BYTES ? '' : this.start(true);
  }

  end(): string {
    if (this.decoder === undefined) {
      if (this.heldBytes === 0) {
        this.report.encoding = this.encoding === 'auto' ? 'utf-8' : this.encoding;
        return '';
      }
      return this.start(false) + this.decoder!.end();
    }
    return this.decoder.end();
  }

  /** The encoding, once known. */
  get known(): TextEncoding | undefined {
    return this.decoder === undefined ? undefined : (this.report.encoding as TextEncoding);
  }

  private start(more: boolean): string {
    const bytes = this.held.length === 1 ? this.held[0]! : Buffer.concat(this.held);
    this.held = [];
    const detected = this.encoding === 'auto' ? detectEncoding(bytes, { partial: more }) : undefined;
    const enc = detected?.encoding ?? (this.encoding as TextEncoding);
    this.report.encoding = enc;
    this.report.encodingConfidence = detected?.confidence ?? 'certain';
    this.decoder = createDecoder(enc);
    return this.decoder.write(bytes);
  }
}

/** Bytes read before the encoding is detected: the 64 KiB sample and the rest of a character it cuts. */
const DETECT_BYTES = CHUNK + 4;

/** Decoded text chunks of a file, with the encoding used (detected from its start unless given). */
async function* textChunks(path: string, encoding: TextEncoding | 'auto', report: ReadReport): AsyncGenerator<string> {
  const decoder = new ChunkDecoder(encoding, report);
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    const text = decoder.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

/**
 * CSV text in, table rows out. A record holding U+FFFD (what the decoder puts for bytes that are not valid in
 * the file's encoding, or what the file itself held) is reported as a broken line, `undecodable_text`, so it
 * reaches the worklist with that problem instead of passing silently: typically registers concatenated from
 * exports in different encodings, with the first 64 KiB in one of them. Each decoded chunk is scanned once;
 * records are looked at only after one has held the character.
 */
class CsvTableReader {
  private undecodable = false;
  constructor(
    readonly parser: CsvChunkParser,
    private readonly table: TableBuilder,
    /** The file's base name, for errors. */
    private readonly source: string,
  ) {}

  write(text: string): TableRow[] {
    if (!this.undecodable && text.includes('\uFFFD')) this.undecodable = true;
    const rows = this.rows(this.parser.write(text));
    if (this.parser.heldChars > MAX_RECORD_CHARS) throw recordTooLong(this.source, this.parser.nextLine);
    return rows;
  }

  end(): TableRow[] {
    return this.rows(this.parser.end());
  }

  private rows(records: readonly CsvRecord[]): TableRow[] {
    const { table, parser } = this;
    if (table.report.delimiter === undefined && parser.delimiter !== undefined) table.report.delimiter = parser.delimiter;
    const out: TableRow[] = [];
    for (const r of records) {
      const error = r.error ?? (this.undecodable && r.cells.some((c) => c.includes('\uFFFD')) ? UNDECODABLE : undefined);
      const broken = error === undefined ? undefined : { line: r.line, code: error.code, message: error.message };
      if (broken !== undefined && table.ready) table.report.broken.push(broken);
      out.push(...table.pushCells(r.cells, r.line, broken));
    }
    return out;
  }
}

const UNDECODABLE = {
  code: 'undecodable_text',
  message: 'line holds characters that could not be decoded (shown as \u201c\uFFFD\u201d): the file may mix encodings; check the encoding the report names, or set it',
} as const;

/** A piece of a CSV register cut at a record's end, for another thread to parse with {@link parseRecordChunk}. */
export interface RecordChunk {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Line number of the piece's first line. */
  readonly firstLine: number;
  /** How to read it (the same object for every piece of a file). */
  readonly format: RecordChunkFormat;
}

/** What a thread parsing pieces of a register needs to know about the file (plain data, for posting). */
export interface RecordChunkFormat {
  readonly encoding: TextEncoding;
  readonly delimiter: CsvDelimiter;
  readonly settings: TableSettings;
  /** The profile's name. */
  readonly profile: string;
  readonly table: Omit<TableOptions, 'profile'>;
  /** The file's base name, for errors. */
  readonly source: string;
}

/** Bytes a piece of a register holds at least (but for the last): about 2,000 rows of a typical export. */
const PIECE = 3 * CHUNK;
const LF = 0x0a;

/**
 * Reads a CSV file into table rows. Once `chunking.on` and the header, delimiter, encoding and legacy fonts
 * are settled, the rest of the file is handed out as raw pieces cut at record ends instead (never for
 * UTF-16, whose line feed is two bytes).
 */
async function* csvBatches(path: string, options: ReadTableOptions, table: TableBuilder, chunking?: { on: boolean; profile: string }): AsyncGenerator<TableRow[] | RecordChunk> {
  const reader = new CsvTableReader(new CsvChunkParser({ delimiter: options.delimiter ?? 'auto' }), table, basename(path));
  const first = new ChunkDecoder(options.encoding ?? 'auto', table.report);
  let decoder: ChunkDecoder | StreamDecoder = first;
  let atStart = true;
  const parse = (bytes: Uint8Array): TableRow[] => {
    const text = decoder.write(bytes);
    if (text === '') return [];
    // A BOM the decoder left (e.g. forced UTF-8 on a BOM file) is not part of the first header.
    const rows = reader.write(atStart ? text.replace(/^\uFEFF/, '') : text);
    atStart = false;
    return rows;
  };
  let format: RecordChunkFormat | undefined;
  let line = 0;
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  // Bytes held before the next look for a record end: twice as many after each miss, so a quote left
  // open (the rest of the file one field) costs linear, not quadratic, copying.
  let enough = PIECE;
  // The pieces of `held` up to the last record end, once it holds `enough` bytes (all of them at the end).
  function* pieces(final: boolean): Generator<RecordChunk> {
    while (heldBytes >= enough || (final && heldBytes > 0)) {
      const all = new Uint8Array(heldBytes);
      let at = 0;
      for (const h of held) {
        all.set(h, at);
        at += h.length;
      }
      const cut = final ? all.length : lastRecordEnd(all, format!.delimiter);
      if (cut < 0) {
        if (heldBytes > maxRecordBytes()) throw recordTooLong(format!.source, line);
        // A quoted field spans the last line feed: wait for more bytes.
        held = [all];
        enough = 2 * heldBytes;
        return;
      }
      enough = PIECE;
      held = cut < all.length ? [all.slice(cut)] : [];
      heldBytes = all.length - cut;
      const firstLine = line;
      // Counted before the piece is handed out: whoever takes it may transfer its buffer.
      line += countLineBreaks(all, cut);
      yield { bytes: all.subarray(0, cut), firstLine, format: format! };
      if (final) return;
    }
  }
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    let bytes: Uint8Array = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (format === undefined && chunking?.on === true) {
      const encoding = first.known;
      const settings = table.settings;
      const delimiter = reader.parser.delimiter;
      const lf = bytes.indexOf(LF);
      if (encoding !== undefined && !encoding.startsWith('utf-16') && settings !== undefined && delimiter !== undefined && lf >= 0) {
        // Parsed up to this chunk's first line feed: if that ends a record, the rest of the file goes in pieces.
        // No character combines with a line feed, so the decoder can let out what it held (the Windows-1258
        // one holds the last character back) and a fresh one reads on exactly as it would have.
        const rows = parse(bytes.subarray(0, lf + 1));
        rows.push(...reader.write(decoder.end()));
        decoder = createDecoder(encoding, { continuation: true });
        bytes = bytes.subarray(lf + 1);
        if (reader.parser.atRecordEnd) {
          format = { encoding, delimiter, settings, profile: chunking.profile, table: stripReadOptions(options), source: basename(path) };
          line = reader.parser.nextLine;
        }
        if (rows.length > 0) yield rows;
      }
    }
    if (format === undefined) {
      yield parse(bytes);
      continue;
    }
    if (bytes.length > 0) {
      held.push(bytes);
      heldBytes += bytes.length;
    }
    yield* pieces(false);
  }
  if (format !== undefined) yield* pieces(true);
  else {
    const rest = decoder.end();
    if (rest !== '') yield reader.write(atStart ? rest.replace(/^\uFEFF/, '') : rest);
  }
  yield reader.end();
  yield table.end();
}

/** The problem a record carries for a line the reader could not read cleanly. */
export function brokenProblem(b: { readonly code: string; readonly message: string }): RowProblem {
  return { field: 'row', code: b.code, message: b.message };
}

/**
 * Parses a piece of a register cut by the thread reading it: the rows, with their line numbers in the file,
 * and the piece's read report (rows, blank and broken lines, legacy-font conversions) for
 * {@link mergeReadReports}.
 */
export function parseRecordChunk(chunk: Pick<RecordChunk, 'bytes' | 'firstLine'>, format: RecordChunkFormat, profile: Profile): { rows: TableRow[]; report: ReadReport } {
  const rows: TableRow[] = [];
  const report = readRecordChunk(chunk, format, profile, (some) => {
    for (const row of some) rows.push(row);
  });
  return { rows, report };
}

// Characters of a piece parsed at a time by readRecordChunk (a few hundred rows).
const SLICE_CHARS = 1 << 14;

/**
 * {@link parseRecordChunk}, handing the rows to `each` a few hundred at a time as they are parsed rather than
 * all at once: a worker then holds only those while it links them, and fewer outlive a young-generation
 * collection. Returns the read report.
 *
 * @example
 * readRecordChunk(piece, piece.format, generic, (rows) => rows.forEach(link)).rows //=> 1520
 */
export function readRecordChunk(
  chunk: Pick<RecordChunk, 'bytes' | 'firstLine'>,
  format: RecordChunkFormat,
  profile: Profile,
  each: (rows: readonly TableRow[]) => void,
): ReadReport {
  const table = TableBuilder.continuing({ ...format.table, profile }, { format: 'csv', encoding: format.encoding, delimiter: format.delimiter }, format.settings);
  const reader = new CsvTableReader(new CsvChunkParser({ delimiter: format.delimiter, firstLine: chunk.firstLine }), table, format.source);
  const decoder = createDecoder(format.encoding, { continuation: true });
  const text = decoder.write(chunk.bytes);
  for (let at = 0; at < text.length; at += SLICE_CHARS) each(reader.write(text.slice(at, at + SLICE_CHARS)));
  each(reader.write(decoder.end()));
  each(reader.end());
  each(table.end());
  return table.report;
}

async function* ndjsonBatches(path: string, options: ReadTableOptions, table: TableBuilder): AsyncGenerator<TableRow[]> {
  const parser = new NdjsonChunkParser(table, {
    maxLineChars: MAX_RECORD_CHARS,
    tooLong: (line) =>
      new ReadError(`${basename(path)}, line ${line}: a line runs on for more than ${MAX_RECORD_CHARS} characters; NDJSON holds one record per line (read a JSON array as .json)`, 'record_too_long'),
  });
  let first = true;
  for await (const text of textChunks(path, options.encoding ?? 'auto', table.report)) {
    yield parser.write(first ? text.replace(/^\uFEFF/, '') : text);
    first = false;
  }
  yield parser.end();
}

async function* xlsxBatches(rows: AsyncIterable<{ line: number; cells: TableRow['values'][string][] }>, table: TableBuilder): AsyncGenerator<TableRow[]> {
  for await (const r of rows) yield table.pushCells(r.cells, r.line);
  yield table.end();
}

/**
 * Opens a register file and maps its columns through a profile. Resolves once the header is found and mapped
 * (so `report.columns`, `report.encoding`, `report.delimiter` are known); rejects with {@link ReadError} when
 * the file has no usable header or lacks a required column. Iterate `rows` to read the data; malformed lines
 * are reported in `report.broken` and still yield a row.
 *
 * @example
 * const { rows, report } = await readTable('bhyt.csv', { profile: 'healthInsurance' });
 * report.columns.map((c) => c.field) //=> ['key', 'fullName', 'citizenId', 'cardNumber', …]
 * for await (const row of rows) row.values.fullName //=> 'Nguyễn Văn An', …
 */
export async function readTable(path: string, options: ReadTableOptions): Promise<OpenTable> {
  const { rows, report, profile } = await openTable(path, options);
  return { rows, report, profile };
}

/**
 * An open table that may also be read as {@link RecordChunk}s: `parts` (CSV only; read either `rows` or
 * `parts`, not both) yields rows until the header and the legacy fonts are settled, then raw pieces of the
 * file for worker threads to parse.
 */
export interface ChunkableTable extends OpenTable {
  readonly parts?: () => AsyncIterable<TableRow[] | RecordChunk>;
  /**
   * The rows in the batches they were read in (read one of `rows`, `batches` or `parts`): one await per
   * batch where `rows` takes one per row (~0.5 µs and ~450 bytes of promises and results each).
   */
  readonly batches: () => AsyncIterable<readonly TableRow[]>;
}

/** {@link readTable}, with {@link ChunkableTable.parts} for a CSV file. */
export async function openTable(path: string, options: ReadTableOptions): Promise<ChunkableTable> {
  const profile = resolveProfile(options.profile);
  const format = formatOf(path, options.format);
  const tableOptions: TableOptions = { ...stripReadOptions(options), profile };
  const chunking = { on: false, profile: profile.name };
  let batches: AsyncGenerator<TableRow[] | RecordChunk>;
  let table: TableBuilder;
  if (format === 'xlsx') {
    const x = await readXlsx(path, options.sheet === undefined ? {} : { sheet: options.sheet }).catch((e: unknown) => {
      throw new ReadError(e instanceof Error ? e.message : 'cannot read the workbook', 'invalid_xlsx');
    });
    table = new TableBuilder(tableOptions, { format: 'xlsx', sheet: x.sheet });
    batches = xlsxBatches(x.rows, table);
  } else if (format === 'json') {
    const bytes = await readFile(path);
    const head = new TextDecoder().decode(bytes.subarray(0, 4096));
    if (jsonFlavour(head) === 'ndjson') {
      table = new TableBuilder(tableOptions, { format: 'ndjson' });
      batches = ndjsonBatches(path, options, table);
    } else {
      table = new TableBuilder(tableOptions, { format: 'json', headerRow: 0 });
      const t = table;
      const enc = options.encoding ?? 'auto';
      const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const detected = enc === 'auto' ? detectEncoding(u8).encoding : enc;
      t.report.encoding = detected;
      const dec = createDecoder(detected);
      const text = dec.write(u8) + dec.end();
      batches = (async function* () {
        yield readJsonText(text, t);
      })();
    }
  } else if (format === 'ndjson') {
    table = new TableBuilder(tableOptions, { format: 'ndjson', headerRow: 0 });
    batches = ndjsonBatches(path, options, table);
  } else {
    table = new TableBuilder(tableOptions, { format: 'csv' });
    batches = csvBatches(path, options, table, chunking);
  }
  // Read until the header is settled, so mapping errors surface here rather than mid-iteration.
  const held: TableRow[] = [];
  let done = false;
  while (!table.ready && table.error === undefined) {
    const next = await batches.next();
    if (next.done === true) {
      done = true;
      break;
    }
    held.push(...(next.value as TableRow[]));
  }
  if (table.error !== undefined) {
    await batches.return(undefined);
    throw new ReadError(table.error.message, table.error.code, table.error);
  }
  const rowBatches = async function* (): AsyncGenerator<readonly TableRow[]> {
    if (held.length > 0) yield held;
    if (done) return;
    // Without chunking.on every batch is rows.
    for await (const batch of batches) yield batch as TableRow[];
    if (table.error !== undefined) throw new ReadError(table.error.message, table.error.code, table.error);
  };
  const rows = (async function* () {
    for await (const batch of rowBatches()) yield* batch;
  })();
  if (format !== 'csv') return { rows, batches: rowBatches, report: table.report, profile };
  const parts = async function* (): AsyncGenerator<TableRow[] | RecordChunk> {
    chunking.on = true;
    yield held;
    if (done) return;
    yield* batches;
    if (table.error !== undefined) throw new ReadError(table.error.message, table.error.code, table.error);
  };
  return { rows, batches: rowBatches, report: table.report, profile, parts };
}

function stripReadOptions(options: Omit<ReadTableOptions, 'profile'>): Omit<TableOptions, 'profile'> {
  const out: { map?: NonNullable<TableOptions['map']>; headerRow?: number; fixLegacyFonts?: boolean } = {};
  if (options.map !== undefined) out.map = options.map;
  if (options.headerRow !== undefined) out.headerRow = options.headerRow;
  if (options.fixLegacyFonts !== undefined) out.fixLegacyFonts = options.fixLegacyFonts;
  return out;
}

/**
 * Reads a sector register: like {@link readTable}, with rows ready for `reconcile` (model field names, the
 * profile's `expand` applied, so a marriage row yields two records).
 *
 * @example
 * const { records, report, profile } = await readRecords('bhyt.xlsx', { profile: 'healthInsurance' });
 * const rows = []; for await (const r of records) rows.push(r);
 * reconcile(reference, rows, { ...profileOptions(profile), asOf: '2026-01-01' })
 */
export async function readRecords(path: string, options: ReadTableOptions): Promise<{ records: AsyncIterable<FieldRow>; report: ReadReport; profile: Profile }> {
  const t = await readTable(path, options);
  const profile = t.profile;
  const records = (async function* () {
    let n = 0;
    for await (const row of t.rows) {
      n++;
      yield* toRecords([row], profile, n);
    }
  })();
  return { records, report: t.report, profile };
}

/** Options of {@link readReference}. */
export interface ReadReferenceOptions extends Omit<ReadTableOptions, 'profile'>, BuildReferenceOptions {
  /** Defaults to the `reference` profile. */
  readonly profile?: Profile | string;
}

/**
 * Reads the reference dataset file and indexes it.
 *
 * @example
 * const { reference, report } = await readReference('dan-cu.csv');
 * reference.size //=> 10000
 */
export async function readReference(path: string, options: ReadReferenceOptions = {}): Promise<{ reference: ReferenceIndex; report: ReadReport }> {
  const t = await openTable(path, { ...options, profile: options.profile ?? referenceProfile });
  // Streamed into the builder: the reference file is never held as an array of rows.
  const builder = new ReferenceBuilder(buildOptions(options));
  for await (const batch of t.batches()) for (const r of batch) builder.add(r.values);
  return { reference: builder.build(), report: t.report };
}

function buildOptions(options: ReadReferenceOptions, share = 1): BuildReferenceOptions {
  const build: { idScheme?: NonNullable<BuildReferenceOptions['idScheme']>; dates?: NonNullable<BuildReferenceOptions['dates']>; maxFieldLength?: number; expectedSize?: number; shared?: boolean } = {};
  if (options.idScheme !== undefined) build.idScheme = options.idScheme;
  if (options.dates !== undefined) build.dates = options.dates;
  if (options.maxFieldLength !== undefined) build.maxFieldLength = options.maxFieldLength;
  if (options.expectedSize !== undefined) build.expectedSize = Math.ceil(options.expectedSize * share);
  if (options.shared === true) build.shared = true;
  return build;
}

/** Reference files smaller than this are read on one thread: a helper would cost more than it saves. */
export const SPLIT_MIN_BYTES = 8 << 20;

// Share of the file the calling thread reads itself. The helper starts a little later and its part must
// still be sent across, so it reads less than half; but the calling thread joins the parts after reading its
// own, so not much less. At 1M citizens with 55 % the calling thread finished its part ~0.3 s after the
// helper had sent its (with even halves, in an older build, it waited 0.4–0.6 s for the helper).
const FIRST_PART_SHARE = 0.52;

/**
 * The second part of a reference CSV file, for a helper thread to read (see {@link readReferencePart}).
 * Plain data, so it can be posted to a worker: `options.profile` must be a profile name.
 */
export interface ReferencePartTask {
  readonly path: string;
  /** Byte offset of the first line of the part (just after a line break). */
  readonly start: number;
  readonly encoding: TextEncoding;
  readonly delimiter: CsvDelimiter;
  readonly settings: TableSettings;
  readonly options: ReadReferenceOptions;
}

/** What a helper thread sends back: the part's rows and its read report (lines counted from the part's start). */
export interface ReferencePartResult {
  readonly part: ReferencePart;
  readonly report: ReadReport;
}

/**
 * Reads the part of a reference CSV file that a {@link ReferencePartTask} names, as {@link readReferenceInParts}
 * asks a helper thread to.
 */
export async function readReferencePart(task: ReferencePartTask): Promise<ReferencePartResult> {
  const profile = resolveProfile(task.options.profile ?? referenceProfile);
  const table = TableBuilder.continuing({ ...stripReadOptions(task.options), profile }, { format: 'csv', encoding: task.encoding, delimiter: task.delimiter }, task.settings);
  const reader = new CsvTableReader(new CsvChunkParser({ delimiter: task.delimiter }), table, basename(task.path));
  // A part's tables are copied into the joined index: they need not be shared.
  const builder = ReferenceBuilder.forPart({ ...buildOptions(task.options, 1 - FIRST_PART_SHARE), shared: false });
  const decoder = createDecoder(task.encoding, { continuation: true });
  const add = (rows: readonly TableRow[]): void => {
    for (const r of rows) builder.add(r.values);
  };
  for await (const chunk of createReadStream(task.path, { start: task.start, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    add(reader.write(decoder.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))));
  }
  add(reader.write(decoder.end()));
  add(reader.end());
  add(table.end());
  return { part: builder.part(), report: table.report };
}

/**
 * Like {@link readReference}, with the second part of a large CSV file read by `helper` (another thread
 * running {@link readReferencePart}) while this thread reads the first: the same index and report, sooner on
 * two cores (1M citizens: ~5 s for the two parts side by side, then 0.7 s to join them, against ~10 s for
 * one reader). The file is cut at a line break a little past the middle once this thread has mapped
 * the header; if the cut turns out to fall inside a quoted field, this thread reads on past it and the
 * helper's part is not used. Smaller files, other formats and UTF-16 are read on this thread alone.
 *
 * @param helper - Reads a part, e.g. by posting the task to a worker thread.
 * @param at - Byte offset to cut near (default 52 % of the file, see FIRST_PART_SHARE; tests cut elsewhere).
 */
export async function readReferenceInParts(
  path: string,
  options: ReadReferenceOptions,
  helper: (task: ReferencePartTask) => Promise<ReferencePartResult>,
  at?: number,
): Promise<{ reference: ReferenceIndex; report: ReadReport; split: boolean }> {
  const whole = async (): Promise<{ reference: ReferenceIndex; report: ReadReport; split: boolean }> => ({ ...(await readReference(path, options)), split: false });
  if (formatOf(path, options.format) !== 'csv' || typeof options.profile === 'object') return whole();
  const size = (await stat(path)).size;
  // The environment variable lets tests of the worker threads split small files.
  const min = Number(process.env['DOISOAT_SPLIT_MIN_BYTES'] ?? SPLIT_MIN_BYTES);
  if (at === undefined && size < min) return whole();
  const cut = await lineStartAfter(path, Math.floor(at ?? size * FIRST_PART_SHARE), size);
  // Past the bytes encoding detection reads, so the first reader has settled the encoding by the cut.
  if (cut < 2 * CHUNK || cut >= size) return whole();

  const profile = resolveProfile(options.profile ?? referenceProfile);
  const table = new TableBuilder({ ...stripReadOptions(options), profile }, { format: 'csv' });
  const reader = new CsvTableReader(new CsvChunkParser({ delimiter: options.delimiter ?? 'auto' }), table, basename(path));
  const parser = reader.parser;
  const builder = new ReferenceBuilder(buildOptions(options));
  const first = new ChunkDecoder(options.encoding ?? 'auto', table.report);
  let decoder: StreamDecoder | ChunkDecoder = first;
  let task: Promise<ReferencePartResult> | undefined;
  let atStart = true;
  const add = (rows: readonly TableRow[]): void => {
    for (const r of rows) builder.add(r.values);
  };
  const read = async (start: number, end: number): Promise<void> => {
    for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
      const text = decoder.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (text === '') continue;
      // A BOM the decoder left (e.g. forced UTF-8 on a BOM file) is not part of the first header.
      add(reader.write(atStart ? text.replace(/^\uFEFF/, '') : text));
      atStart = false;
      if (table.error !== undefined) throw new ReadError(table.error.message, table.error.code, table.error);
      // The helper starts as soon as the header, the delimiter and the legacy fonts are known.
      const encoding = first.known;
      const settings = table.settings;
      if (task === undefined && start === 0 && encoding !== undefined && settings !== undefined && parser.delimiter !== undefined && !encoding.startsWith('utf-16')) {
        task = helper({ path, start: cut, encoding, delimiter: parser.delimiter, settings, options });
        // Awaited below unless the cut proves unusable; never an unhandled rejection meanwhile.
        task.catch(() => undefined);
      }
    }
  };
  await read(0, cut);
  // The cut follows a line feed, which no later character combines with: the Windows-1258 decoder's held
  // character can be let out, and a fresh decoder reads on from the cut exactly as this one would have.
  // (Only with a task: there is none for UTF-16, whose line feed is two bytes the cut may fall between.)
  if (task !== undefined) {
    const held = decoder.end();
    if (held !== '') add(reader.write(held));
    decoder = createDecoder(first.known!, { continuation: true });
  }
  if (task !== undefined && parser.atRecordEnd) {
    const lineOffset = parser.nextLine - 1;
    // A record past the longest one in the helper's part is named by its line from the cut: this thread reads
    // the part again itself, to stop at it with the line one reader names.
    const result = await task.catch((e: unknown) => {
      if (e instanceof ReadError && e.code === 'record_too_long') return undefined;
      throw e;
    });
    if (result !== undefined) {
      add(reader.end());
      add(table.end());
      builder.absorb(result.part);
      mergeReadReports(table.report, result.report, lineOffset);
      return { reference: builder.build(), report: table.report, split: true };
    }
  }
  // The cut fell inside a quoted field, or before the header was settled (or the helper met a record too
  // long): read on alone.
  await read(cut, size);
  add(reader.write(decoder.end()));
  add(reader.end());
  add(table.end());
  if (table.error !== undefined) throw new ReadError(table.error.message, table.error.code, table.error);
  return { reference: builder.build(), report: table.report, split: false };
}

/** Offset of the first line that starts at or after `at` (just after a line feed), or -1. */
async function lineStartAfter(path: string, at: number, size: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    for (let pos = Math.max(0, at - 1); pos < size; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const i = buf.subarray(0, bytesRead).indexOf(0x0a);
      if (i >= 0) return pos + i + 1;
      pos += bytesRead;
    }
    return -1;
  } finally {
    await fh.close();
  }
}

/**
 * Drains an async iterable into an array (convenience for `reconcile`, which takes a synchronous iterable).
 *
 * @example
 * await collect(records) //=> [{ citizenId: '001089012345', … }, …]
 */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
