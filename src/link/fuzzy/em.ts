/**
 * Learning m and u without labels, as Splink and fastLink do: u from random record–citizen pairs (almost all
 * non-matches), then m by expectation–maximisation on the blocked pairs with u held fixed.
 */
import type { SectorRecord } from '../../model/types.js';
import { parseSectorRow } from '../../model/schema.js';
import type { ReferenceIndex } from '../../reference/referenceIndex.js';
import { Random } from '../../sample/random.js';
import { blockCandidates } from './blocking.js';
import { compareAt, prepareRecord, type ComparisonVector } from './comparisons.js';
import { resolveFuzzyConfig, type FuzzyOptions } from './config.js';
import { DEFAULT_PARAMETERS, FIELD_LEVELS, FUZZY_FIELDS, type FuzzyParameters, type LevelParameters } from './model.js';

/** Options of {@link emFit}. */
export interface EmFitOptions {
  /** Starting parameters (default {@link DEFAULT_PARAMETERS}). */
  readonly initial?: FuzzyParameters;
  /** Starting share of matches among the pairs (default 0.1). */
  readonly lambda?: number;
  /** Keep u fixed at `initial` (default true: u is better estimated from random pairs). */
  readonly fixU?: boolean;
  readonly maxIterations?: number;
  /** Stop when no m, u or λ moves by more than this (default 1e-6). */
  readonly tolerance?: number;
}

