/**
 * The boundary where untrusted rows enter: zod checks the row's shape, then each field is normalised.
 * A field that cannot be normalised becomes a {@link RowProblem} on that row; the row is never dropped
 * and nothing here throws.
 */
import { z } from 'zod';
import type { Citizen, Gender, PartialDate, RowProblem, SectorRecord } from './types.js';
import { cleanText } from '../normalise/text.js';
import { parsePartialDate, type ParseDateOptions } from '../normalise/date.js';
import { parseGender } from '../normalise/gender.js';
import { normaliseId, type IdScheme } from '../normalise/id.js';
import { parseCitizenStatus } from '../normalise/status.js';

/** A single cell as readers produce it: text, a number (Excel), a boolean, a date, or empty. */
export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.date(), z.null(), z.undefined()]);

/** One input row: field name → cell (a list of cells is accepted for `formerIds`). */
export const rowSchema = z.record(z.string(), z.union([cellSchema, z.array(cellSchema)]));

/** Options for reading rows into the model. */
export interface ParseRowOptions {
  /** `'vn'` (default) checks Vietnamese ID structure; `'opaque'` treats IDs as plain strings. */
  readonly idScheme?: IdScheme;
  /** Options for date parsing (order, Excel epoch). */
  readonly dates?: ParseDateOptions;
  /** Longest accepted field, in characters (default 10,000); longer values become a problem. */
  readonly maxFieldLength?: number;
}

/** Names of the model fields of a sector record (anything else is kept in `extra`). */
export const RECORD_FIELDS = ['key', 'citizenId', 'fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode', 'address', 'updatedAt'] as const;

/** Names of the model fields of a reference citizen. */
export const CITIZEN_FIELDS = ['id', 'formerIds', 'fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode', 'address', 'status', 'deathDate', 'updatedAt'] as const;

const PLAIN_WORD = /^[0-9A-Za-z]+$/;

/** Former IDs kept per citizen; a person has had at most a handful. */
const MAX_FORMER_IDS = 100;

const RECORD_FIELD_SET: ReadonlySet<string> = new Set(RECORD_FIELDS);

type Cell = z.infer<typeof cellSchema>;
type Row = z.infer<typeof rowSchema>;

/** How a problem names a field whose name is empty or blank. */
const UNNAMED_FIELD = '(unnamed column)';

class ProblemList {
  readonly items: RowProblem[] = [];
  /** Raw text of fields that failed, by field. */
  invalid: Record<string, string> | undefined;
  add(field: string, code: string, message: string, raw?: Cell): void {
    // A row built from a header with an empty cell has a '' key; a problem naming '' names nothing.
    this.items.push({ field: field.trim() === '' ? UNNAMED_FIELD : field, code, message });
    if (raw !== undefined && raw !== null && (typeof raw === 'string' || typeof raw === 'number')) {
      const text = String(raw);
      (this.invalid ??= {})[field] = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    }
  }
}

/** True for a plain object whose values are all plain cells: the common case, checked without zod for speed. */
function isPlainRow(input: unknown): input is Row {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return false;
  const proto = Object.getPrototypeOf(input) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in input) {
    if (!Object.prototype.hasOwnProperty.call(input, k)) return false;
    const v = (input as Record<string, unknown>)[k];
    if (v !== undefined && v !== null && typeof v !== 'string' && (typeof v !== 'number' || !Number.isFinite(v))) return false;
  }
  return true;
}

function checkShape(input: unknown, problems: ProblemList): Row {
  // Same acceptance as rowSchema for plain rows of text and numbers; anything else goes through zod.
  if (isPlainRow(input)) return input;
  const parsed = rowSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    problems.add('row', 'invalid_row', 'row is not an object of named fields');
    return {};
  }
  // Keep the well-formed fields and report the others by name.
  const row: Row = {};
  for (const [k, v] of Object.entries(input)) {
    const cell = z.union([cellSchema, z.array(cellSchema)]).safeParse(v);
    if (cell.success) Object.defineProperty(row, k, { value: cell.data, enumerable: true, writable: true, configurable: true });
    else problems.add(k, 'invalid_cell', 'field holds a nested object or an unsupported value');
  }
  return row;
}

