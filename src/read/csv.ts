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
  /** Line number of the first line of the text (default 1): for a part of a file cut at a record's end. */
  readonly firstLine?: number;
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
 * records completed so far, with the line each starts on. Work is linear in the input whatever the chunking:
 * each chunk is scanned once and a record spanning many chunks is joined once, when it completes.
 *
 * @example
 * const p = new CsvChunkParser();
 * [...p.write('a;b\n"x\ny";z'), ...p.end()].map((r) => [r.line, r.cells])
 * //=> [[1, ['a', 'b']], [2, ['x\ny', 'z']]]
 */
export class CsvChunkParser {
  /** Text of the current, incomplete record, one piece per chunk: joined once, when the record ends. */
  private parts: string[] = [];
  /** The last character of the previous chunk when it needs the next one to be understood (`"` or CR). */
  private carry = '';
  /** Chunks held until enough text is seen to detect the delimiter. */
  private sample: string[] = [];
  private sampleLength = 0;
  private inQuotes = false;
  private atFieldStart = true;
  private newlines = 0;
  private line = 1;
  private delim: CsvDelimiter | undefined;
  private work = 0;

  constructor(options: CsvParserOptions = {}) {
    if (options.delimiter !== undefined && options.delimiter !== 'auto') this.delim = options.delimiter;
    if (options.firstLine !== undefined) this.line = options.firstLine;
  }

  /** The delimiter in use (undefined until enough text was seen to detect it). */
  get delimiter(): CsvDelimiter | undefined {
    return this.delim;
  }

  /**
   * Characters examined or copied so far. Stays within a small multiple of the input length whatever the
   * chunking (at most 4× on any input); exposed so that linearity can be tested without timing.
   */
  get workDone(): number {
    return this.work;
  }

  /**
   * Whether the text written so far ends exactly where a record ends (outside quotes, nothing held), so
   * the text after it parses the same on its own: how a file split for reading in parallel is checked.
   */
  get atRecordEnd(): boolean {
    return this.delim !== undefined && !this.inQuotes && this.carry === '' && this.parts.length === 0 && this.sampleLength === 0 && this.newlines === 0;
  }

  /** The 1-based line the next record starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** Characters of the record in progress held so far (a quoted field left open holds the rest of the input). */
  get heldChars(): number {
    let n = this.carry.length;
    for (const p of this.parts) n += p.length;
    return n;
  }

  /** Adds a chunk of text; returns the records it completes. */
  write(text: string): CsvRecord[] {
    if (this.delim === undefined) {
      this.sample.push(text);
      this.sampleLength += text.length;
      if (this.sampleLength < DETECT_SAMPLE) return [];
      const held = this.takeSample();
      this.delim = detectDelimiter(held);
      return this.feed(held, false);
    }
    return this.feed(text, false);
  }

  /** Ends the input; returns the last records. */
  end(): CsvRecord[] {
    if (this.delim === undefined) {
      const held = this.takeSample();
      this.delim = detectDelimiter(held);
      return this.feed(held, true);
    }
    return this.feed('', true);
  }

  private takeSample(): string {
    const held = this.sample.join('');
    this.work += held.length;
    this.sample = [];
    this.sampleLength = 0;
    return held;
  }

  /** The current record's text: the held pieces plus `s[from, to)`; clears the pieces. */
  private take(s: string, from: number, to: number): string {
    if (this.parts.length === 0) return s.slice(from, to);
    this.parts.push(s.slice(from, to));
    const text = this.parts.join('');
    this.work += text.length;
    this.parts = [];
    return text;
  }

