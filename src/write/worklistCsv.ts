/**
 * The worklist: a CSV an officer opens in Excel and acts on, one row per input record in input order.
 */
import type { ComparedField, RecordResult } from '../model/types.js';
import { maskId, maskName } from './mask.js';
import { BOM, csvCell, csvLine } from './csvCell.js';

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