function first(v: Cell | Cell[] | undefined): Cell {
  return Array.isArray(v) ? v[0] : v;
}

function cellText(v: Cell, field: string, max: number, problems: ProblemList): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  // Codes and other short ASCII words are already clean (cleanText would return them unchanged).
  if (typeof v === 'string' && v.length <= 24 && PLAIN_WORD.test(v)) return v;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else if (typeof v === 'boolean') s = v ? 'true' : 'false';
  else s = Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (s.length > max) {
    problems.add(field, 'field_too_long', `field is longer than ${max} characters`);
    return undefined;
  }
  const t = cleanText(s);
  return t === '' ? undefined : t;
}

function dateField(v: Cell, field: string, options: ParseRowOptions, problems: ProblemList): PartialDate | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && v.length > (options.maxFieldLength ?? 10_000)) {
    problems.add(field, 'field_too_long', 'field is too long');
    return undefined;
  }
  const r = parsePartialDate(v, options.dates);
  if (r.ok) return r.value;
  if (r.code !== 'empty') problems.add(field, r.code, r.message, v);
  return undefined;
}

function genderField(v: Cell, problems: ProblemList): Gender | undefined {
  const r = parseGender(v);
  if (r.ok) return r.value;
  problems.add('gender', r.code, r.message, v);
  return undefined;
}

const UNIT_SEPARATORS = /[\s.]/;
const UNIT_SEPARATORS_ALL = /[\s.]/g;
const ALL_DIGITS = /^\d+$/;

/** Pads an administrative code to its fixed width ("1" → "01"); non-numeric codes are kept as text. */
function unitCode(v: string | undefined, width: number): string | undefined {
  if (v === undefined) return undefined;
  const digits = UNIT_SEPARATORS.test(v) ? v.replace(UNIT_SEPARATORS_ALL, '') : v;
  if (digits.length <= width + 1 && ALL_DIGITS.test(digits)) {
    const n = digits.length > width && digits.startsWith('0') ? digits.slice(1) : digits;
    return n.padStart(width, '0');
  }
  return v;
}

function idField(v: Cell, field: string, options: ParseRowOptions, problems: ProblemList): string | undefined {
  if (typeof v === 'string' && v.length > (options.maxFieldLength ?? 10_000)) {
    problems.add(field, 'field_too_long', 'field is too long');
    return undefined;
  }
  const id = normaliseId(v, { scheme: options.idScheme ?? 'vn' });
  if (id === undefined) return undefined;
  if (id.problem !== undefined && id.kind === 'invalid') {
    problems.add(field, id.problem.code, id.problem.message, v);
    return undefined;
  }
  return id.value;
}

function set<T extends object, K extends string, V>(o: T, k: K, v: V | undefined): void {
  if (v !== undefined) (o as Record<string, unknown>)[k] = v;
}

/** What {@link parseCitizenRow} returns: the citizen when it has a usable ID, and the row's problems. */
export interface ParsedCitizenRow {
  readonly citizen?: Citizen;
  readonly problems: readonly RowProblem[];
}

/**
 * Validates and normalises one reference row (model field names; see the `reference` profile for column aliases).
 *
 * @param input - An object such as `{ id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' }`.
 * @returns The citizen (absent when the row has no usable ID) and the problems found.
 * @example
 * parseCitizenRow({ id: '001 089 012 345', fullName: 'nguyễn văn an', status: 'Còn sống' }).citizen?.id
 * //=> '001089012345'
 */
