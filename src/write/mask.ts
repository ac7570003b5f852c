/**
 * Masking of personal data in outputs meant for people (worklists, reports): enough to find the row,
 * not enough to identify the citizen.
 */
import { cleanText } from '../normalise/text.js';

/**
 * Masks an ID, keeping the first three and last three characters ("001******345").
 * IDs of six characters or fewer are masked entirely but for the last one.
 *
 * @example
 * maskId('001089012345') //=> '001******345'
 */
export function maskId(id: string): string {
  const s = id.trim();
  const n = s.length;
  if (n === 0) return '';
  if (n <= 6) return stars(n - 1) + s.charAt(n - 1);
  return s.slice(0, 3) + stars(n - 6) + s.slice(n - 3);
}

// Runs of asterisks by length: a worklist masks two IDs per line, nearly all of one length.
const STARS = Array.from({ length: 33 }, (_, k) => '*'.repeat(k));

function stars(k: number): string {
  return k < STARS.length ? STARS[k]! : '*'.repeat(k);
}

/**
 * Masks a full name: the surname whole, then initials ("Nguyễn V. A.").
 *
 * @example
 * maskName('Nguyễn Văn An') //=> 'Nguyễn V. A.'
 */
export function maskName(name: string): string {
  const words = cleanText(name).split(' ').filter((w) => w !== '');
  if (words.length === 0) return '';
  const [first, ...rest] = words;
  return [first, ...rest.map((w) => `${[...w][0]!.toUpperCase()}.`)].join(' ');
}

/**
 * Masks a date of birth down to its year ("**\/**\/1989"); partial dates keep what is not identifying.
 *
 * @example
 * maskDate('05/07/1989') //=> '**\/**\/1989'
 */
export function maskDate(text: string): string {
  const m = /(\d{4})\s*$/.exec(text);
  return m === null ? '****' : text.length > 4 ? `**/**/${m[1]}` : m[1]!;
}

/**
 * Neutralises a cell that a spreadsheet would run as a formula (= + - @, tab, CR at the start) by
 * prefixing an apostrophe, as OWASP recommends for CSV injection.
 *
 * @example
 * safeCell('=HYPERLINK("http://x")') //=> "'=HYPERLINK(\"http://x\")"
 */
export function safeCell(value: string): string {
  // A character test, not a regular expression: this runs for every cell of every worklist line.
  const c = value.charCodeAt(0);
  return c === 61 /* = */ || c === 43 /* + */ || c === 45 /* - */ || c === 64 /* @ */ || c === 9 /* tab */ || c === 13 /* CR */ ? `'${value}` : value;
}
