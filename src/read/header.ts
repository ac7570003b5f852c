/**
 * Header rows: normalising header text so "Số CCCD", "SO_CCCD" and "so cccd" compare equal, and finding the
 * header row below the title rows officers' exports often carry ("DANH SÁCH THẺ BHYT").
 */
import { foldDiacritics } from '../normalise/text.js';
import { repairVietnamese } from './encoding/legacyFonts.js';
import type { CellValue, Profile } from '../profiles/types.js';

/** Longest header text considered; longer cells are data, not headers. */
const MAX_HEADER_LENGTH = 200;

/**
 * Normalises a header for matching: diacritics folded (Đ → D), lower case, and everything but letters and
 * digits removed.
 *
 * @example
 * normaliseHeader('Số CCCD/CMND') //=> 'socccdcmnd'
 */
export function normaliseHeader(header: string): string {
  const s = header.length > MAX_HEADER_LENGTH ? header.slice(0, MAX_HEADER_LENGTH) : header;
  return foldDiacritics(s.normalize('NFC')).toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Alias lookup of a profile: normalised alias → field. Built once per profile. */
export function aliasIndex(profile: Profile): ReadonlyMap<string, string> {
  const cached = CACHE.get(profile);
  if (cached !== undefined) return cached;
  const map = new Map<string, string>();
  for (const [field, aliases] of Object.entries(profile.columns)) {
    const own = normaliseHeader(field);
    if (!map.has(own)) map.set(own, field);
    for (const a of aliases) {
      const n = normaliseHeader(a);
      // The first field to claim an alias keeps it, so a profile can order fields by priority.
      if (n !== '' && !map.has(n)) map.set(n, field);
    }
  }
  CACHE.set(profile, map);
  return map;
}
const CACHE = new WeakMap<Profile, Map<string, string>>();

/**
 * The field a header names, if any. A header typed in a legacy font or garbled by a wrong encoding
 * ("Há» vÃ  tÃªn", "Hä vµ tªn") is repaired first, so the file is still recognised.
 *
 * @example
 * lookupField(aliasIndex(generic), 'Há» vÃ  tÃªn') //=> 'fullName'
 */
export function lookupField(index: ReadonlyMap<string, string>, header: string): string | undefined {
  const direct = index.get(normaliseHeader(header));
  if (direct !== undefined || /^[ -~]*$/.test(header)) return direct;
  const repaired = repairVietnamese(header);
  return repaired.font === undefined ? undefined : index.get(normaliseHeader(repaired.text));
}

/** Text of a cell as a header. */
export function headerText(cell: CellValue | undefined): string {
  if (cell === undefined || cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** How many cells of a row name a column of the profile. */
export function countHeaderMatches(cells: readonly CellValue[], profile: Profile): number {
  const index = aliasIndex(profile);
  const seen = new Set<string>();
  for (const c of cells) {
    const t = headerText(c);
    if (t === '' || t.length > MAX_HEADER_LENGTH) continue;
    const field = lookupField(index, t);
    if (field !== undefined) seen.add(field);
  }
  return seen.size;
}

/**
 * Picks the header row among the first rows of a file: the one naming the most columns of the profile
 * (at least two, or one when the row has a single cell), earliest on a tie. Title rows above it are skipped.
 *
 * @param rows - The first rows (already without blank ones), each with its line number.
 * @returns The index in `rows` of the header, or -1 when no row looks like one.
 * @example
 * findHeaderRow([{ line: 1, cells: ['DANH SÁCH THẺ BHYT'] }, { line: 2, cells: ['STT', 'Họ và tên', 'Số CCCD'] }], healthInsurance)
 * //=> 1
 */
export function findHeaderRow(rows: readonly { readonly cells: readonly CellValue[] }[], profile: Profile): number {
  let best = -1;
  let bestScore = 0;
  rows.forEach((r, i) => {
    const nonEmpty = r.cells.filter((c) => headerText(c) !== '').length;
    const score = countHeaderMatches(r.cells, profile);
    const enough = score >= 2 || (score === 1 && nonEmpty === 1);
    if (enough && score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