export function parseCitizenRow(input: unknown, options: ParseRowOptions = {}): ParsedCitizenRow {
  const problems = new ProblemList();
  const row = checkShape(input, problems);
  const max = options.maxFieldLength ?? 10_000;
  const id = idField(first(row['id']), 'id', options, problems);
  if (id === undefined && !problems.items.some((p) => p.field === 'id')) problems.add('id', 'missing_id', 'reference row has no ID');
  const formerRaw = row['formerIds'];
  const formerCells: Cell[] = Array.isArray(formerRaw)
    ? formerRaw
    : typeof formerRaw === 'string'
      ? formerRaw.split(/[,;|]/)
      : formerRaw === undefined
        ? []
        : [formerRaw];
  const formerIds: string[] = [];
  const seenFormer = new Set<string>();
  if (formerCells.length > MAX_FORMER_IDS) problems.add('formerIds', 'too_many_former_ids', `more than ${MAX_FORMER_IDS} former IDs; the rest are ignored`);
  for (const c of formerCells.slice(0, MAX_FORMER_IDS)) {
    const f = idField(c, 'formerIds', options, problems);
    if (f !== undefined && f !== id && !seenFormer.has(f)) {
      seenFormer.add(f);
      formerIds.push(f);
    }
  }
  const status = parseCitizenStatus(first(row['status']));
  if (!status.ok) problems.add('status', status.code, status.message);
  const deathDate = dateField(first(row['deathDate']), 'deathDate', options, problems);
  if (id === undefined) return { problems: problems.items };
  const citizen: Record<string, unknown> = {
    id,
    formerIds,
    status: (status.ok ? status.value : undefined) ?? (deathDate !== undefined ? 'deceased' : 'alive'),
  };
  set(citizen, 'fullName', cellText(first(row['fullName']), 'fullName', max, problems));
  set(citizen, 'birthDate', dateField(first(row['birthDate']), 'birthDate', options, problems));
  set(citizen, 'gender', genderField(first(row['gender']), problems));
  set(citizen, 'provinceCode', unitCode(cellText(first(row['provinceCode']), 'provinceCode', max, problems), 2));
  set(citizen, 'communeCode', unitCode(cellText(first(row['communeCode']), 'communeCode', max, problems), 5));
  set(citizen, 'address', cellText(first(row['address']), 'address', max, problems));
  set(citizen, 'deathDate', deathDate);
  set(citizen, 'updatedAt', dateField(first(row['updatedAt']), 'updatedAt', options, problems));
  return { citizen: citizen as unknown as Citizen, problems: problems.items };
}

/**
 * Validates and normalises one sector row. Always returns a record, with any problems attached.
 *
 * @param input - An object with model field names (`citizenId`, `fullName`, `birthDate`, …); other fields are kept in `extra`.
 * @param row - The 1-based data-row number, used as the key when the row has none.
 * @example
 * parseSectorRow({ citizenId: '001089012345', gender: 'Nữ', birthDate: '1989' }, 7).birthDate
 * //=> { year: 1989 }
 */
export function parseSectorRow(input: unknown, row: number, options: ParseRowOptions = {}): SectorRecord {
  const problems = new ProblemList();
  const cells = checkShape(input, problems);
  const max = options.maxFieldLength ?? 10_000;
  const extra: Record<string, string> = {};
  // for…in, not Object.entries: no array of pairs per record (checkShape's rows have no inherited keys,
  // and the own-property test keeps it so).
  for (const k in cells) {
    if (RECORD_FIELD_SET.has(k) || !Object.prototype.hasOwnProperty.call(cells, k)) continue;
    const v = cells[k];
    const text = Array.isArray(v) ? v.map((c) => cellText(c, k, max, problems) ?? '').join('; ') : cellText(v, k, max, problems);
    if (text === undefined) continue;
    if (k === '__proto__') Object.defineProperty(extra, k, { value: text, enumerable: true, writable: true, configurable: true });
    else extra[k] = text;
  }
  const key = cellText(first(cells['key']), 'key', max, problems) ?? String(row);
  const record: Record<string, unknown> = { key, row, extra };
  set(record, 'citizenId', idField(first(cells['citizenId']), 'citizenId', options, problems));
  set(record, 'fullName', cellText(first(cells['fullName']), 'fullName', max, problems));
  set(record, 'birthDate', dateField(first(cells['birthDate']), 'birthDate', options, problems));
  set(record, 'gender', genderField(first(cells['gender']), problems));
  set(record, 'provinceCode', unitCode(cellText(first(cells['provinceCode']), 'provinceCode', max, problems), 2));
  set(record, 'communeCode', unitCode(cellText(first(cells['communeCode']), 'communeCode', max, problems), 5));
  set(record, 'address', cellText(first(cells['address']), 'address', max, problems));
  set(record, 'updatedAt', dateField(first(cells['updatedAt']), 'updatedAt', options, problems));
  record['problems'] = problems.items;
  if (problems.invalid !== undefined) record['invalid'] = problems.invalid;
  return record as unknown as SectorRecord;
}
