/**
 * Scoring candidates with Fellegi–Sunter weights and deciding: link, review, ambiguous, or nothing.
 * Every score decomposes into evidence entries (prior, one per field, term-frequency adjustment,
 * competition) whose weights sum to the log-odds of the score.
 */
import { oneEditVariants } from '../../normalise/id.js';
import type { Candidate, FieldEvidence, SectorRecord } from '../../model/types.js';
import type { ReferenceIndex } from '../../reference/referenceIndex.js';
import type { FallbackLinker, LinkOutcome } from '../types.js';
import { blockCandidates, prepareBlockingIndexes } from './blocking.js';
import { compareLevelsAt, forgetPreparedRecord, prepareRecord, toComparisonVector, type ComparisonVector, type PreparedRecord } from './comparisons.js';
import { resolveFuzzyConfig, MIN_PRIOR_POPULATION, type FuzzyConfig, type FuzzyOptions } from './config.js';
import { FIELD_LEVELS, FUZZY_FIELDS, FUZZY_NAME_LEVELS, probabilityFromWeight, weightTable, type WeightTable } from './model.js';
import { CITIZEN_ROW, ROW, nameBaselines, nameFrequency, nameTable } from './termFrequency.js';

/** One scored citizen. */
export interface ScoredCandidate {
  /** Position of the citizen in the reference. */
  readonly index: number;
  /** Total weight in bits, prior included. */
  readonly weight: number;
  readonly evidence: readonly FieldEvidence[];
  readonly levels: ComparisonVector;
}

interface Model {
  readonly weights: WeightTable;
  /** Weight of each level by field position and level index (FUZZY_FIELDS / FIELD_LEVELS order). */
  readonly levelWeights: readonly Float64Array[];
  /** 2^weight of each level, so a candidate's odds are a product rather than a power (scoring's competition sum). */
  readonly levelOdds: readonly Float64Array[];
  readonly priorWeight: number;
  /** The weight whose probability is the review threshold. */
  readonly reviewWeight: number;
  readonly baselines?: { full: number; surnameGiven: number };
}

// Outside this band (bits) around a threshold's weight, comparing weights decides as probabilityFromWeight
// would: for thresholds within 1e-6 of 0 or 1 the probability moves less than its rounding error across
// the band, so there the weight is NaN and every comparison falls back to the probability.
const WEIGHT_BAND = 1e-6;

/** The weight of a probability threshold for {@link reaches}: NaN where the band cannot decide. */
function thresholdWeight(p: number): number {
  return p >= 1e-6 && p <= 1 - 1e-6 ? Math.log2(p / (1 - p)) : Number.NaN;
}

const models = new WeakMap<FuzzyConfig, WeakMap<ReferenceIndex, Model>>();

function modelFor(reference: ReferenceIndex, config: FuzzyConfig): Model {
  let perRef = models.get(config);
  if (perRef === undefined) {
    perRef = new WeakMap();
    models.set(config, perRef);
  }
  let model = perRef.get(reference);
  if (model === undefined) {
    // Odds that a given pair matches: the record's person is in the reference (π) and is this one of N citizens.
    const priorWeight =
      config.prior !== undefined
        ? Math.log2(config.prior / (1 - config.prior))
        : Math.log2(config.inReference / ((1 - config.inReference) * Math.max(reference.size, MIN_PRIOR_POPULATION)));
    const weights = weightTable(config.parameters);
    const levelWeights = FUZZY_FIELDS.map((f) => Float64Array.from(FIELD_LEVELS[f], (l) => weights[f][l] ?? 0));
    const m: { weights: WeightTable; levelWeights: Float64Array[]; levelOdds: Float64Array[]; priorWeight: number; reviewWeight: number; baselines?: { full: number; surnameGiven: number } } = {
      weights,
      levelWeights,
      levelOdds: levelWeights.map((ws) => ws.map((w) => 2 ** w)),
      priorWeight,
      reviewWeight: thresholdWeight(config.reviewThreshold),
    };
    if (config.termFrequency) m.baselines = reference.memo('fuzzy:name-baselines', () => nameBaselines(nameTable(reference)));
    model = m;
    perRef.set(reference, model);
  }
  return model;
}

