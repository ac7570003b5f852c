/**
 * CSV parsing over text chunks, so a file of any size is read without holding it as one string.
 * Records are split here (newlines outside quotes); fields are split by papaparse when a record holds quotes.
 * Nothing throws: a malformed record is returned with an error and its cells, never dropped.
 */
import Papa from 'papaparse';

/** Delimiters recognised by detection. */
export type CsvDelimiter = ',' | ';' | '\t' | '|';

/** One CSV record. */
export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  readonly line: number;
  readonly cells: string[];
  /** Set when the record is malformed (unclosed or stray quotes); its cells are still the best reading. */
  readonly error?: { readonly code: 'unclosed_quote' | 'invalid_quotes'; readonly message: string };
}

/** Options of {@link CsvChunkParser}. */
export interface CsvParserOptions {
  /** Field delimiter, or `'auto'` (default) to detect it from the first 64 KiB. */
  readonly delimiter?: CsvDelimiter | 'auto';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Text held before the delimiter is detected. */
const DETECT_SAMPLE = 65_536;

/**
 * Detects the delimiter of CSV text: the candidate that splits the most lines into the same number of
 * fields (quoted sections ignored), so title rows above the header do not mislead it. Defaults to a comma.
 *
 * @example
 * detectDelimiter('Họ và tên;Ngày sinh\nNguyễn Văn An;05/07/1989\n') //=> ';'
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  const text = sample.length > DETECT_SAMPLE ? sample.slice(0, DETECT_SAMPLE) : sample;
  const lines = text
    .replace(/"(?:[^"]|"")*"/g, '""')
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 50);
  let best: CsvDelimiter = ',';
  let bestFreq = 0;
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|'] as const) {
    const counts = new Map<number, number>();
    for (const l of lines) {
      let n = 0;
      for (let i = 0; i < l.length; i++) if (l[i] === d) n++;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const [count, freq] of counts) {
      if (freq > bestFreq || (freq === bestFreq && count > bestCount)) {
        best = d;
        bestFreq = freq;
        bestCount = count;
      }
    }
  }
  return best;
}

/**
 * Incremental CSV parser: feed decoded text chunks with `write`, then call `end`. Each call returns the
 * records completed so far, with the line each starts on.
 *
 * @example
 * const p = new CsvChunkParser();
 * [...p.write('a;b\n"x\ny";z'), ...p.end()].map((r) => [r.line, r.cells])
 * //=> [[1, ['a', 'b']], [2, ['x\ny', 'z']]]
 */
export class CsvChunkParser {
  private pending = '';
  private pos = 0;
  private recStart = 0;
  private inQuotes = false;
  private atFieldStart = true;
  private newlines = 0;
  private line = 1;
  private delim: CsvDelimiter | undefined;

  constructor(options: CsvParserOptions = {}) {
    if (options.delimiter !== undefined && options.delimiter !== 'auto') this.delim = options.delimiter;
  }

  /** The delimiter in use (undefined until enough text was seen to detect it). */
  get delimiter(): CsvDelimiter | undefined {
    return this.delim;
  }

  /** Adds a chunk of text; returns the records it completes. */
  write(text: string): CsvRecord[] {
    this.pending += text;
    if (this.delim === undefined) {
      if (this.pending.length < DETECT_SAMPLE) return [];
      this.delim = detectDelimiter(this.pending);
    }
    return this.scan(false);
  }

  /** Ends the input; returns the last records. */
  end(): CsvRecord[] {
    this.delim ??= detectDelimiter(this.pending);
    return this.scan(true);
  }

  private scan(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const d = (this.delim ?? ',').charCodeAt(0);
    const s = this.pending;
    const len = s.length;
    let i = this.pos;
    for (;;) {
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (this.inQuotes) {
          if (c === QUOTE) {
            if (i + 1 >= len && !final) break;
            if (s.charCodeAt(i + 1) === QUOTE) {
              i++;
              continue;
            }
            this.inQuotes = false;
            this.atFieldStart = false;
          } else if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) {
            if (c === CR && i + 1 >= len && !final) break;
            this.newlines++;
          }
          continue;
        }
        if (c === QUOTE && this.atFieldStart) {
          this.inQuotes = true;
          this.atFieldStart = false;
          continue;
        }
        if (c === d) {
          this.atFieldStart = true;
          continue;
        }
        if (c === LF || c === CR) {
          if (c === CR && i + 1 >= len && !final) break;
          const end = i;
          if (c === CR && s.charCodeAt(i + 1) === LF) i++;
          out.push(this.record(s.slice(this.recStart, end), this.line));
          this.line += this.newlines + 1;
          this.newlines = 0;
          this.recStart = i + 1;
          this.atFieldStart = true;
          continue;
        }
        this.atFieldStart = false;
      }
      if (!final || !this.inQuotes) break;
      // An unclosed quote: read its first line without quote handling, report it, and go on after it.
      const m = /\r\n|\n|\r/.exec(s.slice(this.recStart));
      const lineEnd = m === null ? len : this.recStart + m.index;
      out.push({
        line: this.line,
        cells: s.slice(this.recStart, lineEnd).split(this.delim ?? ','),
        error: { code: 'unclosed_quote', message: 'a quoted field is never closed; the line was read without quote handling' },
      });
      this.line += 1;
      this.recStart = m === null ? len : lineEnd + m[0].length;
      this.newlines = 0;
      this.inQuotes = false;
      this.atFieldStart = true;
      i = this.recStart;
    }
    if (final) {
      if (this.recStart < len) out.push(this.record(s.slice(this.recStart), this.line));
      this.pending = '';
      this.pos = 0;
      this.recStart = 0;
      return out;
    }
    this.pending = s.slice(this.recStart);
    this.pos = i - this.recStart;
    this.recStart = 0;
    return out;
  }

  private record(text: string, line: number): CsvRecord {
    const delimiter = this.delim ?? ',';
    if (!text.includes('"')) return { line, cells: text.split(delimiter) };
    const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', newline: '\n', skipEmptyLines: false });
    const rows = parsed.data;
    const cells = rows.length <= 1 ? (rows[0] ?? ['']) : rows.flat();
    if (parsed.errors.length > 0) {
      return { line, cells, error: { code: 'invalid_quotes', message: 'a quote inside a field is not escaped; the line was read as well as possible' } };
    }
    return { line, cells };
  }
}

/**
 * Parses a whole CSV text (convenience over {@link CsvChunkParser} for small inputs and tests).
 *
 * @example
 * parseCsv('Họ và tên,Ngày sinh\r\nNguyễn Văn An,05/07/1989\r\n').records[1]?.cells
 * //=> ['Nguyễn Văn An', '05/07/1989']
 */
export function parseCsv(text: string, options: CsvParserOptions = {}): { records: CsvRecord[]; delimiter: CsvDelimiter } {
  const p = new CsvChunkParser(options);
  const records = [...p.write(text), ...p.end()];
  return { records, delimiter: p.delimiter ?? ',' };
}
