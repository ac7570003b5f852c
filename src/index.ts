/**
 * doisoat — reconcile sector registers against a reference citizen dataset so that data is
 * đúng, đủ, sạch, sống (correct, complete, clean, current).
 *
 * This entry is runtime-neutral (Node, browsers, Deno): no file system, no process, no clock.
 * File reading, the CLI and reports live in `doisoat/node`.
 * @packageDocumentation
 */

// Model
export type {
  PartialDate,
  Gender,
  CitizenStatus,
  RowProblem,
  Citizen,
  SectorRecord,
  LinkMethod,
  Status,
  ComparedField,
  FieldDiff,
  FieldEvidence,
  Candidate,
  RecordResult,
} from './model/types.js';
export {
  REASONS,
  REASON_CODES,
  DIFF_KINDS,
  DIFF_KIND_CODES,
  INFORMATIONAL_DIFF_KINDS,
  ENTRY_ERROR_DIFF_KINDS,
  type ReasonCode,
  type DiffKind,
} from './model/reasons.js';
export {
  cellSchema,
  rowSchema,
  parseCitizenRow,
  parseSectorRow,
  RECORD_FIELDS,
  CITIZEN_FIELDS,
  type ParseRowOptions,
  type ParsedCitizenRow,
} from './model/schema.js';

// Normalise
export { cleanText, foldDiacritics, unifyToneMarks } from './normalise/text.js';
export { normaliseName, nameSkeleton, type NormalisedName } from './normalise/name.js';
export {
  parsePartialDate,
  formatPartialDate,
  toIsoPartial,
  comparePartialDateOrder,
  isPartialDateBefore,
  ageOn,
  type DateParseResult,
  type ParseDateOptions,
} from './normalise/date.js';
export { parseGender, formatGender, type GenderParseResult, type ParseGenderOptions } from './normalise/gender.js';
export {
  normaliseId,
  analysePersonalId,
  checkIdConsistency,
  isValidProvincePrefix,
  toAsciiDigits,
  type IdScheme,
  type IdKind,
  type NormalisedId,
  type NormaliseIdOptions,
  type PersonalIdInfo,
  type IdInconsistency,
} from './normalise/id.js';
export { parseCitizenStatus, type StatusParseResult } from './normalise/status.js';
export {
  PROVINCES_PRE_2025,
  PROVINCES_2025,
  provinceOfPrefix,
  provinceCode2025,
  type ProvincePre2025,
  type Province2025,
} from './normalise/provinces.js';

// Compare
export { jaroWinkler } from './compare/jaroWinkler.js';
export { compareNames, NAME_LEVELS, type NameLevel, type NameComparison } from './compare/name.js';
export { compareDates, DATE_LEVELS, type DateLevel } from './compare/date.js';
export { compareRecord, DEFAULT_COMPARED_FIELDS, type RecordComparison } from './compare/record.js';

// Reference
export { buildReference, type BuildReferenceOptions } from './reference/buildReference.js';
export { ReferenceIndex, type ReferenceProblem, type ReferenceColumns } from './reference/referenceIndex.js';
export { packDate, unpackDate } from './reference/packedDate.js';

// Link, classify, reconcile
export { linkById } from './link/linkById.js';
export type { Link, LinkOutcome, FallbackLinker } from './link/types.js';
export { classifyRecord, DEFAULT_REQUIRED_FIELDS, type ClassifyOptions } from './classify/classifyRecord.js';
export { reconcile, reconcileRecord, reconcileParsed, linkRecord, finishRecord, type ReconcileOutput } from './reconcile/reconcile.js';
export { resolveOptions, reconcileOptionsSchema, OptionsError, type ReconcileOptions, type ResolvedOptions } from './reconcile/options.js';
export { markDuplicates } from './reconcile/duplicates.js';
export { partitionKey, partitionOf, parsePartition, fnv1a, type Partition } from './reconcile/partition.js';
export { applyRules, type SectorRule, type RuleFinding, type RuleContext, type ReferenceUpdate } from './classify/rules.js';

// Statistics
export {
  statsSchema,
  scorecard,
  emptyStats,
  DIMENSIONS,
  type ReconcileStats,
  type Scorecard,
  type ScoreDimension,
  type Dimension,
} from './stats/stats.js';
export { summarize, addToStats, sortKeys } from './stats/summarize.js';
export { mergeStats, mergeAllStats } from './stats/mergeStats.js';

// Write
export { formatSummary, describeReason, DIMENSION_LABELS, STATUS_LABELS, type FormatSummaryOptions } from './write/summaryText.js';

export { maskId, maskName, maskDate, safeCell } from './write/mask.js';

// Sample data
export {
  generateSample,
  SAMPLE_KINDS,
  type SampleKind,
  type SampleData,
  type SampleTruth,
  type SampleCitizenRow,
  type SampleRecordRow,
  type GenerateSampleOptions,
} from './sample/generate.js';
