/**
 * Turns a link outcome and a field comparison into one status with reason codes (DESIGN.md, docs/statuses.md).
 */
import type { Citizen, ComparedField, FieldDiff, PartialDate, RecordResult, SectorRecord, Status } from '../model/types.js';
import { ENTRY_ERROR_DIFF_KINDS, INFORMATIONAL_DIFF_KINDS, type ReasonCode } from '../model/reasons.js';
import type { LinkOutcome } from '../link/types.js';
import { statusFromReasons } from './rules.js';
import { compareRecord, DEFAULT_COMPARED_FIELDS } from '../compare/record.js';
import { isPartialDateBefore } from '../normalise/date.js';
import { analysePersonalId, checkIdConsistency, type IdScheme } from '../normalise/id.js';

/** Options that shape classification. */
export interface ClassifyOptions {
  /** The date the reconciliation speaks for; deaths after it are not yet stale. No clock is read. */
  readonly asOf?: PartialDate;
  /** Fields compared between record and citizen. */
  readonly compare?: readonly ComparedField[];
  readonly idScheme?: IdScheme;
  /** Fields a complete record holds (default {@link DEFAULT_REQUIRED_FIELDS}); absent ones are listed in `missingFields`. */
  readonly requiredFields?: readonly string[];
}

/** Default required fields for đủ (complete): the ID and what identifies a person without it. */
export const DEFAULT_REQUIRED_FIELDS: readonly string[] = ['citizenId', 'fullName', 'birthDate'];

const FIELD_REASON: Record<string, ReasonCode> = {
  fullName: 'name-differs',
  birthDate: 'birth-date-differs',
  gender: 'gender-differs',
  provinceCode: 'province-differs',
  communeCode: 'commune-differs',
  address: 'address-differs',
  citizenId: 'id-differs',
};

function isDeceasedAsOf(citizen: Citizen, asOf: PartialDate | undefined): boolean {
  if (citizen.status !== 'deceased') return false;
  if (asOf === undefined || citizen.deathDate === undefined) return true;
  // A death registered after the as-of date did not make the record stale yet.
  return !isPartialDateBefore(asOf, citizen.deathDate);
}

function provinceFromId(id: string | undefined, scheme: IdScheme): string | undefined {
  if (id === undefined || scheme !== 'vn' || id.length !== 12) return undefined;
  const info = analysePersonalId(id);
  return info?.provinceKnown ? info.provinceCode.slice(1) : undefined;
}

function listMissing(record: SectorRecord, required: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of required) {
    if ((record as unknown as Record<string, unknown>)[f] === undefined && record.extra[f] === undefined) out.push(f);
  }
  return out;
}

function pushUnique(list: ReasonCode[], r: ReasonCode): void {
  if (!list.includes(r)) list.push(r);
}

/**
 * Classifies one record given what the linker found.
 *
 * @param record - The normalised sector record.
 * @param outcome - The link (if any), candidates and linker reasons.
 * @param citizen - The linked citizen, when `outcome.link` is set.
 * @param options - As-of date and compared fields.
 * @example
 * classifyRecord(record, { link: { index: 0, linkedBy: 'id' } }, citizen).status //=> 'matched'
 */
