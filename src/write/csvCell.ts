// One CSV cell for spreadsheets: formula-neutralised, quoted when needed (RFC 4180).
import { safeCell } from './mask.js';

/** Quotes a value for CSV after neutralising formula starts. */
export function csvCell(value: string): string {
  if (value === '') return '';
  const v = safeCell(value);
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** A CSV line (CRLF-terminated, as Excel writes). */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The UTF-8 byte-order mark Excel needs to read UTF-8 CSV as UTF-8. */
export const BOM = '\uFEFF';
