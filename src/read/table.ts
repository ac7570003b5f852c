/**
 * The common shape every reader produces: rows keyed by field, each with its line number, and a read report
 * (encoding, delimiter, header row, column mapping, legacy-font conversions, broken lines). CSV, Excel,
 * JSON/NDJSON and in-memory arrays all go through {@link TableBuilder}, so they are mapped the same way.
 */
import { detectLegacyFont, repairVietnamese, type LegacyFont } from './encoding/legacyFonts.js';
import type { CellValue, FieldRow, Profile } from '../profiles/types.js';
import { findHeaderRow, headerText } from './header.js';
import { mapColumns, type ColumnMapping, type ColumnOverrides, type MappingError } from './mapColumns.js';

/** One mapped row. */
export interface TableRow {
  /** Where the row starts: physical line (CSV), sheet row (Excel), line (NDJSON) or 1-based index (arrays). */
  readonly line: number;
  /** Cells by field name (see the report's `columns`). */
  readonly values: FieldRow;
  /** Set when the line was malformed; the row is still returned with what could be read. */
  readonly broken?: BrokenLine;
}

/** A line that could not be read cleanly. It is reported, and its row still appears in the output. */
export interface BrokenLine {
  readonly line: number;
  /** `ragged_row`, `unclosed_quote`, `invalid_quotes`, `undecodable_text`, `invalid_json`, `not_an_object`. */
  readonly code: string;
  /** Never contains the line's content. */
  readonly message: string;
}

/** Legacy-font conversion applied to one column. */
export interface LegacyFontColumn {
  readonly field: string;
  readonly font: LegacyFont;
  /** Cells converted. */
  readonly converted: number;
}

/** What was found while reading a table. Filled in as rows are read; complete once reading ends. */
export interface ReadReport {
  format: 'csv' | 'xlsx' | 'json' | 'ndjson' | 'rows';
  /** Text encoding (CSV, JSON) and how sure the detection was. */
  encoding?: string;
  encodingConfidence?: 'certain' | 'likely' | 'guess';
  /** CSV delimiter. */
  delimiter?: string;
  /** Excel sheet read. */
  sheet?: string;
  /** Line of the header row (0 when the columns are the keys of JSON objects). */
  headerRow?: number;
  /** Lines above the header that were skipped as titles. */
  titleRows: number;
  /** How each column is used. */
  columns: ColumnMapping[];
  /** Columns in a legacy font, converted to Unicode. */
  legacyFonts: LegacyFontColumn[];
  /** Malformed lines (kept in the output). */
  broken: BrokenLine[];
  /** Data rows produced (blank lines excluded). */
  rows: number;
  /** Blank lines skipped. */
  blankLines: number;
  /** Set when the columns cannot be used; no rows are produced then. */
  error?: MappingError;
}

/** Options shared by every reader. */
export interface TableOptions {
  /** The profile whose aliases map the columns. */
  readonly profile: Profile;
  /** Column overrides (`column → field`). */
  readonly map?: ColumnOverrides;
  /** Line of the header row, when detection should not be used. */
  readonly headerRow?: number;
  /** Convert columns typed in TCVN3/VNI/VIQR or mojibake (default true). */
  readonly fixLegacyFonts?: boolean;
}

/** Rows searched for the header. */
const HEADER_SEARCH_ROWS = 20;
/** Rows sampled per column to detect a legacy font before rows are released. */
const FONT_SAMPLE_ROWS = 500;

