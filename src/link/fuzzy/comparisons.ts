/**
 * Comparison of one sector record with one reference citizen, field by field, into the levels of the
 * Fellegi–Sunter model. The record is prepared once; the citizen is read straight from the columns.
 */
import type { PartialDate, SectorRecord } from '../../model/types.js';
import type { IdScheme } from '../../normalise/id.js';
import { normaliseName, type NormalisedName } from '../../normalise/name.js';
import { foldDiacritics } from '../../normalise/text.js';
import { compareNames } from '../../compare/name.js';
import { compareDates } from '../../compare/date.js';
import { GENDER_CODE, type ReferenceIndex } from '../../reference/referenceIndex.js';
import { packDate, unpackDate } from '../../reference/packedDate.js';
import { nameTable, type NameTable } from './termFrequency.js';
import type { FuzzyField } from './model.js';

/** A record reduced to what comparison and blocking need. */
export interface PreparedRecord {
  readonly record: SectorRecord;
  readonly name?: NormalisedName;
  /** Token ids of the name's skeleton words in the reference vocabulary (-1 for a word no citizen uses). */
  readonly tokenIds: readonly number[];
  readonly birth: number;
  readonly gender: number;
  /** Interned province / commune code in the reference (-1 when the reference never uses the record's value, 0 when absent). */
  readonly province: number;
  readonly commune: number;
  readonly addressTokens?: ReadonlySet<string>;
  readonly id?: string;
}

const prepared = new WeakMap<SectorRecord, { reference: ReferenceIndex; value: PreparedRecord }>();

/**
 * Prepares a record for comparison against `reference` (memoised per record).
 *
 * @example
 * prepareRecord(ref, record).tokenIds //=> [0, 1, 2]
 */
export function prepareRecord(reference: ReferenceIndex, record: SectorRecord): PreparedRecord {
  const hit = prepared.get(record);
  if (hit !== undefined && hit.reference === reference) return hit.value;
  const table = nameTable(reference);
  const name = record.fullName === undefined ? undefined : normaliseName(record.fullName);
  const lookup = (code: string | undefined, interner: ReferenceIndex['units']['province']): number =>
    code === undefined ? 0 : interner.lookup(code) || -1;
  const out: {
    record: SectorRecord;
    name?: NormalisedName;
    tokenIds: number[];
    birth: number;
    gender: number;
    province: number;
    commune: number;
    addressTokens?: ReadonlySet<string>;
    id?: string;
  } = {
    record,
    tokenIds: name === undefined ? [] : name.skeletonTokens.map((t) => table.tokenId.get(t) ?? -1),
    birth: packDate(record.birthDate),
    gender: record.gender === 'male' ? GENDER_CODE.male : record.gender === 'female' ? GENDER_CODE.female : GENDER_CODE.none,
    province: lookup(record.provinceCode, reference.units.province),
    commune: lookup(record.communeCode, reference.units.commune),
  };
  if (name !== undefined) out.name = name;
  if (record.address !== undefined) {
    const tokens = addressTokens(record.address);
    if (tokens.size > 0) out.addressTokens = tokens;
  }
  if (record.citizenId !== undefined) out.id = record.citizenId;
  prepared.set(record, { reference, value: out });
  return out;
}

function addressTokens(s: string): Set<string> {
  return new Set(
    foldDiacritics(s)
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t !== ''),
  );
}

/** The level of each field both sides hold (fields either side lacks are left out: no evidence). */
export type ComparisonVector = Partial<Record<FuzzyField, string>>;

/** Name level of a prepared record against citizen `i`, or undefined when either lacks a name. */
export function compareNameAt(reference: ReferenceIndex, table: NameTable, rec: PreparedRecord, i: number): string | undefined {
  const a = rec.name;
  if (a === undefined) return undefined;
  const s = table.start[i]!;
  const e = table.start[i + 1]!;
  if (e === s) return undefined;
  const ids = rec.tokenIds;
  let same = ids.length === e - s;
  for (let k = 0; same && k < ids.length; k++) if (ids[k] !== table.tokens[s + k]) same = false;
  if (same) {
    // Skeletons agree: only here do display and canonical forms matter, so only here is the citizen's name normalised.
    const b = normaliseName(reference.columns.fullNames[i] ?? '');
    return b === undefined ? undefined : compareNames(a, b).level;
  }
  // Skeletons differ, so compareNames never reaches its display/canonical tests; give it the skeleton only.
  const skeletonTokens: string[] = [];
  for (let k = s; k < e; k++) skeletonTokens.push(table.vocab[table.tokens[k]!]!);
  const skeleton = skeletonTokens.join(' ');
  const b = { display: '\u0000', canonical: '\u0000', skeleton, skeletonTokens } as unknown as NormalisedName;
  return compareNames(a, b).level;
}

