/**
 * JSON arrays and NDJSON (one object per line) through the same mapping as CSV and Excel.
 */
import type { TableBuilder, TableRow } from './table.js';

/** Options of an {@link NdjsonChunkParser}. */
export interface NdjsonParserOptions {
  /** The longest line held (characters); past it `tooLong` is thrown. Unlimited by default. */
  readonly maxLineChars?: number;
  /** The error thrown for a line past `maxLineChars`, given its 1-based line number. */
  readonly tooLong?: (line: number) => Error;
}

/**
 * Incremental NDJSON reader: feed text chunks, get one call per complete line. A line that is not valid
 * JSON is reported as broken and still yields an (empty) row, so no line is lost.
 *
 * @example
 * const p = new NdjsonChunkParser(table);
 * p.write('{"Họ và tên":"Nguyễn Văn An"}\n{bad\n').length //=> 2
 */
export class NdjsonChunkParser {
  /** The start of a line not ended yet, as the chunks brought it: joined once it ends (a string grown by
   * `+=` and searched each chunk was copied whole each chunk, quadratic in a long line). */
  private held: string[] = [];
  private heldChars = 0;
  private line = 0;
  constructor(
    private readonly table: TableBuilder,
    private readonly options: NdjsonParserOptions = {},
  ) {}

  /** Adds a chunk; returns the rows its complete lines produce. */
  write(text: string): TableRow[] {
    const out: TableRow[] = [];
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      this.checkLength(this.heldChars + nl - start);
      const piece = text.slice(start, nl);
      let line = piece;
      if (this.held.length > 0) {
        this.held.push(piece);
        line = this.held.join('');
        this.held = [];
        this.heldChars = 0;
      }
      out.push(...this.lineOf(line));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) {
      this.held.push(start === 0 ? text : text.slice(start));
      this.heldChars += text.length - start;
      this.checkLength(this.heldChars);
    }
    return out;
  }

  /** Ends the input. */
  end(): TableRow[] {
    const rest = this.held.join('');
    this.held = [];
    this.heldChars = 0;
    const out = rest === '' ? [] : this.lineOf(rest);
    return [...out, ...this.table.end()];
  }

  /** Throws for the next line when `length` characters of it are past `maxLineChars` (whether it has ended or not). */
  private checkLength(length: number): void {
    const max = this.options.maxLineChars;
    if (max === undefined || length <= max) return;
    const line = this.line + 1;
    throw this.options.tooLong?.(line) ?? new RangeError(`line ${line}: longer than ${max} characters`);
  }

  private lineOf(text: string): TableRow[] {
    this.line++;
    const t = text.trim();
    if (t === '') {
      this.table.report.blankLines++;
      return [];
    }
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      return this.table.pushBroken(this.line, 'invalid_json', 'the line is not valid JSON; kept as an empty row');
    }
    return this.table.pushObject(value, this.line);
  }
}

/**
 * Reads a JSON document: an array of objects (or an object with one array property such as `{ "data": [...] }`).
 * Line numbers are 1-based positions in the array. Invalid JSON is reported as one broken line.
 *
 * @example
 * readJsonText('[{"Họ và tên":"Nguyễn Văn An"}]', table).length //=> 1
 */
export function readJsonText(text: string, table: TableBuilder): TableRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    table.pushBroken(1, 'invalid_json', 'the file is not valid JSON');
    return table.end();
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const arrays = Object.values(value as Record<string, unknown>).filter(Array.isArray);
    value = arrays.length === 1 ? arrays[0] : [value];
  }
  const out: TableRow[] = [];
  const list = Array.isArray(value) ? value : [value];
  list.forEach((v, i) => out.push(...table.pushObject(v, i + 1)));
  return [...out, ...table.end()];
}

/**
 * Tells JSON from NDJSON by the first non-blank character and the second line.
 *
 * @example
 * jsonFlavour('{"a":1}\n{"a":2}\n') //=> 'ndjson'
 */
export function jsonFlavour(head: string): 'json' | 'ndjson' {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('[')) return 'json';
  const lines = t.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 1 && lines[0]!.trim().endsWith('}') && lines[1]!.trim().startsWith('{') ? 'ndjson' : 'json';
}
