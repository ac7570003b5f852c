/**
 * Cutting CSV bytes at record ends, so that each piece parses on its own exactly as it would inside the whole
 * file (by {@link CsvChunkParser}'s rules): lets worker threads parse a register while one thread reads it.
 * Works on the bytes of any encoding in which quote, delimiter, CR and LF are single ASCII bytes that no other
 * character contains (UTF-8, Windows-125x, not UTF-16).
 */
import type { CsvDelimiter } from './csv.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The offset just past the last line break of `bytes[0, end)` that ends a record, or -1 when none does (no
 * line break outside quotes). A line break is a line feed, or a carriage return not followed by one (a lone
 * CR is only known to be one when the byte after it is in `bytes[0, end)`), as the parser counts lines.
 * `bytes` must start where a record starts. A quote opens a field only at its start (after a delimiter or a
 * line break); inside, a doubled quote is an escaped quote and a single one closes the field, as the parser
 * reads them.
 *
 * @example
 * lastRecordEnd(new TextEncoder().encode('a,"x\ny"\nb,c\nd'), ',') //=> 12
 */
export function lastRecordEnd(bytes: Uint8Array, delimiter: CsvDelimiter, end = bytes.length): number {
  if (end <= 0) return -1;
  // A CR past the last LF is lone (a CRLF's LF would come after it); one at end - 1 may yet be a CRLF's.
  const last = Math.max(bytes.lastIndexOf(LF, end - 1), end >= 2 ? bytes.lastIndexOf(CR, end - 2) : -1);
  if (last < 0) return -1;
  const d = delimiter.charCodeAt(0);
  let inQuotes = false;
  // Where the current stretch outside quotes began, and the end of the last record found so far: when a
  // quote opens a field, the stretch before it is outside quotes, so its last line feed ends a record.
  let outsideFrom = 0;
  let cut = -1;
  // Only quotes change the state, so the scan jumps from one to the next. Every quote examined lies before
  // the line feed, so the byte after it is always there to look at.
  for (let q = bytes.indexOf(QUOTE); q >= 0 && q < last; q = bytes.indexOf(QUOTE, q + 1)) {
    if (inQuotes) {
      if (bytes[q + 1] === QUOTE) q++;
      else {
        inQuotes = false;
        outsideFrom = q + 1;
      }
      continue;
    }
    const before = q === 0 ? LF : bytes[q - 1];
    if (before === d || before === LF || before === CR) {
      inQuotes = true;
      // Each stretch is looked through once, from its end, so the whole scan stays linear.
      for (let k = q - 1; k >= outsideFrom; k--) {
        if (bytes[k] === LF || (bytes[k] === CR && bytes[k + 1] !== LF)) {
          cut = k + 1;
          break;
        }
      }
    }
  }
  return inQuotes ? cut : last + 1;
}

/**
 * Line breaks in `bytes[0, end)` as the parser counts lines: each LF, CRLF or lone CR is one.
 *
 * @example
 * countLineBreaks(new TextEncoder().encode('a\r\nb\rc\n')) //=> 3
 */
export function countLineBreaks(bytes: Uint8Array, end = bytes.length): number {
  let n = 0;
  for (let p = bytes.indexOf(LF); p >= 0 && p < end; p = bytes.indexOf(LF, p + 1)) n++;
  for (let p = bytes.indexOf(CR); p >= 0 && p < end; p = bytes.indexOf(CR, p + 1)) if (p + 1 >= end || bytes[p + 1] !== LF) n++;
  return n;
}