export function classifyRecord(
  record: SectorRecord,
  outcome: LinkOutcome,
  citizen: Citizen | undefined,
  options: ClassifyOptions = {},
): RecordResult {
  const scheme = options.idScheme ?? 'vn';
  const reasons: ReasonCode[] = [];
  const missingFields = listMissing(record, options.requiredFields ?? DEFAULT_REQUIRED_FIELDS);
  const idProblem = record.problems.some((p) => p.field === 'citizenId');
  const link = outcome.link;

  if (link === undefined || citizen === undefined) {
    if (idProblem) pushUnique(reasons, 'invalid-id');
    const hasSearchFields = record.fullName !== undefined && record.birthDate !== undefined;
    if (record.citizenId !== undefined) pushUnique(reasons, 'id-not-in-reference');
    for (const r of outcome.reasons ?? []) pushUnique(reasons, r);
    if (!hasSearchFields && record.citizenId === undefined) pushUnique(reasons, 'no-identifying-fields');
    else if (outcome.reasons === undefined || outcome.reasons.length === 0) {
      if (record.citizenId === undefined) pushUnique(reasons, 'no-candidate');
    }
    if (record.citizenId !== undefined && scheme === 'vn' && record.citizenId.length === 12) {
      const facts: { gender?: 'male' | 'female'; birthYear?: number } = {};
      if (record.gender !== undefined) facts.gender = record.gender;
      if (record.birthDate !== undefined) facts.birthYear = record.birthDate.year;
      if (checkIdConsistency(record.citizenId, facts).length > 0) pushUnique(reasons, 'id-structure-inconsistent');
    }
    if (record.problems.length > 0) pushUnique(reasons, 'invalid-row');
    const province = record.provinceCode ?? provinceFromId(record.citizenId, scheme);
    // One object literal with every field: spreading a shared base object was the hottest line of a run.
    const out: Record<string, unknown> = {
      key: record.key,
      row: record.row,
      status: 'missing' satisfies Status,
      diffs: [],
      reasons,
      problems: record.problems,
      missingFields,
      duplicate: false,
    };
    if (outcome.candidates !== undefined && outcome.candidates.length > 0) out['candidates'] = outcome.candidates;
    if (province !== undefined) out['provinceCode'] = province;
    if (record.communeCode !== undefined) out['communeCode'] = record.communeCode;
    return out as unknown as RecordResult;
  }

  const fields = options.compare ?? DEFAULT_COMPARED_FIELDS;
  const comparison = compareRecord(record, citizen, fields, options.requiredFields ?? DEFAULT_REQUIRED_FIELDS);
  const diffs: FieldDiff[] = [...comparison.diffs];
  if (link.linkedBy === 'former-id' && record.citizenId !== undefined) {
    diffs.unshift({ field: 'citizenId', kind: 'former-id', record: record.citizenId, reference: citizen.id });
  } else if ((link.linkedBy === 'id-typo' || link.linkedBy === 'fuzzy') && record.citizenId !== undefined && record.citizenId !== citizen.id) {
    diffs.unshift({ field: 'citizenId', kind: link.linkedBy === 'id-typo' ? 'digit-typo' : 'different', record: record.citizenId, reference: citizen.id });
  } else if (record.citizenId === undefined) {
    const bad = record.invalid?.['citizenId'];
    diffs.unshift(
      bad === undefined
        ? { field: 'citizenId', kind: 'missing-in-record', record: '', reference: citizen.id }
        : { field: 'citizenId', kind: 'invalid-in-record', record: bad, reference: citizen.id },
    );
  }

  const staleReasons: ReasonCode[] = [];
  const deceased = isDeceasedAsOf(citizen, options.asOf);
  if (deceased) staleReasons.push('citizen-deceased');
  if (link.linkedBy === 'former-id') staleReasons.push('superseded-id');
  const referenceNewer =
    record.updatedAt !== undefined && citizen.updatedAt !== undefined && isPartialDateBefore(record.updatedAt, citizen.updatedAt);

  const errorReasons: ReasonCode[] = [];
  for (const d of diffs) {
    if (INFORMATIONAL_DIFF_KINDS.has(d.kind) || d.kind === 'former-id') continue;
    if (referenceNewer && !ENTRY_ERROR_DIFF_KINDS.has(d.kind) && d.field !== 'citizenId') {
      pushUnique(staleReasons, 'reference-newer');
      continue;
    }
    const r = FIELD_REASON[d.field];
    if (r !== undefined) pushUnique(errorReasons, r);
  }
  const conflict =
    link.linkedBy === 'id' &&
    (comparison.nameLevel === 'different' || comparison.nameLevel === 'jaro-winkler-mid') &&
    (comparison.dateLevel === 'different' || comparison.dateLevel === 'year-only-match');
  if (conflict) errorReasons.unshift('id-conflicts-with-identity');
  for (const r of outcome.reasons ?? []) pushUnique(errorReasons, r);

  // A dead citizen's record is stale whatever else is wrong: that is the finding an officer must act on first.
  // One rule for the status, shared with sector rules that clear reasons (statusFromReasons).
  const status: Status = statusFromReasons([...staleReasons, ...errorReasons]);
  const ordered = status === 'stale' ? [...staleReasons, ...errorReasons] : [...errorReasons, ...staleReasons];
  for (const r of ordered) pushUnique(reasons, r);
  if (record.problems.length > 0) pushUnique(reasons, 'invalid-row');

  const out: Record<string, unknown> = {
    key: record.key,
    row: record.row,
    status,
    citizenId: citizen.id,
    linkedBy: link.linkedBy,
    score: link.score ?? (conflict ? 0 : 1),
    diffs,
    reasons,
    problems: record.problems,
    missingFields,
    duplicate: false,
  };
  if (link.evidence !== undefined) out['evidence'] = link.evidence;
  if (outcome.candidates !== undefined && outcome.candidates.length > 0) out['candidates'] = outcome.candidates;
  const province = citizen.provinceCode ?? record.provinceCode ?? provinceFromId(citizen.id, scheme);
  if (province !== undefined) out['provinceCode'] = province;
  const commune = citizen.communeCode ?? record.communeCode;
  if (commune !== undefined) out['communeCode'] = commune;
  return out as unknown as RecordResult;
}
