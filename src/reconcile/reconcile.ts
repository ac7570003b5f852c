/**
 * The reconciliation pipeline for in-memory data: parse → link → compare → classify → summarise.
 */
import type { Citizen, PartialDate, RecordResult, RowProblem, SectorRecord } from '../model/types.js';
import { applyRules, type ReferenceUpdate, type RuleContext } from '../classify/rules.js';
import { parseSectorRow } from '../model/schema.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import type { IdScheme } from '../normalise/id.js';
import { linkById } from '../link/linkById.js';
import type { LinkOutcome } from '../link/types.js';
import { classifyRecord } from '../classify/classifyRecord.js';
import { summarize } from '../stats/summarize.js';
import type { ReconcileStats } from '../stats/stats.js';
import { markDuplicates } from './duplicates.js';
import { resolveOptions, type ReconcileOptions, type ResolvedOptions } from './options.js';
import { defaultLinkers } from '../link/defaultLinkers.js';
import { conflictCandidates, forgetRecordMemos } from '../link/fuzzy/fuzzyLinker.js';
import { resolveFuzzyConfig, type FuzzyConfig } from '../link/fuzzy/config.js';
import { normaliseName } from '../normalise/name.js';
import { compareNames } from '../compare/name.js';
import { compareDates } from '../compare/date.js';
import { partitionKey, partitionOf } from './partition.js';
import { unpackDate } from '../reference/packedDate.js';

/** The output of {@link reconcile}: one result per input row, in input order, and their statistics. */
export interface ReconcileOutput {
  readonly results: readonly RecordResult[];
  readonly stats: ReconcileStats;
  /** Changes the reference should consider (e.g. deaths registered in civil status but not in the reference). */
  readonly referenceUpdates: readonly ReferenceUpdate[];
}

const fuzzyConfigs = new WeakMap<ResolvedOptions, FuzzyConfig>();

/** Name and birth date both disagree strongly with the ID's owner (the same test classifyRecord flags). */
function conflictsWithIdentity(record: SectorRecord, reference: ReferenceIndex, i: number): boolean {
  const fullName = reference.columns.fullNames[i];
  const birthDate = unpackDate(reference.columns.birth[i]!);
  if (record.fullName === undefined || fullName === undefined || record.birthDate === undefined || birthDate === undefined) return false;
  // The date first: it is cheap and almost always agrees, which settles it without normalising two names.
  const date = compareDates(record.birthDate, birthDate);
  if (date !== 'different' && date !== 'year-only-match') return false;
  if (record.fullName === fullName) return false;
  const a = normaliseName(record.fullName);
  const b = normaliseName(fullName);
  if (a === undefined || b === undefined) return false;
  const name = compareNames(a, b).level;
  return name === 'different' || name === 'jaro-winkler-mid';
}

/**
 * Runs the linking cascade for one record: exact ID, former ID, then the fallback linkers. An exact ID link
 * whose name and birth date conflict with the ID's owner also carries the better-fitting candidates, for review.
 */
export function linkRecord(reference: ReferenceIndex, record: SectorRecord, options: ResolvedOptions): LinkOutcome {
  try {
    return linkStages(reference, record, options);
  } finally {
    // The stages share what they prepare of this record; it must not outlive them (nor keep the reference alive).
    forgetRecordMemos();
  }
}

function linkStages(reference: ReferenceIndex, record: SectorRecord, options: ResolvedOptions): LinkOutcome {
  const exact = linkById(reference, record);
  if (exact !== undefined) {
    // A mistyped ID can be another real person's: offer the citizen who fits the identity, for review.
    if (exact.linkedBy === 'id' && options.fuzzy !== false && options.linkers === undefined && conflictsWithIdentity(record, reference, exact.index)) {
      let config = fuzzyConfigs.get(options);
      if (config === undefined) {
        config = resolveFuzzyConfig(options.fuzzy === undefined ? {} : options.fuzzy);
        fuzzyConfigs.set(options, config);
      }
      const candidates = conflictCandidates(reference, record, exact.index, config);
      if (candidates.length > 0) return { link: exact, candidates };
    }
    return { link: exact };
  }
  for (const linker of options.linkers ?? defaultLinkers(options)) {
    const outcome = linker(reference, record);
    if (outcome !== undefined) return outcome;
  }
  return {};
}

/** Classifies one already-parsed record and applies sector rules (used by `reconcile` and the streaming runner). */
export function reconcileParsed(
  reference: ReferenceIndex,
  record: SectorRecord,
  options: ResolvedOptions,
): { result: RecordResult; referenceUpdates: ReferenceUpdate[] } {
  return finishRecord(reference, record, linkRecord(reference, record, options), options);
}

// Options completed with the reference's ID scheme, once per options object and scheme (spreading the
// options for every record was 3 % of classifying it). Resolved options are not changed once made, as the
// fuzzy configurations cached per options object above also assume.
const withSchemes = new WeakMap<ResolvedOptions, { scheme: IdScheme; options: ResolvedOptions }>();