/**
 * Builds the structures fuzzy linking with `options` uses (name table, term frequencies, blocking indexes,
 * and the ID neighbours the ID-typo search reads), which are otherwise built on the first record that needs
 * them. Call it before `snapshotReference` so
 * worker threads receive them instead of each building its own.
 *
 * @example
 * prepareFuzzyIndexes(reference); // then snapshotReference(reference, { shared: true })
 */
export function prepareFuzzyIndexes(reference: ReferenceIndex, options: FuzzyOptions = {}): void {
  const config = resolveFuzzyConfig(options);
  modelFor(reference, config);
  nameTable(reference);
  prepareBlockingIndexes(reference, config.blockingRules);
  if (config.idTypo) reference.idNeighbours();
}

const TF_FULL = new Set(['exact', 'case-or-spacing', 'diacritics', 'token-order']);
// Name level indices whose agreement is adjusted by the whole name's frequency, or by surname × given.
const TF_FULL_INDEX = FUZZY_NAME_LEVELS.map((l) => TF_FULL.has(l));
const TF_SG_INDEX = FUZZY_NAME_LEVELS.indexOf('middle-name');

/** Term-frequency adjustments (bits) of a record's name for the two kinds of agreement; 0 when not applicable. */
interface TfAdjustment {
  readonly full: number;
  readonly surnameGiven: number;
  readonly fullOdds: number;
  readonly surnameGivenOdds: number;
}
const NO_TF: TfAdjustment = { full: 0, surnameGiven: 0, fullOdds: 1, surnameGivenOdds: 1 };
// The last record's adjustment (see `last` in comparisons.ts for why one slot and not a WeakMap).
let lastTf: { readonly rec: PreparedRecord; readonly model: Model; readonly value: TfAdjustment } | undefined;

function tfAdjustment(reference: ReferenceIndex, model: Model, rec: PreparedRecord): TfAdjustment {
  if (model.baselines === undefined || rec.name === undefined) return NO_TF;
  if (lastTf !== undefined && lastTf.rec === rec && lastTf.model === model) return lastTf.value;
  const tf = nameFrequency(nameTable(reference), rec.name.skeletonTokens);
  let out = NO_TF;
  if (tf !== undefined) {
    const adj = (kind: 'full' | 'surnameGiven'): number => {
      const x = Math.log2(model.baselines![kind] / tf[kind]);
      return Number.isFinite(x) ? x : 0;
    };
    const full = adj('full');
    const surnameGiven = adj('surnameGiven');
    out = { full, surnameGiven, fullOdds: 2 ** full, surnameGivenOdds: 2 ** surnameGiven };
  }
  lastTf = { rec, model, value: out };
  return out;
}

/** The term-frequency adjustment that applies to a name level index (0 for none). */
function tfFor(tf: TfAdjustment, nameLevel: number): number {
  if (nameLevel < 0) return 0;
  return TF_FULL_INDEX[nameLevel] === true ? tf.full : nameLevel === TF_SG_INDEX ? tf.surnameGiven : 0;
}

/** Total weight of the level indices at `levels[at..]`: prior, then fields in FUZZY_FIELDS order, the TF adjustment right after the name. */
function weightOf(model: Model, tf: TfAdjustment, levels: Int8Array, at: number): number {
  let weight = model.priorWeight;
  for (let f = 0; f < N_FIELDS; f++) {
    const l = levels[at + f]!;
    if (l < 0) continue;
    weight += model.levelWeights[f]![l]!;
    if (f === 0) {
      const adj = tfFor(tf, l);
      if (adj !== 0) weight += adj;
    }
  }
  return weight;
}

