/**
 * Options of fuzzy and ID-typo linking, their zod schema (for config files) and defaults.
 */
import { z } from 'zod';
import { BLOCKING_RULES, DEFAULT_BLOCKING_RULES, type BlockingCounters, type BlockingRule } from './blocking.js';
import { DEFAULT_PARAMETERS, FUZZY_FIELDS, mergeParameters, type FuzzyParameters, type FuzzyParametersInput } from './model.js';

/** Options of fuzzy linking (`reconcile(..., { fuzzy })`); every one has a documented default. */
export interface FuzzyOptions {
  /** Link when the match probability reaches this (default 0.99; see docs/linking.md). */
  readonly acceptThreshold?: number;
  /** Below accept but at or above this, offer the candidate for review (default 0.5). */
  readonly reviewThreshold?: number;
  /** Two candidates whose weights are closer than this many bits are ambiguous (default 3). */
  readonly ambiguityMargin?: number;
  /**
   * Prior probability that a given record–citizen pair is a match. Default: derived from `inReference` and
   * the reference size N as odds π / ((1 − π) · max(N, 10,000)) (docs/linking.md).
   */
  readonly prior?: number;
  /** π: the share of records whose person is in the reference at all (default 0.9). */
  readonly inReference?: number;
  /** m and u overrides (e.g. from `estimateParameters`). */
  readonly parameters?: FuzzyParametersInput;
  /** Blocking rules whose union yields candidates (default {@link DEFAULT_BLOCKING_RULES}: all of {@link BLOCKING_RULES} but `birthDate` alone). */
  readonly blockingRules?: readonly BlockingRule[];
  /** Blocks larger than this are skipped (default 5,000). */
  readonly maxBlockSize?: number;
  /** Candidates listed on a result for review (default 3). */
  readonly maxCandidates?: number;
  /** Adjust name weights by the frequency of the name in the reference (default true). */
  readonly termFrequency?: boolean;
  /** Try ID-typo recovery before fuzzy linking (default true). */
  readonly idTypo?: boolean;
  /** Counters mutated in place with blocking statistics (not serialisable; for evaluation). */
  readonly counters?: BlockingCounters;
}

const levelSchema = z.object({ m: z.number().gt(0).lte(1).optional(), u: z.number().gt(0).lte(1).optional() });

/** Zod schema of the serialisable part of {@link FuzzyOptions}. */
export const fuzzyOptionsSchema = z.object({
  acceptThreshold: z.number().gt(0).lt(1).optional(),
  reviewThreshold: z.number().gt(0).lt(1).optional(),
  ambiguityMargin: z.number().min(0).optional(),
  prior: z.number().gt(0).lt(1).optional(),
  inReference: z.number().gt(0).lt(1).optional(),
  parameters: z.partialRecord(z.enum(FUZZY_FIELDS), z.record(z.string(), levelSchema)).optional(),
  blockingRules: z.array(z.enum(BLOCKING_RULES)).optional(),
  maxBlockSize: z.number().int().positive().optional(),
  maxCandidates: z.number().int().min(0).optional(),
  termFrequency: z.boolean().optional(),
  idTypo: z.boolean().optional(),
});

/** {@link FuzzyOptions} with every default filled in. */
export interface FuzzyConfig {
  readonly acceptThreshold: number;
  readonly reviewThreshold: number;
  readonly ambiguityMargin: number;
  readonly prior?: number;
  readonly inReference: number;
  readonly parameters: FuzzyParameters;
  readonly blockingRules: readonly BlockingRule[];
  readonly maxBlockSize: number;
  readonly maxCandidates: number;
  readonly termFrequency: boolean;
  readonly idTypo: boolean;
  readonly counters?: BlockingCounters;
}

/** Default accept threshold. */
export const DEFAULT_ACCEPT = 0.99;
/** Default review threshold. */
export const DEFAULT_REVIEW = 0.5;
/** Default ambiguity margin in bits. */
export const DEFAULT_AMBIGUITY_MARGIN = 3;
/** Default share of records whose person is in the reference. */
export const DEFAULT_IN_REFERENCE = 0.9;
/** The prior never assumes a population smaller than this. */
export const MIN_PRIOR_POPULATION = 10_000;

/**
 * Fills in the defaults of fuzzy options. Inconsistent thresholds (review above accept) are clamped.
 *
 * @example
 * resolveFuzzyConfig({}).acceptThreshold //=> 0.99
 */
export function resolveFuzzyConfig(options: FuzzyOptions = {}): FuzzyConfig {
  const accept = options.acceptThreshold ?? DEFAULT_ACCEPT;
  const out: FuzzyConfig = {
    acceptThreshold: accept,
    reviewThreshold: Math.min(options.reviewThreshold ?? DEFAULT_REVIEW, accept),
    ambiguityMargin: options.ambiguityMargin ?? DEFAULT_AMBIGUITY_MARGIN,
    inReference: options.inReference ?? DEFAULT_IN_REFERENCE,
    parameters: mergeParameters(options.parameters, DEFAULT_PARAMETERS),
    blockingRules: options.blockingRules ?? DEFAULT_BLOCKING_RULES,
    maxBlockSize: options.maxBlockSize ?? 5000,
    maxCandidates: options.maxCandidates ?? 3,
    termFrequency: options.termFrequency ?? true,
    idTypo: options.idTypo ?? true,
  };
  const extra: { prior?: number; counters?: BlockingCounters } = {};
  if (options.prior !== undefined) extra.prior = options.prior;
  if (options.counters !== undefined) extra.counters = options.counters;
  return { ...out, ...extra };
}