function withScheme(options: ResolvedOptions, scheme: IdScheme): ResolvedOptions {
  if (options.idScheme !== undefined) return options;
  const hit = withSchemes.get(options);
  if (hit !== undefined && hit.scheme === scheme) return hit.options;
  const completed = { ...options, idScheme: scheme };
  withSchemes.set(options, { scheme, options: completed });
  return completed;
}

const WITH_ADDRESS = { address: true } as const;
const WITHOUT_ADDRESS = { address: false } as const;

/** Compares, classifies and applies rules to a record whose link outcome is known. */
export function finishRecord(
  reference: ReferenceIndex,
  record: SectorRecord,
  outcome: LinkOutcome,
  options: ResolvedOptions,
): { result: RecordResult; referenceUpdates: ReferenceUpdate[] } {
  const noRules = options.rules === undefined || options.rules.length === 0;
  // Only sector rules and an address comparison read the citizen's address.
  const address = !noRules || (options.compare?.includes('address') ?? false);
  const citizen = outcome.link !== undefined ? reference.citizen(outcome.link.index, address ? WITH_ADDRESS : WITHOUT_ADDRESS) : undefined;
  const result = classifyRecord(record, outcome, citizen, withScheme(options, reference.idScheme));
  if (noRules) return { result, referenceUpdates: [] };
  const context: RuleContext = { record, result };
  if (citizen !== undefined) (context as { citizen?: Citizen }).citizen = citizen;
  if (options.asOf !== undefined) (context as { asOf?: PartialDate }).asOf = options.asOf;
  return applyRules(context, options.rules);
}

/** What {@link reconcileRow} returns for a row of the partition being run. */
export interface RowOutcome {
  readonly result: RecordResult;
  /** Position of the linked citizen in the reference, or -1. */
  readonly citizen: number;
  readonly referenceUpdates: readonly ReferenceUpdate[];
}

/**
 * One input row through the whole pipeline: parse, link, keep only when it falls in `options.partition`,
 * compare, classify, apply rules. Shared by `reconcile` and the file runner (on its thread and in workers),
 * so every path decides a row the same way. Returns `undefined` for a row of another partition.
 *
 * @param extraProblems - Problems found before parsing (a malformed CSV line), added to the row's own.
 * @example
 * reconcileRow(ref, { citizenId: '001089012345' }, 1, resolveOptions({}))?.result.status //=> 'matched'
 */
export function reconcileRow(
  reference: ReferenceIndex,
  input: unknown,
  row: number,
  options: ResolvedOptions,
  extraProblems: readonly RowProblem[] = [],
): RowOutcome | undefined {
  const record = parseRow(input, row, options, extraProblems);
  const outcome = linkInPartition(reference, record, options);
  if (outcome === undefined) return undefined;
  const { result, referenceUpdates } = finishRecord(reference, record, outcome, options);
  return { result, citizen: outcome.link?.index ?? -1, referenceUpdates };
}

/** An input row parsed, with the problems found before parsing (a malformed CSV line) added to its own. */
function parseRow(input: unknown, row: number, options: ResolvedOptions, extraProblems: readonly RowProblem[]): SectorRecord {
  const record = parseSectorRow(input, row, options);
  return extraProblems.length > 0 ? { ...record, problems: [...record.problems, ...extraProblems] } : record;
}

/** The record's link outcome, or `undefined` when the record falls in another partition than the one being run. */
function linkInPartition(reference: ReferenceIndex, record: SectorRecord, options: ResolvedOptions): LinkOutcome | undefined {
  const outcome = linkRecord(reference, record, options);
  const partition = options.partition;
  if (partition !== undefined && partitionOf(partitionKey(reference, record, outcome), partition.count) !== partition.index) return undefined;
  return outcome;
}

// Rows through the pipeline a group at a time. Records arrive in file order, random against the
// reference's, so each one's ID lookup and each linked citizen's columns are cache misses: taken one
// after another they cost about 1.5 µs per record at 1M citizens. Every GROUP rows are parsed first,
// their ID table slots loaded together, then linked, the linked citizens' columns loaded together, then
// finished: the misses of a group overlap.

/** Rows parsed before their group is linked and finished: enough misses to overlap, few enough to stay in cache. */
const GROUP = 32;

/**
 * What {@link createRowPipeline} returns: `add` rows in order, and `flush` at the end of the input. An
 * exception from linking or from `onRow` comes out of the `add` or `flush` that finished the group, and the
 * rest of that group is not handed on: treat the pipeline as failed.
 */
export interface RowPipeline {
  /** Parses one row; its outcome reaches `onRow` when its group is linked and finished. */
  add(input: unknown, row: number, extraProblems?: readonly RowProblem[]): void;
  /**
   * Finishes the rows still held (at the end of the input, or whenever their outcomes are wanted now).
   * Called from `onRow`, it returns at once: the flush already running finishes them, in order.
   */
  flush(): void;
}