/** 2^{@link weightOf} as a product of per-level odds: equal up to rounding, without a power per candidate. */
function oddsOf(model: Model, tf: TfAdjustment, levels: Int8Array, at: number): number {
  let odds = 2 ** model.priorWeight;
  for (let f = 0; f < N_FIELDS; f++) {
    const l = levels[at + f]!;
    if (l < 0) continue;
    odds *= model.levelOdds[f]![l]!;
    if (f === 0) {
      const adj = tfFor(tf, l);
      if (adj !== 0) odds *= TF_FULL_INDEX[l] === true ? tf.fullOdds : tf.surnameGivenOdds;
    }
  }
  return odds;
}

/** Builds the scored candidate (evidence and levels) of level indices, summing in the same order as {@link weightOf}. */
function scoredFrom(model: Model, tf: TfAdjustment, i: number, levels: Int8Array): ScoredCandidate {
  const evidence: FieldEvidence[] = [{ field: 'prior', level: `odds 1:${Math.round(2 ** -model.priorWeight)}`, weight: model.priorWeight }];
  let weight = model.priorWeight;
  for (let f = 0; f < levels.length; f++) {
    const l = levels[f]!;
    if (l < 0) continue;
    const field = FUZZY_FIELDS[f]!;
    const w = model.levelWeights[f]![l]!;
    evidence.push({ field, level: FIELD_LEVELS[field][l]!, weight: w });
    weight += w;
    if (f === 0) {
      const adj = tfFor(tf, l);
      if (adj !== 0) {
        evidence.push({ field: 'fullName', level: 'term-frequency', weight: adj });
        weight += adj;
      }
    }
  }
  return { index: i, weight, evidence, levels: toComparisonVector(levels) };
}

const N_FIELDS = FUZZY_FIELDS.length;
const levelScratch = new Int8Array(N_FIELDS);

/**
 * Scores citizen `i` for a prepared record: the prior plus each field's level weight, plus a term-frequency
 * adjustment when the names agree (agreeing on a common name is weaker evidence than on a rare one).
 *
 * @example
 * scoreCitizen(ref, prepareRecord(ref, record), 0, resolveFuzzyConfig()).evidence[0] //=> { field: 'prior', level: '1/10000', weight: -13.29 }
 */
export function scoreCitizen(reference: ReferenceIndex, rec: PreparedRecord, i: number, config: FuzzyConfig): ScoredCandidate {
  const model = modelFor(reference, config);
  compareLevelsAt(reference, nameTable(reference), rec, i, levelScratch);
  return scoredFrom(model, tfAdjustment(reference, model, rec), i, levelScratch);
}

/** What {@link decide} concluded from scored candidates. */
export interface Decision {
  /** The candidate to link, with its competition-adjusted weight and evidence. */
  readonly link?: { readonly candidate: ScoredCandidate; readonly weight: number; readonly evidence: readonly FieldEvidence[] };
  readonly reason?: 'needs-review' | 'ambiguous';
  /** The best candidates at or above the review threshold. */
  readonly candidates: readonly ScoredCandidate[];
}

/**
 * The decision from the candidates at or above the review threshold (`reviewed`, best first, not empty), the
 * sum of 2^w over every candidate but the best (`others`), and how many candidates there were in all.
 */
function decideReviewed(reviewed: readonly ScoredCandidate[], others: number, count: number, config: FuzzyConfig): Decision {
  const candidates = reviewed.slice(0, config.maxCandidates);
  const top = reviewed[0]!;
  const competition = -Math.log2(1 + others);
  const useCompetition = competition <= -1e-3;
  const adjusted = useCompetition ? top.weight + competition : top.weight;
  if (probabilityFromWeight(adjusted) >= config.acceptThreshold) {
    const evidence = useCompetition ? [...top.evidence, { field: 'competition', level: `${count - 1}-others`, weight: competition }] : top.evidence;
    return { link: { candidate: top, weight: adjusted, evidence }, candidates };
  }
  const second = reviewed[1];
  if (second !== undefined && (probabilityFromWeight(top.weight) >= config.acceptThreshold || top.weight - second.weight < config.ambiguityMargin)) {
    return { reason: 'ambiguous', candidates };
  }
  return { reason: 'needs-review', candidates };
}

