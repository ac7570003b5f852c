/**
 * The Fellegi–Sunter model: comparison levels per field, their m and u probabilities, the prior, and the
 * conversion of a total match weight (bits) into a probability. docs/linking.md explains every default.
 */
import { NAME_LEVELS } from '../../compare/name.js';
import { DATE_LEVELS } from '../../compare/date.js';

/** Fields the fuzzy model compares. */
export const FUZZY_FIELDS = ['fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode', 'address', 'citizenId'] as const;
/** A field the fuzzy model compares. */
export type FuzzyField = (typeof FUZZY_FIELDS)[number];

/**
 * Name levels of the fuzzy model: compareNames' levels with `typo` split by edit count, because one edit is
 * much rarer between different people than two (measured on random pairs: 5e-4 against 2.5e-3) while most
 * misspellings are single edits (Damerau 1964: ~80%). `one-edit` = one character edit on the skeleton,
 * `typo` = two.
 */
export const FUZZY_NAME_LEVELS: readonly string[] = NAME_LEVELS.flatMap((l) => (l === 'typo' ? ['one-edit', 'typo'] : [l]));

/** Comparison levels of each field, strongest agreement first. */
export const FIELD_LEVELS: { readonly [F in FuzzyField]: readonly string[] } = {
  fullName: FUZZY_NAME_LEVELS,
  birthDate: DATE_LEVELS,
  gender: ['agree', 'disagree'],
  provinceCode: ['agree', 'disagree'],
  communeCode: ['agree', 'disagree'],
  address: ['similar', 'overlap', 'different'],
  // `one-edit`: one substituted character, one adjacent transposition or a dropped leading zero;
  // `same-prefix-year`/`same-year`: Vietnamese IDs only, the province+gender+year digits (1–6) / gender+year digits (4–6) agree.
  citizenId: ['one-edit', 'same-prefix-year', 'same-year', 'different'],
};

/** m = P(level | same person), u = P(level | different people). */
export interface LevelParameters {
  readonly m: number;
  readonly u: number;
}

/** m and u for every level of every field. */
export type FuzzyParameters = { readonly [F in FuzzyField]: Readonly<Record<string, LevelParameters>> };

/** Parameters as a caller may pass them: any subset of fields and levels overrides the defaults. */
export type FuzzyParametersInput = { readonly [F in FuzzyField]?: Readonly<Record<string, Partial<LevelParameters>>> };

/**
 * Default m and u. u values were measured on random pairs of the sample generator's population (realistic
 * Vietnamese name and date distributions, `estimateParameters`) and rounded; m values are deliberately
 * conservative guesses of how often a real register shows each kind of error (docs/linking.md).
 */
export const DEFAULT_PARAMETERS: FuzzyParameters = {
  fullName: {
    exact: { m: 0.82, u: 2e-4 },
    'case-or-spacing': { m: 0.03, u: 2e-5 },
    diacritics: { m: 0.05, u: 2e-5 },
    'middle-name': { m: 0.03, u: 4e-5 },
    'token-order': { m: 0.005, u: 1e-6 },
    // Split of the former `typo` level (m 0.04, u 4e-3): 80% of misspellings are one edit (Damerau);
    // u measured on 2M random pairs of the generator's population (4.6e-4 and 2.3e-3), rounded up.
    'one-edit': { m: 0.032, u: 5e-4 },
    typo: { m: 0.008, u: 2.5e-3 },
    'jaro-winkler-high': { m: 0.01, u: 5e-3 },
    'jaro-winkler-mid': { m: 0.003, u: 0.06 },
    different: { m: 0.012, u: 0.93 },
  },
  birthDate: {
    exact: { m: 0.86, u: 3.5e-5 },
    'partial-compatible': { m: 0.04, u: 0.012 },
    'day-month-swapped': { m: 0.03, u: 3e-5 },
    'digit-typo': { m: 0.03, u: 2.5e-3 },
    'year-off-by-one': { m: 0.02, u: 1e-4 },
    'year-only-match': { m: 0.005, u: 0.012 },
    different: { m: 0.015, u: 0.985 },
  },
  gender: {
    agree: { m: 0.97, u: 0.5 },
    disagree: { m: 0.03, u: 0.5 },
  },
  provinceCode: {
    agree: { m: 0.88, u: 0.03 },
    disagree: { m: 0.12, u: 0.97 },
  },
  communeCode: {
    agree: { m: 0.8, u: 3e-4 },
    disagree: { m: 0.2, u: 0.9997 },
  },
  address: {
    similar: { m: 0.5, u: 0.05 },
    overlap: { m: 0.3, u: 0.25 },
    different: { m: 0.2, u: 0.7 },
  },
  citizenId: {
    // m: keying errors in numbers are overwhelmingly single (one substituted digit or one adjacent
    // transposition, ~85–90% in Verhoeff's and Beckley's studies), so a true match whose ID is present but
    // unknown is usually one edit away. u of the other levels is conditional on the fields already compared:
    // the ID repeats province, gender and birth year, so a namesake born the same year in the same province
    // shows `same-prefix-year` almost always. An ID two or more edits away is therefore evidence against
    // (≈ −3 bits), not the weak support it looks like field by field (docs/linking.md, docs/quality.md).
    'one-edit': { m: 0.87, u: 1e-5 },
    'same-prefix-year': { m: 0.08, u: 0.5 },
    'same-year': { m: 0.03, u: 0.25 },
    different: { m: 0.02, u: 0.25 },
  },
};

