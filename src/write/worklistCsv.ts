/**
 * The worklist: a CSV an officer opens in Excel and acts on, one row per input record in input order.
 */
import type { ComparedField, RecordResult } from '../model/types.js';
import { maskId, maskName } from './mask.js';
import { BOM, csvCell, csvLine } from './csvCell.js';
import { MAX_LISTED_DUPLICATES } from '../reconcile/duplicates.js';

/** Options of the worklist writer. */
export interface WorklistOptions {
  /** Show IDs and names in full (default: masked, see `maskId`/`maskName`). */
  readonly revealPersonalData?: boolean;
  /** Fields given a record/reference column pair (default: every compared field). */
  readonly fields?: readonly string[];
}

const DEFAULT_FIELDS: readonly ComparedField[] = ['citizenId', 'fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode', 'address'];
const ID_FIELDS: ReadonlySet<string> = new Set(['citizenId']);
const NAME_FIELDS: ReadonlySet<string> = new Set(['fullName']);

function show(field: string, value: string, reveal: boolean): string {
  if (reveal || value === '') return value;
  if (ID_FIELDS.has(field)) return maskId(value);
  if (NAME_FIELDS.has(field)) return maskName(value);
  return value;
}

/**
 * The worklist's header line (column names are stable identifiers).
 *
 * @example
 * worklistHeader({ fields: ['fullName'] })
 * //=> 'key,row,status,reasons,linked_id,linked_by,score,fullName_record,fullName_reference,differences,problems,duplicate_of\r\n'
 */
export function worklistHeader(options: WorklistOptions = {}): string {
  const fields = options.fields ?? DEFAULT_FIELDS;
  return csvLine([
    'key', 'row', 'status', 'reasons', 'linked_id', 'linked_by', 'score',
    ...fields.flatMap((f) => [`${f}_record`, `${f}_reference`]),
    'differences', 'problems', 'duplicate_of',
  ]);
}

/**
 * One worklist line for one result: status, reasons, the linked citizen, and for each differing field the
 * record's value and the reference's (the suggested correction). Every cell is neutralised against formula
 * injection; IDs and names are masked unless `revealPersonalData`.
 *
 * @example
 * worklistLine(result, { fields: ['fullName'] })
 * //=> '7,7,mismatched,name-differs,001******345,id,1,Nguyen V. A.,Nguyễn V. A.,fullName:diacritics,,\r\n'
 */
export function worklistLine(result: RecordResult, options: WorklistOptions = {}): string {
  const reveal = options.revealPersonalData === true;
  const fields = options.fields ?? DEFAULT_FIELDS;
  // Built as one string (this runs once per record of a register): cells joined as csvLine would.
  let line = `${csvCell(result.key)},${csvCell(String(result.row))},${csvCell(result.status)},${csvCell(result.reasons.join(' '))},${csvCell(show('citizenId', result.citizenId ?? '', reveal))},${csvCell(result.linkedBy ?? '')},${
    result.score === undefined ? '' : csvCell(String(Math.round(result.score * 1000) / 1000))
  }`;
  const diffs = result.diffs;
  for (const f of fields) {
    let d: (typeof diffs)[number] | undefined;
    for (const x of diffs) {
      if (x.field === f) {
        d = x;
        break;
      }
    }
    line += d === undefined ? ',,' : `,${csvCell(show(f, d.record, reveal))},${csvCell(show(f, d.reference, reveal))}`;
  }
  let kinds = '';
  for (const d of diffs) kinds += kinds === '' ? `${d.field}:${d.kind}` : ` ${d.field}:${d.kind}`;
  let problems = '';
  for (const p of result.problems) problems += problems === '' ? `${p.field}:${p.code}` : ` ${p.field}:${p.code}`;
  return `${line},${csvCell(kinds)},${csvCell(problems)},${csvCell((result.duplicateOf ?? []).join(' '))}\r\n`;
}

/** Index just past the CSV cell starting at `i` (at its separator or the line's end). */
function cellEnd(line: string, i: number): number {
  if (line.charCodeAt(i) !== 34 /* " */) {
    const comma = line.indexOf(',', i);
    return comma < 0 ? line.length : comma;
  }
  for (let j = i + 1; j < line.length; j++) {
    if (line.charCodeAt(j) !== 34) continue;
    if (line.charCodeAt(j + 1) === 34) j++;
    else return j + 1;
  }
  throw new Error('worklist line with an unterminated quoted cell');
}

/**
 * A worklist line of a record not yet marked as a duplicate, rewritten as {@link worklistLine} writes the
 * record once `markMember(result, keys, rank)` has marked it: the original lists its duplicates, a duplicate
 * gets the `duplicate-record` reason and the original's key. Lets a streaming runner mark the few members of
 * duplicate groups without holding every record's result. `hasReasons` tells an empty reasons cell written
 * for no reasons from one written for a single empty reason.
 *
 * @example
 * markWorklistLine('7,7,matched,,001******345,id,1,,,,,,,,,,,,,,,,,\r\n', ['3', '7'], 1, false)
 * //=> '7,7,matched,duplicate-record,001******345,id,1,,,,,,,,,,,,,,,,,3\r\n'
 */
export function markWorklistLine(line: string, keys: readonly string[], rank: number, hasReasons: boolean): string {
  if (!line.endsWith(',\r\n')) throw new Error('worklist line already marked or not a worklist line');
  let at = 0;
  for (let cell = 0; cell < 3; cell++) at = cellEnd(line, at) + 1; // key, row, status
  const reasonsEnd = cellEnd(line, at);
  const rest = line.slice(reasonsEnd, line.length - 2); // from the separator after reasons to the last one
  if (rank === 0) return `${line.slice(0, reasonsEnd)}${rest}${csvCell(keys.slice(1, 1 + MAX_LISTED_DUPLICATES).join(' '))}\r\n`;
  // csvCell(reasons + ' duplicate-record'): the same formula guard as the reasons alone (same first
  // character), quoted exactly when they were (the added text has nothing to quote).
  const reasons = line.slice(at, reasonsEnd);
  const marked = reasons === '' ? (hasReasons ? ' duplicate-record' : 'duplicate-record') : reasons.charCodeAt(0) === 34 ? `${reasons.slice(0, -1)} duplicate-record"` : `${reasons} duplicate-record`;
  return `${line.slice(0, at)}${marked}${rest}${csvCell(keys[0]!)}\r\n`;
}

/**
 * The whole worklist as one string: UTF-8 BOM, header, one line per result in the order given.
 *
 * @example
 * worklistCsv(results).startsWith('\uFEFFkey,row,status') //=> true
 */
export function worklistCsv(results: Iterable<RecordResult>, options: WorklistOptions = {}): string {
  const parts = [BOM, worklistHeader(options)];
  for (const r of results) parts.push(worklistLine(r, options));
  return parts.join('');
}