/**
 * Decides from scored candidates. The top candidate's weight is reduced by the competition of the others
 * (at most one citizen is the record's person: posterior odds = 2^w₁ / (1 + Σ others 2^wⱼ)); it is linked
 * when that probability reaches the accept threshold. Otherwise two close candidates (within
 * `ambiguityMargin` bits, or a top one that only the competition held back) are `ambiguous`, and a top one
 * in the review band `needs-review`.
 *
 * @example
 * decide([{ index: 0, weight: 20, evidence: [], levels: {} }], resolveFuzzyConfig()).link?.candidate.index //=> 0
 */
export function decide(scored: readonly ScoredCandidate[], config: FuzzyConfig): Decision {
  const sorted = [...scored].sort((a, b) => b.weight - a.weight || a.index - b.index);
  const reviewed = sorted.filter((c) => probabilityFromWeight(c.weight) >= config.reviewThreshold);
  if (reviewed.length === 0 || reviewed[0] !== sorted[0]) return { candidates: [] };
  let others = 0;
  for (let k = 1; k < sorted.length; k++) others += 2 ** sorted[k]!.weight;
  return decideReviewed(reviewed, others, sorted.length, config);
}

/**
 * A scored candidate as shown on a result.
 *
 * @example
 * toCandidate(ref, scored) //=> { citizenId: '001089012345', score: 0.9999, weight: 14.2, evidence: [...] }
 */
export function toCandidate(reference: ReferenceIndex, c: ScoredCandidate): Candidate {
  return { citizenId: reference.idAt(c.index), score: probabilityFromWeight(c.weight), weight: c.weight, evidence: c.evidence };
}

const NAME_SUPPORT = new Set(['exact', 'case-or-spacing', 'diacritics', 'middle-name', 'token-order', 'one-edit', 'typo', 'jaro-winkler-high']);
const DATE_SUPPORT = new Set(['exact', 'partial-compatible', 'day-month-swapped', 'digit-typo', 'year-off-by-one']);

/** Whether name and birth date both support a candidate (what an ID-typo link requires besides its score). */
export function identitySupports(levels: ComparisonVector): boolean {
  return levels.fullName !== undefined && NAME_SUPPORT.has(levels.fullName) && levels.birthDate !== undefined && DATE_SUPPORT.has(levels.birthDate);
}

/** Every ID one typing error away (kept under this name for callers of the fuzzy API). */
export const idVariants: (id: string) => string[] = oneEditVariants;

/** Citizens whose current or former ID is one typing error from `id`. */
export function idTypoCandidates(reference: ReferenceIndex, id: string): number[] {
  return reference.findOneEditAway(id);
}

// A record whose ID is not in the reference is probed by the ID-typo linker and again by the fuzzy linker:
// the last record's hits are kept (one slot, as for prepared records).
let lastTypo: { readonly rec: PreparedRecord; readonly hits: readonly number[] } | undefined;

/**
 * Forgets what the ID-typo and fuzzy stages remember of the last record (its prepared form, typo hits and
 * term-frequency adjustment), so that it, its reference and the reference's name memo are not kept alive
 * after linking: `linkRecord` calls this once a record is linked.
 *
 * @example
 * forgetRecordMemos(); // after the stages of one record have run
 */
export function forgetRecordMemos(): void {
  lastTf = undefined;
  lastTypo = undefined;
  forgetPreparedRecord();
}

/** {@link idTypoCandidates} of a prepared record's ID, probed once per record. */
function typoCandidatesOf(reference: ReferenceIndex, rec: PreparedRecord): readonly number[] {
  if (rec.id === undefined) return [];
  if (lastTypo === undefined || lastTypo.rec !== rec) lastTypo = { rec, hits: idTypoCandidates(reference, rec.id) };
  return lastTypo.hits;
}

