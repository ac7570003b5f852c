/**
 * Evaluation of linking against the generator's truth: precision, recall and F1 of links, the confusion
 * matrix of statuses, accuracy per kind of record, and candidate pairs per blocking rule.
 */
import type { RecordResult, Status } from '../model/types.js';
import { buildReference } from '../reference/buildReference.js';
import { reconcile } from '../reconcile/reconcile.js';
import { emptyBlockingCounters, type BlockingCounters } from '../link/fuzzy/blocking.js';
import type { FuzzyOptions } from '../link/fuzzy/config.js';
import { generateSample, type SampleTruth } from './generate.js';

/** Precision, recall and F1 with their counts. */
export interface LinkQuality {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Accuracy on one kind of generated record. */
export interface KindAccuracy {
  readonly count: number;
  /** Records whose status equals the truth's. */
  readonly statusCorrect: number;
  /** Records linked to the right citizen (or, for nobody to find, left unlinked). */
  readonly linkCorrect: number;
}

/** The outcome of {@link evaluateLinks}. */
export interface EvaluationReport {
  readonly records: number;
  /** Links over every record. */
  readonly overall: LinkQuality;
  /**
   * The fuzzy subset: precision over links made by ID-typo or fuzzy linking; recall over records the truth
   * says need them (ID missing, mistyped or unusable).
   */
  readonly fuzzy: LinkQuality;
  /** expected status → actual status → count. */
  readonly confusion: Readonly<Record<Status, Readonly<Record<Status, number>>>>;
  readonly kinds: Readonly<Record<string, KindAccuracy>>;
  /** Unlinked records by reason among fuzzy-path records (what is missed, and why). */
  readonly missedFuzzy: Readonly<Record<string, number>>;
  readonly blocking?: BlockingCounters;
}

const STATUSES: readonly Status[] = ['matched', 'mismatched', 'stale', 'missing'];

function quality(tp: number, fp: number, fn: number): LinkQuality {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/**
 * Compares results with the truth, matched by record key. Pure.
 *
 * @param results - From `reconcile` on the generated records.
 * @param truth - The generator's truth.
 * @param blocking - Blocking counters of the run, if collected.
 * @example
 * evaluateLinks(results, sample.truth).fuzzy.precision //=> 1
 */
export function evaluateLinks(results: readonly RecordResult[], truth: readonly SampleTruth[], blocking?: BlockingCounters): EvaluationReport {
  const byKey = new Map<string, RecordResult>();
  for (const r of results) byKey.set(r.key, r);
  const confusion = {} as Record<Status, Record<Status, number>>;
  for (const s of STATUSES) confusion[s] = { matched: 0, mismatched: 0, stale: 0, missing: 0 };
  const kinds: Record<string, { count: number; statusCorrect: number; linkCorrect: number }> = {};
  const missedFuzzy: Record<string, number> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let ftp = 0;
  let ffp = 0;
  let ffn = 0;
  for (const t of truth) {
    const r = byKey.get(t.key);
    const linked = r?.citizenId;
    const correct = t.citizenId === '' ? linked === undefined : linked === t.citizenId;
    if (r !== undefined) confusion[t.status][r.status]++;
    const k = (kinds[t.kind] ??= { count: 0, statusCorrect: 0, linkCorrect: 0 });
    k.count++;
    if (r !== undefined && r.status === t.status) k.statusCorrect++;
    if (correct) k.linkCorrect++;
    if (linked !== undefined) {
      if (linked === t.citizenId) tp++;
      else fp++;
    }
    if (t.citizenId !== '' && linked !== t.citizenId) fn++;
    const viaFuzzy = r?.linkedBy === 'fuzzy' || r?.linkedBy === 'id-typo';
    if (viaFuzzy) {
      if (linked === t.citizenId) ftp++;
      else ffp++;
    }
    if (t.path === 'fuzzy' && t.citizenId !== '' && !(viaFuzzy && linked === t.citizenId)) {
      ffn++;
      const why = linked !== undefined ? (linked === t.citizenId ? `linked by ${r?.linkedBy ?? '?'}` : 'wrong citizen') : (r?.reasons.find((x) => x === 'needs-review' || x === 'ambiguous' || x === 'no-candidate') ?? 'no-candidate');
      missedFuzzy[why] = (missedFuzzy[why] ?? 0) + 1;
    }
  }
  const out: EvaluationReport = {
    records: truth.length,
    overall: quality(tp, fp, fn),
    fuzzy: quality(ftp, ffp, ffn),
    confusion,
    kinds,
    missedFuzzy,
  };
  return blocking === undefined ? out : { ...out, blocking };
}

const pct = (x: number): string => x.toFixed(4);

/**
 * Formats an evaluation report as plain text (no personal data: only counts and rates).
 *
 * @example
 * formatEvaluation(report).split('\n')[0] //=> 'Records: 100000'
 */
export function formatEvaluation(report: EvaluationReport): string {
  const lines: string[] = [`Records: ${report.records}`, ''];
  const q = (label: string, x: LinkQuality): string =>
    `${label.padEnd(8)} precision ${pct(x.precision)}  recall ${pct(x.recall)}  F1 ${pct(x.f1)}  (TP ${x.truePositives}, FP ${x.falsePositives}, FN ${x.falseNegatives})`;
  lines.push('Links', q('overall', report.overall), q('fuzzy', report.fuzzy), '');
  lines.push('Status confusion (rows: truth, columns: result)');
  lines.push(`${''.padEnd(12)}${STATUSES.map((s) => s.padStart(12)).join('')}`);
  for (const s of STATUSES) lines.push(`${s.padEnd(12)}${STATUSES.map((a) => String(report.confusion[s][a]).padStart(12)).join('')}`);
  lines.push('', 'Per kind (count, status correct, link correct)');
  for (const [kind, k] of Object.entries(report.kinds).sort()) {
    lines.push(`${kind.padEnd(22)}${String(k.count).padStart(8)}${pct(k.statusCorrect / k.count).padStart(10)}${pct(k.linkCorrect / k.count).padStart(10)}`);
  }
  const missed = Object.entries(report.missedFuzzy);
  if (missed.length > 0) lines.push('', `Fuzzy-path records not linked correctly: ${missed.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (report.blocking !== undefined) {
    const b = report.blocking;
    lines.push('', `Blocking: ${b.records} records searched, ${b.uniquePairs} distinct candidate pairs, ${b.cappedBlocks} oversized blocks skipped`);
    for (const [rule, n] of Object.entries(b.pairs)) lines.push(`  ${rule.padEnd(32)}${String(n).padStart(12)} pairs`);
  }
  return lines.join('\n');
}

/** Options of {@link runEvaluation}. */
export interface RunEvaluationOptions {
  /** Reference citizens (default 200,000). */
  readonly citizens?: number;
  /** Sector records (default 100,000). */
  readonly records?: number;
  readonly seed?: number;
  /** Fuzzy options to evaluate (default: the library defaults). */
  readonly fuzzy?: FuzzyOptions;
}

/**
 * Generates a sample, builds the reference, reconciles with default settings and evaluates against the truth.
 *
 * @example
 * formatEvaluation(runEvaluation({ citizens: 20000, records: 10000 }))
 */
export function runEvaluation(options: RunEvaluationOptions = {}): EvaluationReport {
  const sample = generateSample({ citizens: options.citizens ?? 200_000, records: options.records ?? 100_000, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  const reference = buildReference(sample.citizens, { expectedSize: sample.citizens.length });
  const counters = emptyBlockingCounters();
  const { results } = reconcile(reference, sample.records, { asOf: sample.asOf, fuzzy: { ...options.fuzzy, counters } });
  return evaluateLinks(results, sample.truth, counters);
}