function oneEdit(a: string, b: string): boolean {
  if (a.length === b.length) {
    let first = -1;
    let count = 0;
    for (let k = 0; k < a.length; k++) {
      if (a.charCodeAt(k) !== b.charCodeAt(k)) {
        if (count === 0) first = k;
        if (++count > 2) return false;
      }
    }
    if (count === 1) return true;
    return count === 2 && a[first] === b[first + 1] && a[first + 1] === b[first];
  }
  // A dropped leading zero.
  if (a.length === b.length + 1) return a[0] === '0' && a.slice(1) === b;
  if (b.length === a.length + 1) return b[0] === '0' && b.slice(1) === a;
  return false;
}

/**
 * ID level of a record ID against a citizen's current and former IDs (the best one), or undefined when no
 * comparison is meaningful (different kinds of document, or an exact equality that ID lookup handles).
 *
 * @example
 * compareIds('001089012354', ['001089012345'], 'vn') //=> 'one-edit'
 */
export function compareIds(recordId: string, citizenIds: readonly string[], scheme: IdScheme): string | undefined {
  let best: string | undefined;
  const rank = (l: string): number => ['one-edit', 'same-prefix-year', 'same-year', 'different'].indexOf(l);
  for (const c of citizenIds) {
    let level: string | undefined;
    if (c === recordId) return undefined;
    if (oneEdit(recordId, c)) level = 'one-edit';
    else if (recordId.length !== c.length) level = undefined;
    else if (scheme === 'vn' && c.length === 12) {
      level = recordId.slice(0, 6) === c.slice(0, 6) ? 'same-prefix-year' : recordId.slice(3, 6) === c.slice(3, 6) ? 'same-year' : 'different';
    } else level = 'different';
    if (level !== undefined && (best === undefined || rank(level) < rank(best))) best = level;
  }
  return best;
}

/**
 * Compares a prepared record with citizen `i` on every field of the model.
 *
 * @example
 * compareAt(ref, prepareRecord(ref, record), 0) //=> { fullName: 'exact', birthDate: 'exact', gender: 'agree' }
 */
export function compareAt(reference: ReferenceIndex, rec: PreparedRecord, i: number): ComparisonVector {
  const c = reference.columns;
  const out: ComparisonVector = {};
  const name = compareNameAt(reference, nameTable(reference), rec, i);
  if (name !== undefined) out.fullName = name;
  const cb = c.birth[i]!;
  if (rec.birth > 0 && cb > 0) out.birthDate = compareDates(unpackDate(rec.birth) as PartialDate, unpackDate(cb) as PartialDate);
  const g = c.gender[i]!;
  if (rec.gender !== 0 && g !== 0) out.gender = rec.gender === g ? 'agree' : 'disagree';
  const p = c.province[i]!;
  if (rec.province !== 0 && p !== 0) out.provinceCode = rec.province === p ? 'agree' : 'disagree';
  const m = c.commune[i]!;
  if (rec.commune !== 0 && m !== 0) out.communeCode = rec.commune === m ? 'agree' : 'disagree';
  const addr = c.addresses[i];
  if (rec.addressTokens !== undefined && addr !== undefined) {
    const other = addressTokens(addr);
    if (other.size > 0) {
      let common = 0;
      for (const t of rec.addressTokens) if (other.has(t)) common++;
      const jaccard = common / (rec.addressTokens.size + other.size - common);
      out.address = jaccard >= 0.8 ? 'similar' : jaccard >= 0.3 ? 'overlap' : 'different';
    }
  }
  if (rec.id !== undefined) {
    const ids = [c.ids[i]!, ...c.formerIds.slice(c.formerStart[i], c.formerStart[i + 1])];
    const level = compareIds(rec.id, ids, reference.idScheme);
    if (level !== undefined) out.citizenId = level;
  }
  return out;
}