/** Blocking candidates plus citizens one ID typo away, each once, without `exclude`. */
function candidateIndices(reference: ReferenceIndex, rec: PreparedRecord, config: FuzzyConfig, exclude: number): number[] {
  const ids = blockCandidates(reference, rec, config.blockingRules, config.maxBlockSize, config.counters);
  if (config.idTypo && rec.id !== undefined) {
    const typo = typoCandidatesOf(reference, rec);
    if (typo.length > 0) {
      const seen = new Set(ids);
      for (const i of typo) if (!seen.has(i)) ids.push(i);
    }
  }
  if (exclude >= 0) {
    const at = ids.indexOf(exclude);
    if (at >= 0) ids.splice(at, 1);
  }
  return ids;
}

/**
 * Searches the reference for a record: blocking candidates plus citizens one ID typo away, each scored.
 *
 * @example
 * searchCitizens(ref, record, resolveFuzzyConfig()).length //=> 2
 */
export function searchCitizens(reference: ReferenceIndex, record: SectorRecord, config: FuzzyConfig, exclude = -1): ScoredCandidate[] {
  const rec = prepareRecord(reference, record);
  return candidateIndices(reference, rec, config, exclude).map((i) => scoreCitizen(reference, rec, i, config));
}

let weightScratch = new Float64Array(256);
// Every candidate's level indices, N_FIELDS per candidate: the odds and the reviewed candidates' evidence
// are built from them without comparing the pair again.
let levelsScratch = new Int8Array(256 * N_FIELDS);

/** Whether a weight's probability reaches `threshold`, decided on the weight outside a band around `thresholdWeight`. */
function reaches(weight: number, threshold: number, thresholdWeight: number): boolean {
  if (weight > thresholdWeight + WEIGHT_BAND) return true;
  if (weight < thresholdWeight - WEIGHT_BAND) return false;
  return probabilityFromWeight(weight) >= threshold;
}

/**
 * Searches and decides in one pass, scoring every candidate into a plain number and building evidence only
 * for the few at or above the review threshold: the same decision as `decide(searchCitizens(…))`.
 */
function searchAndDecide(reference: ReferenceIndex, record: SectorRecord, config: FuzzyConfig, exclude: number): Decision {
  const rec = prepareRecord(reference, record);
  const ids = candidateIndices(reference, rec, config, exclude);
  const n = ids.length;
  if (n === 0) return { candidates: [] };
  const model = modelFor(reference, config);
  const table = nameTable(reference);
  const tf = tfAdjustment(reference, model, rec);
  if (weightScratch.length < n) {
    weightScratch = new Float64Array(n * 2);
    levelsScratch = new Int8Array(n * 2 * N_FIELDS);
  }
  const ws = weightScratch;
  const lv = levelsScratch;
  // Touch every candidate's row first: these loads do not depend on each other, so the CPU overlaps their
  // cache misses, which the scoring loop below (a long dependent chain per candidate) cannot.
  const rows = table.rows;
  let touched = 0;
  for (let k = 0; k < n; k++) touched |= rows[ids[k]! * CITIZEN_ROW + ROW.nameCode]!;
  const addresses = rec.address?.table;
  if (addresses !== undefined) {
    // The same for the candidates' address tokens: where they start, then the tokens themselves.
    const start = addresses.start;
    const tokens = addresses.tokens;
    for (let k = 0; k < n; k++) touched |= start[ids[k]!]!;
    for (let k = 0; k < n; k++) {
      const q = start[ids[k]!]!;
      if (q < tokens.length) touched |= tokens[q]!;
    }
  }
  let top = touched & 0; // 0, but uses the loads so the loop is not optimised away
  for (let k = 0; k < n; k++) {
    compareLevelsAt(reference, table, rec, ids[k]!, lv, k * N_FIELDS);
    const w = weightOf(model, tf, lv, k * N_FIELDS);
    ws[k] = w;
    if (w > ws[top]! || (w === ws[top]! && ids[k]! < ids[top]!)) top = k;
  }
  const review = config.reviewThreshold;
  const reviewWeight = model.reviewWeight;
  if (!reaches(ws[top]!, review, reviewWeight)) return { candidates: [] };
  let others = 0;
  const reviewed: ScoredCandidate[] = [];
  for (let k = 0; k < n; k++) {
    if (k !== top) others += oddsOf(model, tf, lv, k * N_FIELDS);
    if (reaches(ws[k]!, review, reviewWeight)) reviewed.push(scoredFrom(model, tf, ids[k]!, lv.subarray(k * N_FIELDS, (k + 1) * N_FIELDS)));
  }
  reviewed.sort((a, b) => b.weight - a.weight || a.index - b.index);
  return decideReviewed(reviewed, others, n, config);
}