// Where the warming loads end up, so that they are not optimised away.
let warmth = 0;

/**
 * A pipeline that hands `onRow` the outcome of every row of the partition being run, in input order: the
 * same outcomes as {@link reconcileRow} row by row.
 *
 * @example
 * const outcomes: RowOutcome[] = [];
 * const pipeline = createRowPipeline(ref, resolveOptions({}), (o) => outcomes.push(o));
 * pipeline.add({ citizenId: '001089012345' }, 1);
 * pipeline.flush();
 * outcomes[0].result.status //=> 'matched'
 */
export function createRowPipeline(reference: ReferenceIndex, options: ResolvedOptions, onRow: (outcome: RowOutcome) => void): RowPipeline {
  const parsed: SectorRecord[] = [];
  // Set while groups are being finished: rows `onRow` adds then wait for the groups before them.
  let flushing = false;
  const finishGroup = (): void => {
    const group = parsed.splice(0, GROUP);
    for (const record of group) if (record.citizenId !== undefined) warmth ^= reference.warmId(record.citizenId);
    // The citizens the IDs name, warmed before linking too: an exact link's conflict check reads each one's
    // name and birth date, a cache miss per record taken one after another otherwise.
    const named: number[] = [];
    for (const record of group) if (record.citizenId !== undefined) named.push(reference.findById(record.citizenId));
    warmth ^= reference.warm(named);
    const records: SectorRecord[] = [];
    const outcomes: LinkOutcome[] = [];
    const citizens: number[] = [];
    for (const record of group) {
      const outcome = linkInPartition(reference, record, options);
      if (outcome === undefined) continue;
      records.push(record);
      outcomes.push(outcome);
      citizens.push(outcome.link?.index ?? -1);
    }
    warmth ^= reference.warm(citizens);
    for (let k = 0; k < records.length; k++) {
      const { result, referenceUpdates } = finishRecord(reference, records[k]!, outcomes[k]!, options);
      onRow({ result, citizen: citizens[k]!, referenceUpdates });
    }
  };
  const flush = (): void => {
    if (flushing) return;
    flushing = true;
    try {
      while (parsed.length > 0) finishGroup();
    } finally {
      flushing = false;
    }
  };
  return {
    add(input, row, extraProblems = []) {
      parsed.push(parseRow(input, row, options, extraProblems));
      if (parsed.length >= GROUP) flush();
    },
    flush,
  };
}

/**
 * Reconciles one sector record against the reference. Duplicate detection needs the whole input, so a
 * result from here always has `duplicate: false`.
 *
 * @param reference - From `buildReference`.
 * @param input - One row with model field names (`citizenId`, `fullName`, `birthDate`, …).
 * @param options - As for {@link reconcile}, plus the row number used as key when the row has none.
 * @example
 * reconcileRecord(ref, { citizenId: '001089012345', fullName: 'Nguyễn Văn An' }).status //=> 'matched'
 */
export function reconcileRecord(reference: ReferenceIndex, input: unknown, options: ReconcileOptions & { readonly row?: number } = {}): RecordResult {
  const resolved = resolveOptions({ ...options, idScheme: options.idScheme ?? reference.idScheme });
  return reconcileParsed(reference, parseSectorRow(input, options.row ?? 1, resolved), resolved).result;
}

/**
 * Reconciles sector records against the reference: links each to a citizen, compares fields and classifies it
 * as matched, mismatched, missing or stale with reason codes; flags duplicates; summarises the run.
 * Every input row, valid or not, yields exactly one result, in input order (with `partition`, every row
 * of that partition; the partitions of a run together hold every row once).
 *
 * @param reference - From `buildReference`.
 * @param records - Rows with model field names; invalid rows are kept with their problems.
 * @param options - `asOf` (no clock is read), fields to compare, linking stages, ID scheme.
 * @example
 * const { results, stats } = reconcile(ref, [{ citizenId: '001089012345', fullName: 'Nguyen Van An' }], { asOf: '2026-01-01' });
 * results[0].status //=> 'mismatched'
 * results[0].diffs[0].kind //=> 'diacritics'
 */
export function reconcile(reference: ReferenceIndex, records: Iterable<unknown>, options: ReconcileOptions = {}): ReconcileOutput {
  const resolved = resolveOptions({ ...options, idScheme: options.idScheme ?? reference.idScheme });
  const results: RecordResult[] = [];
  const referenceUpdates: ReferenceUpdate[] = [];
  const pipeline = createRowPipeline(reference, resolved, (out) => {
    results.push(out.result);
    referenceUpdates.push(...out.referenceUpdates);
  });
  let row = 0;
  for (const input of records) pipeline.add(input, ++row);
  pipeline.flush();
  const marked = markDuplicates(results);
  return { results: marked, stats: summarize(marked), referenceUpdates };
}
