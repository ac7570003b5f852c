// One CSV cell for spreadsheets: formula-neutralised, quoted when needed (RFC 4180).
import { safeCell } from './mask.js';

/** Quotes a value for CSV after neutralising formula starts. */
export function csvCell(value: string): string {
  const v = safeCell(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV line (CRLF-terminated, as Excel writes). */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The UTF-8 byte-order mark Excel needs to read UTF-8 CSV as UTF-8. */
export const BOM = '\uFEFF';