/** The outcome of {@link emFit}. */
export interface EmFit {
  readonly parameters: FuzzyParameters;
  /** Estimated share of matches among the pairs. */
  readonly lambda: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const FLOOR = 1e-6;

function toArrays(p: FuzzyParameters): Record<string, { m: number[]; u: number[] }> {
  const out: Record<string, { m: number[]; u: number[] }> = {};
  for (const f of FUZZY_FIELDS) {
    const levels = FIELD_LEVELS[f];
    out[f] = { m: levels.map((l) => p[f][l]?.m ?? FLOOR), u: levels.map((l) => p[f][l]?.u ?? FLOOR) };
  }
  return out;
}

/**
 * Fits m (and optionally u) and the match share λ to comparison vectors by EM, assuming fields are
 * independent given match status (the Fellegi–Sunter assumption). Deterministic.
 *
 * @example
 * emFit(vectors, { fixU: false }).parameters.gender.agree.m //=> 0.97
 */
export function emFit(vectors: readonly ComparisonVector[], options: EmFitOptions = {}): EmFit {
  const initial = options.initial ?? DEFAULT_PARAMETERS;
  const fixU = options.fixU ?? true;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-6;
  let lambda = options.lambda ?? 0.1;
  const params = toArrays(initial);
  // Level indices per vector and field (-1 = absent), computed once.
  const fields = FUZZY_FIELDS;
  const idx = new Int8Array(vectors.length * fields.length).fill(-1);
  vectors.forEach((v, r) => {
    fields.forEach((f, k) => {
      const level = v[f];
      if (level !== undefined) idx[r * fields.length + k] = FIELD_LEVELS[f].indexOf(level);
    });
  });
  let iterations = 0;
  let converged = false;
  const post = new Float64Array(vectors.length);
  while (iterations < maxIterations && !converged) {
    iterations++;
    // E-step: posterior match probability of each pair.
    for (let r = 0; r < vectors.length; r++) {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      for (let k = 0; k < fields.length; k++) {
        const l = idx[r * fields.length + k]!;
        if (l < 0) continue;
        const p = params[fields[k]!]!;
        lm += Math.log(Math.max(p.m[l]!, FLOOR));
        lu += Math.log(Math.max(p.u[l]!, FLOOR));
      }
      post[r] = 1 / (1 + Math.exp(lu - lm));
    }
    // M-step.
    let delta = 0;
    let sumP = 0;
    for (let r = 0; r < vectors.length; r++) sumP += post[r]!;
    const nextLambda = vectors.length === 0 ? lambda : Math.min(Math.max(sumP / vectors.length, FLOOR), 1 - FLOOR);
    delta = Math.max(delta, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    fields.forEach((f, k) => {
      const n = FIELD_LEVELS[f].length;
      const mNum = new Float64Array(n);
      const uNum = new Float64Array(n);
      let mDen = 0;
      let uDen = 0;
      for (let r = 0; r < vectors.length; r++) {
        const l = idx[r * fields.length + k]!;
        if (l < 0) continue;
        mNum[l]! += post[r]!;
        uNum[l]! += 1 - post[r]!;
        mDen += post[r]!;
        uDen += 1 - post[r]!;
      }
      const p = params[f]!;
      if (mDen > 0) {
        for (let l = 0; l < n; l++) {
          const m = Math.max(mNum[l]! / mDen, FLOOR);
          delta = Math.max(delta, Math.abs(m - p.m[l]!));
          p.m[l] = m;
        }
      }
      if (!fixU && uDen > 0) {
        for (let l = 0; l < n; l++) {
          const u = Math.max(uNum[l]! / uDen, FLOOR);
          delta = Math.max(delta, Math.abs(u - p.u[l]!));
          p.u[l] = u;
        }
      }
    });
    if (delta < tolerance) converged = true;
  }
  const out: Record<string, Record<string, LevelParameters>> = {};
  for (const f of FUZZY_FIELDS) {
    const p = params[f]!;
    out[f] = Object.fromEntries(FIELD_LEVELS[f].map((l, i) => [l, { m: p.m[i]!, u: p.u[i]! }]));
  }
  return { parameters: out as unknown as FuzzyParameters, lambda, iterations, converged };
}

/** Options of {@link estimateParameters}. */
export interface EstimateOptions {
  /** Random pairs sampled to estimate u (default 100,000). */
  readonly uSamples?: number;
  /** Records used for EM on blocked pairs (default 5,000; the first ones). */
  readonly maxRecords?: number;
  /** PRNG seed of the random pairs (default 1). */
  readonly seed?: number;
  /** Blocking rules and limits (as for fuzzy linking). */
  readonly fuzzy?: FuzzyOptions;
  readonly maxIterations?: number;
}

/** The outcome of {@link estimateParameters}: pass `parameters` as `fuzzy.parameters` to `reconcile`. */
export interface EstimatedParameters extends EmFit {
  /** Blocked pairs EM ran on. */
  readonly pairs: number;
  /** Random pairs u was estimated from. */
  readonly uSamples: number;
}

/**
 * Learns m and u without labels: u from random record–citizen pairs (Laplace-smoothed level frequencies),
 * then m and the match share by EM on the blocked pairs with u fixed. Term-frequency adjustments are not
 * part of EM (as in Splink). Deterministic for a given seed.
 *
 * @param reference - From `buildReference`.
 * @param records - Sector rows with model field names (as for `reconcile`), or parsed records.
 * @example
 * const { parameters } = estimateParameters(ref, rows);
 * reconcile(ref, rows, { fuzzy: { parameters } });
 */
export function estimateParameters(reference: ReferenceIndex, records: Iterable<unknown>, options: EstimateOptions = {}): EstimatedParameters {
  const { counters: _ignored, ...fuzzy } = options.fuzzy ?? {};
  const config = resolveFuzzyConfig(fuzzy);
  const maxRecords = options.maxRecords ?? 5000;
  const prepared = [];
  let row = 0;
  for (const input of records) {
    row++;
    const record = isRecord(input) ? input : parseSectorRow(input, row, { idScheme: reference.idScheme });
    if (record.fullName === undefined && record.birthDate === undefined) continue;
    prepared.push(prepareRecord(reference, record));
    if (prepared.length >= maxRecords) break;
  }
  const uSamples = prepared.length === 0 || reference.size === 0 ? 0 : (options.uSamples ?? 100_000);
  const rng = new Random(options.seed ?? 1);
  const counts: Record<string, number[]> = {};
  for (const f of FUZZY_FIELDS) counts[f] = FIELD_LEVELS[f].map(() => 0);
  for (let s = 0; s < uSamples; s++) {
    const rec = prepared[rng.int(0, prepared.length - 1)]!;
    const v = compareAt(reference, rec, rng.int(0, reference.size - 1));
    for (const f of FUZZY_FIELDS) {
      const l = v[f];
      if (l !== undefined) counts[f]![FIELD_LEVELS[f].indexOf(l)]!++;
    }
  }
  const initial: Record<string, Record<string, LevelParameters>> = {};
  for (const f of FUZZY_FIELDS) {
    const c = counts[f]!;
    const total = c.reduce((a, b) => a + b, 0);
    initial[f] = Object.fromEntries(
      FIELD_LEVELS[f].map((l, i) => [l, { m: DEFAULT_PARAMETERS[f][l]!.m, u: total === 0 ? DEFAULT_PARAMETERS[f][l]!.u : (c[i]! + 0.5) / (total + 0.5 * c.length) }]),
    );
  }
  const vectors: ComparisonVector[] = [];
  let candidates = 0;
  for (const rec of prepared) {
    const ids = blockCandidates(reference, rec, config.blockingRules, config.maxBlockSize);
    candidates += ids.length;
    for (const i of ids) vectors.push(compareAt(reference, rec, i));
  }
  const fit = emFit(vectors, {
    initial: initial as unknown as FuzzyParameters,
    lambda: candidates === 0 ? 0.1 : Math.min(0.5, prepared.length / candidates),
    fixU: true,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  });
  return { ...fit, pairs: vectors.length, uSamples };
}

function isRecord(x: unknown): x is SectorRecord {
  return typeof x === 'object' && x !== null && 'problems' in x && 'extra' in x && 'row' in x && 'key' in x;
}