function isBlank(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/**
 * Turns raw rows (arrays of cells, or objects) into mapped rows and a report. Push rows in order, then call
 * `end()`. Rows are held back only until the header is found and a sample for legacy-font detection is read.
 *
 * @example
 * const t = new TableBuilder({ profile: generic }, { format: 'rows' });
 * t.pushCells(['DANH SÁCH HỘI VIÊN'], 1);
 * t.pushCells(['Họ và tên', 'Số CCCD'], 2);
 * [...t.pushCells(['Nguyễn Văn An', '001089012345'], 3), ...t.end()][0]?.values
 * //=> { fullName: 'Nguyễn Văn An', citizenId: '001089012345' }
 */
export class TableBuilder {
  readonly report: ReadReport;
  private readonly options: TableOptions;
  private preHeader: { line: number; cells: CellValue[] }[] = [];
  private mapping: readonly ColumnMapping[] | undefined;
  private objectMode = false;
  private sample: TableRow[] = [];
  private sampling = true;
  private fonts = new Map<string, { font: LegacyFont; converted: number }>();
  private failed = false;

  constructor(options: TableOptions, report: Partial<ReadReport> & Pick<ReadReport, 'format'>) {
    this.options = options;
    this.report = { titleRows: 0, columns: [], legacyFonts: [], broken: [], rows: 0, blankLines: 0, ...report };
  }

  /** The mapping error, once known. */
  get error(): MappingError | undefined {
    return this.report.error;
  }

  /**
   * What a builder reading a later part of the same file needs to map and convert its rows alike: the
   * columns and the legacy fonts found. Undefined until the header is mapped and the font sample is read.
   */
  get settings(): TableSettings | undefined {
    if (this.failed || this.mapping === undefined || (this.sampling && this.options.fixLegacyFonts !== false)) return undefined;
    return { columns: this.mapping, fonts: [...this.fonts].map(([field, f]) => [field, f.font]) };
  }

  /**
   * A builder for a later part of a file whose header another builder read: rows flow at once, mapped and
   * converted with `settings`; its report counts only this part's rows (see {@link mergeReadReports}).
   */
  static continuing(options: TableOptions, report: Partial<ReadReport> & Pick<ReadReport, 'format'>, settings: TableSettings): TableBuilder {
    const t = new TableBuilder(options, report);
    t.mapping = settings.columns;
    t.report.columns = [...settings.columns];
    t.sampling = false;
    for (const [field, font] of settings.fonts) t.fonts.set(field, { font, converted: 0 });
    return t;
  }

  /** Whether the header has been found and mapped (rows will flow). */
  get ready(): boolean {
    return this.mapping !== undefined || this.objectMode;
  }

  /** Adds a row of cells (CSV, Excel). `broken` marks a line the parser could not read cleanly. */
  pushCells(cells: CellValue[], line: number, broken?: BrokenLine): TableRow[] {
    if (this.failed) return [];
    if (this.mapping === undefined) {
      if (isBlank(cells)) {
        this.report.blankLines++;
        return [];
      }
      this.preHeader.push({ line, cells });
      if (broken !== undefined) this.report.broken.push(broken);
      const limit = this.options.headerRow !== undefined ? line >= this.options.headerRow : this.preHeader.length >= HEADER_SEARCH_ROWS;
      return limit ? this.settleHeader() : [];
    }
    return this.data(cells, line, broken);
  }

  /** Adds a row given as an object (JSON, in-memory arrays): its keys are the headers. */
  pushObject(value: unknown, line: number): TableRow[] {
    if (this.failed) return [];
    this.objectMode = true;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const broken: BrokenLine = { line, code: 'not_an_object', message: 'the entry is not an object of named fields' };
      this.report.broken.push(broken);
      return this.emit({ line, values: {}, broken });
    }
    const values: FieldRow = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const field = this.objectField(k);
      if (field === '') continue;
      setField(values, field, toCell(v));
    }
    return this.emit({ line, values });
  }

  /** Adds a line that could not be parsed at all (bad JSON): reported, and kept as an empty row. */
  pushBroken(line: number, code: string, message: string): TableRow[] {
    if (this.failed) return [];
    const broken: BrokenLine = { line, code, message };
    this.report.broken.push(broken);
    if (!this.ready && (this.report.format === 'json' || this.report.format === 'ndjson')) this.objectMode = true;
    if (!this.ready) {
      this.preHeader.push({ line, cells: [] });
      return [];
    }
    return this.emit({ line, values: {}, broken });
  }

  /** Ends the input: settles the header if still pending, releases held rows. */
  end(): TableRow[] {
    if (this.failed) return [];
    const out: TableRow[] = [];
    if (this.mapping === undefined && !this.objectMode) {
      if (this.preHeader.length === 0) {
        this.fail({ code: 'no_header', message: 'The file holds no rows.', found: [], missing: [] });
        return [];
      }
      out.push(...this.settleHeader());
      if (this.failed) return [];
    }
    out.push(...this.flushSample());
    this.report.broken.sort((a, b) => a.line - b.line);
    return out;
  }

  private objectKeys = new Map<string, string>();
  private objectField(key: string): string {
    const known = this.objectKeys.get(key);
    if (known !== undefined) return known;
    const headers = [...this.objectKeys.keys(), key];
    const m = mapColumns(headers, this.options.profile, {});
    const col = m.columns[m.columns.length - 1];
    const field = col === undefined || col.via === 'ignored' ? '' : col.field;
    const override = this.options.map?.[key];
    const chosen = override !== undefined ? (override === '-' ? '' : override) : field;
    this.objectKeys.set(key, chosen);
    this.report.columns.push({ index: this.report.columns.length, header: key, field: chosen, via: override !== undefined ? (override === '-' ? 'ignored' : 'override') : (col?.via ?? 'extra') });
    return chosen;
  }

  private settleHeader(): TableRow[] {
    const rows = this.preHeader;
    this.preHeader = [];
    let at: number;
    if (this.options.headerRow !== undefined) at = rows.findIndex((r) => r.line === this.options.headerRow);
    else at = findHeaderRow(rows, this.options.profile);
    if (at < 0 && this.options.map !== undefined && Object.keys(this.options.map).length > 0 && this.options.headerRow === undefined) {
      // With explicit overrides, the first row is the header even when it names no known column.
      at = 0;
    }
    if (at < 0) {
      // The first row of a headerless file is data: say how it looks, never what it holds.
      const width = rows[0]?.cells.length ?? 0;
      const aliases = this.options.profile.requiredAnyOf.flat().concat(this.options.profile.required);
      this.fail({
        code: 'no_header',
        message:
          `No header row found in the first ${rows.length} rows for the ${this.options.profile.name} profile. ` +
          `The first row has ${width} cells and names fewer than two known columns. Expected headers such as ${aliases.map((f) => `${f}: ${(this.options.profile.columns[f] ?? []).slice(0, 4).map((a) => `"${a}"`).join(', ')}`).join('; ')}. ` +
          `If the headers look garbled, the encoding may be wrong (try --encoding). Add a header row, or name the header line with --header-row, or map columns with ${this.options.profile.kind === 'reference' ? '--reference-map' : '--map'} "#1=${this.options.profile.kind === 'reference' ? 'id' : 'citizenId'}".`,
        found: [],
        missing: aliases.map((f) => ({ fields: [f], aliases: [...(this.options.profile.columns[f] ?? [])] })),
      });
      return [];
    }
    const header = rows[at]!;
    this.report.headerRow = header.line;
    this.report.titleRows = at;
    const result = mapColumns(header.cells.map(headerText), this.options.profile, this.options.map ?? {});
    this.report.columns = [...result.columns];
    if (!result.ok) {
      this.fail(result.error);
      return [];
    }
    this.mapping = result.columns;
    const out: TableRow[] = [];
    for (const r of rows.slice(at + 1)) out.push(...this.data(r.cells, r.line, this.report.broken.find((b) => b.line === r.line)));
    return out;
  }

  private fail(error: MappingError): void {
    this.failed = true;
    this.report.error = error;
    this.sample = [];
  }

  private data(cells: CellValue[], line: number, broken?: BrokenLine): TableRow[] {
    if (isBlank(cells)) {
      this.report.blankLines++;
      return [];
    }
    const mapping = this.mapping!;
    let trimmed = cells.length;
    while (trimmed > mapping.length && isBlank([cells[trimmed - 1] ?? null])) trimmed--;
    let b = broken;
    if (b === undefined && trimmed !== mapping.length) {
      b = {
        line,
        code: 'ragged_row',
        message: trimmed > mapping.length ? `row has ${trimmed} cells but the header has ${mapping.length}; extra cells kept as "column N"` : `row has ${trimmed} cells but the header has ${mapping.length}; missing cells left empty`,
      };
      this.report.broken.push(b);
    }
    const values: FieldRow = {};
    for (const col of mapping) {
      if (col.via === 'ignored') continue;
      const v = cells[col.index];
      if (v !== undefined) setField(values, col.field, v);
    }
    for (let i = mapping.length; i < trimmed; i++) setField(values, `column ${i + 1}`, cells[i] ?? null);
    return this.emit(b === undefined ? { line, values } : { line, values, broken: b });
  }

  private checked = false;
  /** JSON rows have no header row: the keys seen in the sample must cover the profile's required fields. */
  private checkObjectColumns(): boolean {
    if (this.checked || !this.objectMode) return true;
    this.checked = true;
    const keys = [...this.objectKeys.keys()];
    const result = mapColumns(keys, this.options.profile, this.options.map ?? {});
    if (!result.ok && (keys.length > 0 || this.sample.length > 0)) {
      this.fail(result.error);
      return false;
    }
    return true;
  }

  private emit(row: TableRow): TableRow[] {
    if (this.options.fixLegacyFonts === false && !this.checkObjectColumns()) return [];
    if (this.sampling && this.options.fixLegacyFonts !== false) {
      this.sample.push(row);
      return this.sample.length >= FONT_SAMPLE_ROWS ? this.flushSample() : [];
    }
    this.report.rows++;
    return [this.convert(row)];
  }

  private flushSample(): TableRow[] {
    if (!this.sampling) return [];
    if (!this.checkObjectColumns()) return [];
    this.sampling = false;
    const sample = this.sample;
    this.sample = [];
    if (this.options.fixLegacyFonts !== false) this.detectFonts(sample);
    this.report.rows += sample.length;
    return sample.map((r) => this.convert(r));
  }

  private detectFonts(sample: readonly TableRow[]): void {
    const byField = new Map<string, string[]>();
    for (const r of sample) {
      for (const [k, v] of Object.entries(r.values)) {
        if (typeof v !== 'string' || !/[^\x20-\x7e]|[\^~`'?(+]/.test(v)) continue;
        let list = byField.get(k);
        if (list === undefined) byField.set(k, (list = []));
        list.push(v);
      }
    }
    for (const [field, samples] of byField) {
      const d = detectLegacyFont(samples);
      if (d.font === undefined || d.confidence < 0.5) continue;
      // detectLegacyFont already counts cells typed in Unicode against every font. A column of short strings
      // without letters beyond Latin-1 ("Hoà" reads as VNI "Hồ") can still tip it; a legacy column is
      // mostly repairable, so also require a real share before touching the column.
      const repaired = samples.filter((s) => repairVietnamese(s).font === d.font).length;
      if (repaired >= Math.max(2, samples.length * 0.3)) this.fonts.set(field, { font: d.font, converted: 0 });
    }
  }

  private convert(row: TableRow): TableRow {
    if (this.fonts.size === 0) return row;
    let values: FieldRow | undefined;
    for (const [field, info] of this.fonts) {
      const v = row.values[field];
      if (typeof v !== 'string' || v === '') continue;
      const repaired = repairVietnamese(v);
      const text = repaired.font === info.font ? repaired.text : v;
      if (text === v) continue;
      values ??= { ...row.values };
      setField(values, field, text);
      info.converted++;
    }
    this.report.legacyFonts = [...this.fonts].map(([field, i]) => ({ field, font: i.font, converted: i.converted }));
    return values === undefined ? row : { ...row, values };
  }
}

/** See {@link TableBuilder.settings}. Plain data, so it can be posted to another thread. */
export interface TableSettings {
  readonly columns: readonly ColumnMapping[];
  readonly fonts: readonly (readonly [string, LegacyFont])[];
}

/**
 * Adds the report of a later part of the same file (read by a {@link TableBuilder.continuing} builder,
 * whose lines count from 1) to the report of the part before it, whose next line is `lineOffset + 1`.
 */
export function mergeReadReports(into: ReadReport, part: Pick<ReadReport, 'rows' | 'blankLines' | 'broken' | 'legacyFonts'>, lineOffset: number): void {
  into.rows += part.rows;
  into.blankLines += part.blankLines;
  for (const b of part.broken) into.broken.push({ ...b, line: b.line + lineOffset });
  const fonts = new Map(into.legacyFonts.map((f) => [f.field, f]));
  for (const f of part.legacyFonts) {
    const known = fonts.get(f.field);
    fonts.set(f.field, known === undefined ? f : { ...known, converted: known.converted + f.converted });
  }
  into.legacyFonts = [...fonts.values()];
}

function setField(values: FieldRow, field: string, v: CellValue): void {
  // Only "__proto__" is special for assignment; defineProperty on every cell made each row a slow
  // dictionary-mode object.
  if (field === '__proto__') Object.defineProperty(values, field, { value: v, enumerable: true, writable: true, configurable: true });
  else values[field] = v;
}

function toCell(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (Array.isArray(v)) return v.map((x) => (x === null || x === undefined ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x))).join('; ');
  return JSON.stringify(v);
}

/**
 * Reads in-memory rows (objects keyed by header, or arrays of cells with a header row) through a profile,
 * exactly as files are read.
 *
 * @example
 * readRows([{ 'Họ và tên': 'Nguyễn Văn An', 'Số CCCD': '001089012345' }], { profile: generic }).rows[0]?.values
 * //=> { fullName: 'Nguyễn Văn An', citizenId: '001089012345' }
 */
export function readRows(input: Iterable<unknown>, options: TableOptions): { rows: TableRow[]; report: ReadReport } {
  const t = new TableBuilder(options, { format: 'rows' });
  const rows: TableRow[] = [];
  let i = 0;
  for (const r of input) {
    i++;
    rows.push(...(Array.isArray(r) ? t.pushCells(r.map(toCell), i) : t.pushObject(r, i)));
  }
  rows.push(...t.end());
  return { rows, report: t.report };
}

/**
 * Prepares mapped rows for reconciliation: applies the profile's `expand` (a marriage row becomes two people),
 * numbering rows 1.. in order. The result feeds `reconcile` (sector) or `buildReference` (reference).
 *
 * @example
 * toRecords(readRows(rows, { profile: civilStatus }).rows, civilStatus).length //=> 2 for one marriage row
 */
export function toRecords(rows: Iterable<TableRow>, profile: Profile, start = 1): FieldRow[] {
  const out: FieldRow[] = [];
  let n = start - 1;
  for (const r of rows) {
    n++;
    if (profile.expand === undefined) out.push(r.values);
    else out.push(...profile.expand(r.values, n));
  }
  return out;
}
