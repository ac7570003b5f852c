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
export { buildReference, ReferenceBuilder, type BuildReferenceOptions } from './reference/buildReference.js';
export { snapshotReference, restoreReference, type ReferenceSnapshot } from './reference/snapshot.js';
export { packStrings, unpackStrings, packedStringAt, type PackedStrings } from './reference/packedStrings.js';
export type { KeyIndexData } from './reference/keyIndex.js';
export { ReferenceIndex, type ReferenceProblem, type ReferenceColumns } from './reference/referenceIndex.js';
export { packDate, unpackDate } from './reference/packedDate.js';

// Link, classify, reconcile
export { linkById } from './link/linkById.js';
export type { Link, LinkOutcome, FallbackLinker } from './link/types.js';
export { classifyRecord, DEFAULT_REQUIRED_FIELDS, type ClassifyOptions } from './classify/classifyRecord.js';
export { reconcile, reconcileRecord, reconcileRow, reconcileParsed, linkRecord, finishRecord, createRowPipeline, type RowPipeline, type ReconcileOutput, type RowOutcome } from './reconcile/reconcile.js';
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
  DIMENSION_TEXT,
  dimensionLabel,
  type BilingualText,
  type ReconcileStats,
  type Scorecard,
  type ScoreDimension,
  type Dimension,
} from './stats/stats.js';
export { summarize, addToStats, addStatsInto, sortKeys, StatsCounter, type StatsCounterData, type StatusCountsData } from './stats/summarize.js';
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

// Pseudonymised matching (HMAC-SHA-256 of normalised IDs, Web Crypto)
export {
  pseudonymize,
  pseudonymizeRows,
  importPseudonymKey,
  ID_FIELDS,
  type PseudonymKey,
  type PseudonymizeOptions,
} from './normalise/pseudonymize.js';

// Fuzzy linking and evaluation
export { BLOCKING_RULES, DEFAULT_BLOCKING_RULES, emptyBlockingCounters, blockCandidates, prepareBlockingIndexes, type BlockingRule, type BlockingCounters } from './link/fuzzy/blocking.js';
export { fuzzyOptionsSchema, resolveFuzzyConfig, DEFAULT_ACCEPT, DEFAULT_REVIEW, DEFAULT_AMBIGUITY_MARGIN, type FuzzyOptions, type FuzzyConfig } from './link/fuzzy/config.js';
export {
  FUZZY_FIELDS,
  FIELD_LEVELS,
  DEFAULT_PARAMETERS,
  matchWeight,
  probabilityFromWeight,
  weightFromProbability,
  mergeParameters,
  type FuzzyField,
  type FuzzyParameters,
  type FuzzyParametersInput,
  type LevelParameters,
} from './link/fuzzy/model.js';
export { compareIds, type ComparisonVector } from './link/fuzzy/comparisons.js';
export {
  createFuzzyLinker,
  createIdTypoLinker,
  prepareFuzzyIndexes,
  scoreCitizen,
  searchCitizens,
  decide,
  idVariants,
  type ScoredCandidate,
  type Decision,
} from './link/fuzzy/fuzzyLinker.js';
export { evaluateLinks, formatEvaluation, runEvaluation, type EvaluationReport, type LinkQuality, type KindAccuracy, type RunEvaluationOptions } from './sample/evaluate.js';

export { estimateParameters, emFit, type EstimateOptions, type EstimatedParameters, type EmFit, type EmFitOptions } from './link/fuzzy/em.js';

// CI gate, Markdown summary and HTML report
export {
  evaluateGate,
  parseThresholdList,
  parseMaxStatusList,
  gateThresholdsSchema,
  GATE_STATUSES,
  type GateThresholds,
  type GateCheck,
  type GateResult,
  type ParseListResult,
} from './stats/gate.js';
export {
  formatMarkdownSummary,
  type MarkdownSummaryOptions,
  type RunMeta,
  type InputFingerprint,
} from './write/summaryMarkdown.js';
export {
  renderReport,
  selectReportSample,
  ReportSampler,
  maskField,
  REPORT_CSP,
  type ReportInput,
  type ReportMeta,
} from './report/html.js';
export type { FuzzyThresholds } from './report/charts.js';

// Reading (runtime-neutral parts) and profiles
export { CsvChunkParser, parseCsv, detectDelimiter, type CsvRecord, type CsvDelimiter, type CsvParserOptions } from './read/csv.js';
export { normaliseHeader, findHeaderRow } from './read/header.js';
export { mapColumns, parseColumnOverrides, type ColumnMapping, type MappingError, type MapColumnsResult, type ColumnOverrides } from './read/mapColumns.js';
export { TableBuilder, readRows, toRecords, type TableRow, type BrokenLine, type ReadReport, type TableOptions, type LegacyFontColumn } from './read/table.js';
export { NdjsonChunkParser, readJsonText, jsonFlavour, type NdjsonParserOptions } from './read/json.js';
export { decodeBytes, createDecoder, detectEncoding, type TextEncoding, type DecodedText, type StreamDecoder } from './read/encoding/decode.js';
export { detectLegacyFont, convertLegacyFont, repairVietnamese, type LegacyFont } from './read/encoding/legacyFonts.js';
export {
  defineProfile,
  profileOptions,
  profileFieldsRule,
  COMMON_SECTOR_COLUMNS,
  DEFAULT_COMPARE,
  type Profile,
  type ProfileSpec,
  type ProfileKind,
  type CellValue,
  type FieldRow,
} from './profiles/types.js';
export {
  PROFILES,
  getProfile,
  generic,
  reference as referenceProfile,
  healthInsurance,
  socialInsurance,
  civilStatus,
  association,
  elderlyAssociation,
  labour,
  meritoriousPeople,
  vaccination,
} from './profiles/index.js';
export { parseBhytCard, type BhytCard } from './profiles/healthInsurance.js';
export { parseRegistrationType, expandMarriage, type RegistrationType } from './profiles/civilStatus.js';
export { associationKind, minimumAgeRule, ASSOCIATION_MIN_AGE, type AssociationKind } from './profiles/association.js';
export { retirementAge, MIN_WORKING_AGE } from './profiles/labour.js';
export { BHYT_BENEFICIARY_CODES } from './profiles/bhytCodes.js';

// Writers (pure: strings out)
export { worklistCsv, worklistHeader, worklistLine, type WorklistOptions } from './write/worklistCsv.js';
export { resultsNdjson, resultLine } from './write/ndjson.js';
export { statsJson, statsJsonSchema } from './write/statsJson.js';
export { referenceUpdatesCsv } from './write/referenceUpdatesCsv.js';
