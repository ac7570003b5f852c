/**
 * Mapping a file's columns to model fields through a profile's aliases, with `--map column=field` overrides.
 * A file without the columns a profile needs gets one clear error naming what was found and what is accepted.
 */
import type { Profile } from '../profiles/types.js';
import { aliasIndex, lookupField, normaliseHeader } from './header.js';

/** How one column of the file is used. */
export interface ColumnMapping {
  /** 0-based position in the row. */
  readonly index: number;
  /** Header text as found ('' when empty). */
  readonly header: string;
  /** Field the column feeds: a model or profile field, or the header itself for a column kept in `extra`. */
  readonly field: string;
  /**
   * `alias`: recognised through the profile; `override`: set by `map`; `extra`: unknown, kept verbatim;
   * `duplicate`: a second column for an already mapped field, kept in `extra`; `ignored`: mapped to `-`.
   */
  readonly via: 'alias' | 'override' | 'extra' | 'duplicate' | 'ignored';
}

/** Why a file's columns cannot be used. */
export interface MappingError {
  readonly code: 'missing_columns' | 'no_header' | 'unknown_override';
  /** Explains the problem, lists the headers found and the aliases each missing field accepts. */
  readonly message: string;
  /** Headers found (cells that look like data are shown as `(data?)`). */
  readonly found: readonly string[];
  /** Each missing field (or group of alternatives) with the aliases it accepts. */
  readonly missing: readonly { readonly fields: readonly string[]; readonly aliases: readonly string[] }[];
}

/** Result of {@link mapColumns}. */
export type MapColumnsResult =
  | { readonly ok: true; readonly columns: readonly ColumnMapping[] }
  | { readonly ok: false; readonly columns: readonly ColumnMapping[]; readonly error: MappingError };

/** Column overrides: header text (or `#3` for the third column) → field (`-` to ignore the column). */
export type ColumnOverrides = Readonly<Record<string, string>>;

/**
 * Parses `--map` style overrides ("Số thẻ=cardNumber", "#2=fullName"). Entries without `=` are skipped.
 *
 * @example
 * parseColumnOverrides(['Số thẻ = cardNumber', '#2=fullName'])
 * //=> { 'Số thẻ': 'cardNumber', '#2': 'fullName' }
 */
export function parseColumnOverrides(specs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const i = s.lastIndexOf('=');
    if (i <= 0) continue;
    const column = s.slice(0, i).trim();
    const field = s.slice(i + 1).trim();
    if (column !== '' && field !== '') Object.defineProperty(out, column, { value: field, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A header is shown in messages only when it cannot be personal data (no long digit runs, short). */
export function displayHeader(header: string): string {
  if (header === '') return '(empty)';
  if (/\d{5,}/.test(header) || header.length > 60) return '(data?)';
  return header;
}

function overrideTarget(overrides: ColumnOverrides, header: string, index: number): string | undefined {
  const byPos = overrides[`#${index + 1}`];
  if (byPos !== undefined) return byPos;
  const n = normaliseHeader(header);
  if (n === '') return undefined;
  for (const [k, v] of Object.entries(overrides)) if (!k.startsWith('#') && normaliseHeader(k) === n) return v;
  return undefined;
}

/**
 * Maps header cells to fields: overrides first, then the profile's aliases; unknown columns are kept under
 * their header. Fails when a required field (or every field of a required group) has no column.
 *
 * @param headers - The header row's cells as text.
 * @param profile - The profile whose aliases and required fields apply.
 * @param overrides - `column → field`, see {@link parseColumnOverrides}.
 * @example
 * mapColumns(['STT', 'Họ và tên', 'Số CCCD'], generic).ok //=> true
 * mapColumns(['STT', 'Ghi chú'], generic).ok //=> false
 */
export function mapColumns(headers: readonly string[], profile: Profile, overrides: ColumnOverrides = {}): MapColumnsResult {
  const index = aliasIndex(profile);
  const taken = new Set<string>();
  const names = new Set<string>();
  const columns: ColumnMapping[] = [];
  const usedOverrides = new Set<string>();
  const unique = (base: string): string => {
    let name = base;
    for (let k = 2; names.has(name) || taken.has(name); k++) name = `${base} (${k})`;
    names.add(name);
    return name;
  };
  headers.forEach((raw, i) => {
    const header = raw.trim();
    const target = overrideTarget(overrides, header, i);
    if (target !== undefined) {
      for (const k of Object.keys(overrides)) if (k === `#${i + 1}` || (!k.startsWith('#') && normaliseHeader(k) === normaliseHeader(header))) usedOverrides.add(k);
      if (target === '-') {
        columns.push({ index: i, header, field: '', via: 'ignored' });
        return;
      }
      if (!taken.has(target)) {
        taken.add(target);
        columns.push({ index: i, header, field: target, via: 'override' });
        return;
      }
    }
    const field = lookupField(index, header);
    if (field !== undefined && !taken.has(field) && target === undefined) {
      taken.add(field);
      columns.push({ index: i, header, field, via: 'alias' });
      return;
    }
    const base = header === '' ? `column ${i + 1}` : header;
    columns.push({ index: i, header, field: unique(base), via: field !== undefined || target !== undefined ? 'duplicate' : 'extra' });
  });
  const found = headers.map((h) => displayHeader(h.trim()));
  const unknownOverrides = Object.keys(overrides).filter((k) => !usedOverrides.has(k));
  if (unknownOverrides.length > 0) {
    return {
      ok: false,
      columns,
      error: {
        code: 'unknown_override',
        message: `--map names ${unknownOverrides.length === 1 ? 'a column' : 'columns'} not in the file: ${unknownOverrides.map(displayHeader).join(', ')}. Columns found: ${found.join(', ')}.`,
        found,
        missing: [],
      },
    };
  }
  const missing: { fields: string[]; aliases: string[] }[] = [];
  for (const f of profile.required) if (!taken.has(f)) missing.push({ fields: [f], aliases: [...(profile.columns[f] ?? [])] });
  for (const group of profile.requiredAnyOf) {
    if (!group.some((f) => taken.has(f))) missing.push({ fields: [...group], aliases: group.flatMap((f) => profile.columns[f] ?? []) });
  }
  if (missing.length === 0) return { ok: true, columns };
  const wanted = missing
    .map((m) => `${m.fields.join(' or ')} (accepted headers: ${m.fields.map((f) => `${f}: ${(profile.columns[f] ?? []).map((a) => `"${a}"`).join(', ')}`).join('; ')})`)
    .join('; ');
  return {
    ok: false,
    columns,
    error: {
      code: 'missing_columns',
      message: `The ${profile.name} profile needs a column for ${wanted}. Columns found: ${found.join(', ')}. Rename a column or map it with ${profile.kind === 'reference' ? '--reference-map' : '--map'} "column=field".`,
      found,
      missing,
    },
  };
}