/** Smallest probability kept, so a weight is always finite. */
const EPS = 1e-12;

/**
 * The Fellegi–Sunter match weight of a level: log2(m / u), in bits.
 *
 * @example
 * matchWeight({ m: 0.9, u: 0.45 }) //=> 1
 */
export function matchWeight(p: LevelParameters): number {
  return Math.log2(Math.max(p.m, EPS) / Math.max(p.u, EPS));
}

/**
 * Probability from a total weight in bits (prior included): 2^w / (1 + 2^w).
 *
 * @example
 * probabilityFromWeight(0) //=> 0.5
 */
export function probabilityFromWeight(weight: number): number {
  if (weight > 60) return 1;
  if (weight < -60) return 0;
  const odds = 2 ** weight;
  return odds / (1 + odds);
}

/**
 * Weight in bits of a probability: log2(p / (1 − p)); the inverse of {@link probabilityFromWeight}.
 *
 * @example
 * weightFromProbability(0.5) //=> 0
 */
export function weightFromProbability(p: number): number {
  const q = Math.min(Math.max(p, EPS), 1 - EPS);
  return Math.log2(q / (1 - q));
}

/**
 * Merges caller parameters over the defaults (or over `base`), clamping probabilities into (0, 1).
 *
 * @example
 * mergeParameters({ gender: { agree: { u: 0.6 } } }).gender.agree //=> { m: 0.97, u: 0.6 }
 */
export function mergeParameters(input: FuzzyParametersInput | undefined, base: FuzzyParameters = DEFAULT_PARAMETERS): FuzzyParameters {
  if (input === undefined) return base;
  const out: Record<string, Record<string, LevelParameters>> = {};
  for (const field of FUZZY_FIELDS) {
    const levels: Record<string, LevelParameters> = { ...base[field] };
    const over = input[field];
    if (over !== undefined) {
      for (const [level, p] of Object.entries(over)) {
        const prev = levels[level];
        if (prev === undefined) continue;
        const clamp = (x: number | undefined, d: number): number => (x === undefined || !Number.isFinite(x) ? d : Math.min(Math.max(x, EPS), 1));
        levels[level] = { m: clamp(p.m, prev.m), u: clamp(p.u, prev.u) };
      }
    }
    out[field] = levels;
  }
  return out as unknown as FuzzyParameters;
}

/** Weights (bits) of every level of every field, precomputed from parameters. */
export type WeightTable = { readonly [F in FuzzyField]: Readonly<Record<string, number>> };

/**
 * Precomputes log2(m/u) for every level.
 *
 * @example
 * weightTable(DEFAULT_PARAMETERS).gender.agree //=> 0.956
 */
export function weightTable(parameters: FuzzyParameters): WeightTable {
  const out: Record<string, Record<string, number>> = {};
  for (const field of FUZZY_FIELDS) {
    const levels: Record<string, number> = {};
    for (const [level, p] of Object.entries(parameters[field])) levels[level] = matchWeight(p);
    out[field] = levels;
  }
  return out as unknown as WeightTable;
}
