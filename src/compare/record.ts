/**
 * Field-by-field comparison of a linked record with its citizen: which fields differ and how.
 */
import type { Citizen, ComparedField, FieldDiff, SectorRecord } from '../model/types.js';
import type { DiffKind } from '../model/reasons.js';
import { normaliseName } from '../normalise/name.js';
import { compareNames, type NameLevel } from './name.js';
import { compareDates, type DateLevel } from './date.js';
import { formatPartialDate } from '../normalise/date.js';
import { formatGender } from '../normalise/gender.js';
import { foldDiacritics } from '../normalise/text.js';

/** Fields compared by default. Free-text address is opt-in: it is too noisy to call a difference by itself. */
export const DEFAULT_COMPARED_FIELDS: readonly ComparedField[] = ['fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode'];

/** The outcome of {@link compareRecord}. */
export interface RecordComparison {
  readonly diffs: readonly FieldDiff[];
  /** Name comparison level, when both sides have a name. */
  readonly nameLevel?: NameLevel;
  /** Birth-date comparison level, when both sides have one. */
  readonly dateLevel?: DateLevel;
}

const NAME_DIFF: Record<NameLevel, DiffKind | undefined> = {
  exact: undefined,
  'case-or-spacing': undefined,
  diacritics: 'diacritics',
  'middle-name': 'middle-name',
  'token-order': 'token-order',
  typo: 'typo',
  'jaro-winkler-high': 'different',
  'jaro-winkler-mid': 'different',
  different: 'different',
};

function dateDiff(level: DateLevel, recordIsCoarser: boolean): DiffKind | undefined {
  switch (level) {
    case 'exact':
      return undefined;
    case 'partial-compatible':
      // A coarser record date is compatible but worth completing; a coarser reference date is not the record's fault.
      return recordIsCoarser ? 'less-precise' : undefined;
    case 'day-month-swapped':
    case 'digit-typo':
    case 'year-off-by-one':
      return level;
    default:
      return 'different';
  }
}

function precision(d: { month?: number; day?: number }): number {
  return d.day !== undefined ? 3 : d.month !== undefined ? 2 : 1;
}

function normaliseAddress(s: string): string {
  return foldDiacritics(s).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function referenceText(citizen: Citizen, field: ComparedField): string | undefined {
  switch (field) {
    case 'birthDate':
      return citizen.birthDate === undefined ? undefined : formatPartialDate(citizen.birthDate);
    case 'gender':
      return citizen.gender === undefined ? undefined : formatGender(citizen.gender);
    case 'citizenId':
      return citizen.id;
    default:
      return citizen[field];
  }
}

/**
 * Compares the fields a record and its citizen both hold and lists the differences, each with a kind.
 * Differences of case, spacing, Unicode form and tone-mark placement are not differences.
 *
 * @param record - The sector record.
 * @param citizen - The citizen it is linked to.
 * @param fields - Fields to compare (default {@link DEFAULT_COMPARED_FIELDS}).
 * @param reportMissing - Fields whose absence from the record is reported as `missing-in-record` (default
 *   fullName, birthDate): an empty optional field is not worth a line on a worklist.
 * @example
 * compareRecord(
 *   { key: '1', row: 1, fullName: 'Nguyen Van An', extra: {}, problems: [] },
 *   { id: '001089012345', formerIds: [], fullName: 'Nguyễn Văn An', status: 'alive' },
 * ).diffs
 * //=> [{ field: 'fullName', kind: 'diacritics', record: 'Nguyen Van An', reference: 'Nguyễn Văn An' }]
 */
export function compareRecord(
  record: SectorRecord,
  citizen: Citizen,
  fields: readonly ComparedField[] = DEFAULT_COMPARED_FIELDS,
  reportMissing: readonly string[] = ['fullName', 'birthDate'],
): RecordComparison {
  const diffs: FieldDiff[] = [];
  const missing = (field: ComparedField, reference: string): void => {
    if (reportMissing.includes(field)) diffs.push({ field, kind: 'missing-in-record', record: '', reference });
  };
  let nameLevel: NameLevel | undefined;
  let dateLevel: DateLevel | undefined;
  for (const field of fields) {
    const bad = record.invalid?.[field];
    if (bad !== undefined) {
      const ref = referenceText(citizen, field);
      if (ref !== undefined) diffs.push({ field, kind: 'invalid-in-record', record: bad, reference: ref });
      continue;
    }
    switch (field) {
      case 'fullName': {
        if (citizen.fullName === undefined) break;
        if (record.fullName === undefined) {
          missing(field, citizen.fullName);
          break;
        }
        if (record.fullName === citizen.fullName) {
          nameLevel = 'exact';
          break;
        }
        const a = normaliseName(record.fullName);
        const b = normaliseName(citizen.fullName);
        if (a === undefined || b === undefined) {
          if (a !== b) diffs.push({ field, kind: 'different', record: record.fullName, reference: citizen.fullName });
          break;
        }
        nameLevel = compareNames(a, b).level;
        const kind = NAME_DIFF[nameLevel];
        if (kind !== undefined) diffs.push({ field, kind, record: record.fullName, reference: b.display });
        break;
      }
      case 'birthDate': {
        if (citizen.birthDate === undefined) break;
        if (record.birthDate === undefined) {
          missing(field, formatPartialDate(citizen.birthDate));
          break;
        }
        dateLevel = compareDates(record.birthDate, citizen.birthDate);
        const kind = dateDiff(dateLevel, precision(record.birthDate) < precision(citizen.birthDate));
        if (kind !== undefined) {
          diffs.push({ field, kind, record: formatPartialDate(record.birthDate), reference: formatPartialDate(citizen.birthDate) });
        }
        break;
      }
      case 'gender': {
        if (citizen.gender === undefined) break;
        if (record.gender === undefined) {
          missing(field, formatGender(citizen.gender));
        } else if (record.gender !== citizen.gender) {
          diffs.push({ field, kind: 'different', record: formatGender(record.gender), reference: formatGender(citizen.gender) });
        }
        break;
      }
      case 'provinceCode':
      case 'communeCode':
      case 'citizenId': {
        const r = field === 'citizenId' ? record.citizenId : record[field];
        const c = field === 'citizenId' ? citizen.id : citizen[field];
        if (c === undefined) break;
        if (r === undefined) missing(field, c);
        else if (r !== c) diffs.push({ field, kind: 'different', record: r, reference: c });
        break;
      }
      case 'address': {
        if (citizen.address === undefined) break;
        if (record.address === undefined) missing(field, citizen.address);
        else if (normaliseAddress(record.address) !== normaliseAddress(citizen.address)) {
          diffs.push({ field, kind: 'different', record: record.address, reference: citizen.address });
        }
        break;
      }
    }
  }
  const out: { diffs: FieldDiff[]; nameLevel?: NameLevel; dateLevel?: DateLevel } = { diffs };
  if (nameLevel !== undefined) out.nameLevel = nameLevel;
  if (dateLevel !== undefined) out.dateLevel = dateLevel;
  return out;
}