function outcomeOf(reference: ReferenceIndex, decision: Decision, linkedBy: 'id-typo' | 'fuzzy'): LinkOutcome {
  const candidates = decision.candidates.map((c) => toCandidate(reference, c));
  if (decision.link !== undefined) {
    const { candidate, weight, evidence } = decision.link;
    const others = candidates.filter((c) => c.citizenId !== reference.idAt(candidate.index));
    const out: { link: LinkOutcome['link']; candidates?: Candidate[] } = {
      link: { index: candidate.index, linkedBy, score: probabilityFromWeight(weight), evidence },
    };
    if (others.length > 0) out.candidates = others;
    return out as LinkOutcome;
  }
  return decision.reason === undefined ? { candidates } : { candidates, reasons: [decision.reason] };
}

/**
 * The ID-typo stage: looks up the 119 one-typo variants of the record's ID and links when exactly the
 * evidence of name and birth date supports the candidate and its score reaches the accept threshold.
 * Otherwise it passes (returns undefined) so fuzzy linking, which also sees these candidates, decides.
 *
 * @example
 * createIdTypoLinker()(ref, record)?.link?.linkedBy //=> 'id-typo'
 */
export function createIdTypoLinker(options: FuzzyOptions = {}): FallbackLinker {
  const config = resolveFuzzyConfig(options);
  return (reference, record) => {
    if (!config.idTypo || record.citizenId === undefined) return undefined;
    const rec = prepareRecord(reference, record);
    const hits = typoCandidatesOf(reference, rec);
    if (hits.length === 0) return undefined;
    const decision = decide(
      hits.map((i) => scoreCitizen(reference, rec, i, config)),
      config,
    );
    if (decision.link === undefined || !identitySupports(decision.link.candidate.levels)) return undefined;
    return outcomeOf(reference, decision, 'id-typo');
  };
}

/**
 * The fuzzy stage: blocking, scoring, decision. Links with linkedBy `fuzzy` (or `id-typo` when the winner is
 * one ID typo away and name and birth date support it); otherwise reports `needs-review` or `ambiguous`
 * with the top candidates, or nothing (the record stays `missing`).
 *
 * @example
 * createFuzzyLinker()(ref, { key: '1', row: 1, fullName: 'Nguyen Van An', birthDate: { year: 1989, month: 7, day: 5 }, extra: {}, problems: [] })?.link?.linkedBy
 * //=> 'fuzzy'
 */
export function createFuzzyLinker(options: FuzzyOptions = {}): FallbackLinker {
  const config = resolveFuzzyConfig(options);
  return (reference, record) => {
    if (record.fullName === undefined && record.birthDate === undefined) return undefined;
    const decision = searchAndDecide(reference, record, config, -1);
    if (decision.link === undefined && decision.candidates.length === 0) return undefined;
    const viaTypo = decision.link !== undefined && decision.link.candidate.levels.citizenId === 'one-edit' && identitySupports(decision.link.candidate.levels);
    return outcomeOf(reference, decision, viaTypo ? 'id-typo' : 'fuzzy');
  };
}

/**
 * Candidates that fit a record better than the citizen its ID links to, for an exact ID link whose name and
 * birth date conflict with the ID's owner (a mistyped ID that is someone else's). Never changes the link.
 *
 * @example
 * conflictCandidates(ref, record, 3, resolveFuzzyConfig()) //=> [{ citizenId: '079190004567', score: 0.998, … }]
 */
export function conflictCandidates(reference: ReferenceIndex, record: SectorRecord, linkedIndex: number, config: FuzzyConfig): Candidate[] {
  return searchAndDecide(reference, record, config, linkedIndex).candidates.map((c) => toCandidate(reference, c));
}