  private feed(text: string, final: boolean): CsvRecord[] {
    const s = this.carry === '' ? text : this.carry + text;
    this.carry = '';
    const out: CsvRecord[] = [];
    const d = (this.delim ?? ',').charCodeAt(0);
    const len = s.length;
    let recStart = this.inQuotes ? 0 : this.plainLines(s, out);
    let i = recStart;
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
        } else if (c === LF) {
          this.newlines++;
        } else if (c === CR) {
          if (i + 1 >= len && !final) break;
          if (s.charCodeAt(i + 1) !== LF) this.newlines++;
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
        // What `push` does, written out: through the call, fully quoted files read ~5 % slower.
        out.push(this.record(this.take(s, recStart, end), this.line));
        this.line += this.newlines + 1;
        this.newlines = 0;
        recStart = i + 1;
        this.atFieldStart = true;
        continue;
      }
      this.atFieldStart = false;
    }
    this.work += i;
    if (!final) {
      if (i < len) this.carry = s.slice(i);
      if (i > recStart) this.parts.push(s.slice(recStart, i));
      return out;
    }
    const rest = this.take(s, recStart, len);
    if (this.inQuotes) this.unclosed(rest, out);
    else if (rest.length > 0) out.push(this.record(rest, this.line));
    this.inQuotes = false;
    this.atFieldStart = true;
    this.newlines = 0;
    return out;
  }

  /**
   * Reads the complete lines of `s` before its first quote, finding their ends with `indexOf` instead of
   * looking at every character (most registers quote nothing: a third of the time spent reading them went
   * to that scan). Returns where the next record starts: the character loop goes on from there. Lines
   * ending in CRLF are read here too; a lone CR, which also ends a record, hands over to the loop.
   */
  private plainLines(s: string, out: CsvRecord[]): number {
    const quote = s.indexOf('"');
    const limit = quote < 0 ? s.length : quote;
    let recStart = 0;
    for (;;) {
      const cr = s.indexOf('\r', recStart);
      const crAt = cr < 0 || cr > limit ? limit : cr;
      // Lines ending before the next CR end in a plain LF.
      recStart = this.lfLines(s, recStart, crAt, out);
      if (crAt === limit || s.charCodeAt(cr + 1) !== LF || cr + 1 >= limit) return recStart;
      // The line holding that CR ends with it and the LF after it (any earlier CR would have been found).
      this.push(out, this.take(s, recStart, cr));
      recStart = cr + 2;
    }
  }

  /**
   * Reads the lines of `s` from `from` whose LF comes before `limit`; returns where the next record starts.
   * A loop of its own, without a branch for CRs: V8 compiled the loop that had one (never taken on a file
   * without CRs) into code ~40 times slower than the character scan.
   */
  private lfLines(s: string, from: number, limit: number, out: CsvRecord[]): number {
    let recStart = from;
    for (;;) {
      const lf = s.indexOf('\n', recStart);
      if (lf < 0 || lf >= limit) return recStart;
      this.push(out, this.take(s, recStart, lf));
      recStart = lf + 1;
    }
  }

  /** Adds a record that ends a line outside quotes. */
  private push(out: CsvRecord[], text: string): void {
    out.push(this.record(text, this.line));
    this.line += this.newlines + 1;
    this.newlines = 0;
    this.atFieldStart = true;
  }

  /**
   * The input ended inside the quoted field of the record that `t` starts with. That record's first line is
   * read without quote handling, and reading starts afresh on the next line. A re-read record that is inside
   * quotes at a line break is unclosed too: the first reading was inside quotes at every line break after
   * the unclosed record began, and both readings then go on identically to the end. So it is cut there,
   * and each character is re-read at most twice instead of once per unclosed record.
   */
  private unclosed(t: string, out: CsvRecord[]): void {
    const delimiter = this.delim ?? ',';
    const d = delimiter.charCodeAt(0);
    const len = t.length;
    let start = 0;
    for (;;) {
      let e = start;
      while (e < len && t.charCodeAt(e) !== LF && t.charCodeAt(e) !== CR) e++;
      out.push({
        line: this.line,
        cells: t.slice(start, e).split(delimiter),
        error: { code: 'unclosed_quote', message: 'a quoted field is never closed; the line was read without quote handling' },
      });
      this.line += 1;
      let i = e < len && t.charCodeAt(e) === CR && t.charCodeAt(e + 1) === LF ? e + 2 : e + 1;
      this.work += i - start;
      let recStart = i;
      let inQuotes = false;
      let atFieldStart = true;
      const from = i;
      for (; i < len; i++) {
        const c = t.charCodeAt(i);
        if (inQuotes) {
          if (c === QUOTE) {
            if (t.charCodeAt(i + 1) === QUOTE) {
              i++;
              continue;
            }
            inQuotes = false;
            atFieldStart = false;
          } else if (c === LF || c === CR) {
            break;
          }
          continue;
        }
        if (c === QUOTE && atFieldStart) {
          inQuotes = true;
          atFieldStart = false;
          continue;
        }
        if (c === d) {
          atFieldStart = true;
          continue;
        }
        if (c === LF || c === CR) {
          const end = i;
          if (c === CR && t.charCodeAt(i + 1) === LF) i++;
          out.push(this.record(t.slice(recStart, end), this.line));
          this.line += 1;
          recStart = i + 1;
          atFieldStart = true;
          continue;
        }
        atFieldStart = false;
      }
      this.work += i - from;
      if (inQuotes) {
        start = recStart;
        continue;
      }
      if (recStart < len) out.push(this.record(t.slice(recStart), this.line));
      return;
    }
  }

  private record(text: string, line: number): CsvRecord {
    const delimiter = this.delim ?? ',';
    if (!text.includes('"')) return { line, cells: text.split(delimiter) };
    const quick = splitQuoted(text, delimiter);
    if (quick !== undefined) return { line, cells: quick };
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
 * Splits one record whose quoted fields are well formed (a closing quote followed by the delimiter or the
 * end); undefined otherwise, so that papaparse's recovery handles the malformed ones. Calling papaparse per
 * record costs more than the rest of the parser on files that quote every field.
 */
function splitQuoted(text: string, delimiter: string): string[] | undefined {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) {
      const k = text.indexOf(delimiter, i);
      if (k < 0) {
        cells.push(text.slice(i));
        return cells;
      }
      cells.push(text.slice(i, k));
      i = k + 1;
      continue;
    }
    let value = '';
    let from = i + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) return undefined;
      if (text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      value += text.slice(from, q);
      i = q + 1;
      break;
    }
    cells.push(value);
    if (i >= n) return cells;
    if (text.charCodeAt(i) !== d) return undefined;
    i++;
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
