/**
 * Reconciliation statistics: plain counts that add up, so partitions can be summarised anywhere and merged
 * (see `mergeStats`). Ratios (the scorecard) are derived from the counts, never merged directly.
 */
import { z } from 'zod';

const counts = z.record(z.string(), z.number().int().nonnegative());

/** Zod schema of the statistics object (also published as JSON Schema in docs/). */
export const statsSchema = z.object({
  /** Format version of this object. */
  version: z.literal(1),
  /** Input rows (every row, valid or not). */
  total: z.number().int().nonnegative(),
  /** Rows without validation problems. */
  valid: z.number().int().nonnegative(),
  /** Rows flagged as duplicates of another row linked to the same citizen (the first of each group excluded). */
  duplicates: z.number().int().nonnegative(),
  /** Rows that are valid and not duplicates (numerator of sạch). */
  clean: z.number().int().nonnegative(),
  /** Rows that hold every required field (numerator of đủ). */
  complete: z.number().int().nonnegative(),
  /** Rows per status. */
  byStatus: z.object({
    matched: z.number().int().nonnegative(),
    mismatched: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
    stale: z.number().int().nonnegative(),
  }),
  /** Rows per reason code (a row with several reasons counts once for each). */
  byReason: counts,
  /** Rows per link method (`none` when unlinked). */
  byLinkMethod: counts,
  /** Differences per field, per kind. */
  byField: z.record(z.string(), counts),
  /** Rows lacking each required field (for đủ). */
  missingFields: counts,
  /** Rows per province code, per status (`unknown` when none can be told). */
  byProvince: z.record(z.string(), counts),
  /** Rows per commune code and status, for rows whose commune is known (added in 0.1; absent in older files). */
  byCommune: z.record(z.string(), counts).default({}),
  /** Validation problems per field, per code. */
  problems: z.record(z.string(), counts),
  /** Histogram of scored-link and candidate scores: 20 bins of width 0.05 over [0, 1]. */
  scoreHistogram: z.array(z.number().int().nonnegative()).length(20),
});

/** Reconciliation statistics (mergeable counts). */
export type ReconcileStats = z.infer<typeof statsSchema>;

/** One dimension of the scorecard: a ratio with its stated numerator and denominator. */
export interface ScoreDimension {
  /** numerator ÷ denominator, or `null` when the denominator is 0. */
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

/** The four-dimension scorecard of DESIGN.md. */
export interface Scorecard {
  /** đúng (correct): matched ÷ linked. */
  readonly dung: ScoreDimension;
  /** đủ (complete): rows with every required field ÷ rows. */
  readonly du: ScoreDimension;
  /** sạch (clean): rows valid and not duplicates ÷ rows. */
  readonly sach: ScoreDimension;
  /** sống (current): linked and not stale ÷ linked. */
  readonly song: ScoreDimension;
}

/** The names of the scorecard dimensions, in order. */
export const DIMENSIONS = ['dung', 'du', 'sach', 'song'] as const;

/** A scorecard dimension name. */
export type Dimension = (typeof DIMENSIONS)[number];

/** A text in Vietnamese and English. */
export interface BilingualText {
  readonly vi: string;
  readonly en: string;
}

/**
 * What each scorecard dimension means, in Vietnamese and English: its name, the question it answers, its
 * formula and what its denominator counts. The one wording the report, the summaries and the gate use.
 */
export const DIMENSION_TEXT: Readonly<Record<Dimension, { readonly name: BilingualText; readonly question: BilingualText; readonly formula: BilingualText; readonly base: BilingualText }>> = {
  dung: {
    name: { vi: 'Đúng', en: 'Correct' },
    question: { vi: 'Dữ liệu ngành có khớp với CSDL tham chiếu?', en: 'Does the sector data agree with the reference?' },
    formula: { vi: 'khớp ÷ đã liên kết', en: 'matched ÷ linked rows' },
    base: { vi: 'bản ghi đã liên kết', en: 'linked rows' },
  },
  du: {
    name: { vi: 'Đủ', en: 'Complete' },
    question: { vi: 'Có đủ các trường bắt buộc?', en: 'Are the required fields there?' },
    formula: { vi: 'đủ trường bắt buộc ÷ tổng số dòng', en: 'rows with every required field ÷ rows' },
    base: { vi: 'dòng', en: 'rows' },
  },
  sach: {
    name: { vi: 'Sạch', en: 'Clean' },
    question: { vi: 'Dữ liệu đúng định dạng và không trùng lặp?', en: 'Well-formed and free of duplicates?' },
    formula: { vi: 'hợp lệ và không trùng ÷ tổng số dòng', en: 'valid, non-duplicate rows ÷ rows' },
    base: { vi: 'dòng', en: 'rows' },
  },
  song: {
    name: { vi: 'Sống', en: 'Current' },
    question: { vi: 'Dữ liệu phản ánh người còn sống và thông tin hiện hành?', en: 'Does it reflect living people and current facts?' },
    formula: { vi: 'đã liên kết, không lỗi thời ÷ đã liên kết', en: 'linked, not stale ÷ linked rows' },
    base: { vi: 'bản ghi đã liên kết', en: 'linked rows' },
  },
};

/**
 * A dimension's label in plain text, Vietnamese name first.
 *
 * @example
 * dimensionLabel('dung') //=> 'Đúng (correct)'
 */
export function dimensionLabel(d: Dimension): string {
  const { name } = DIMENSION_TEXT[d];
  return `${name.vi} (${name.en.toLowerCase()})`;
}

function ratio(numerator: number, denominator: number): ScoreDimension {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/**
 * Derives the scorecard (đúng, đủ, sạch, sống) from statistics.
 *
 * @example
 * scorecard(stats).dung.value //=> 0.93
 */
export function scorecard(stats: ReconcileStats): Scorecard {
  const s = stats.byStatus;
  const linked = s.matched + s.mismatched + s.stale;
  return {
    dung: ratio(s.matched, linked),
    du: ratio(stats.complete, stats.total),
    sach: ratio(stats.clean, stats.total),
    song: ratio(linked - s.stale, linked),
  };
}

/**
 * The identity of {@link mergeStats}: statistics of zero rows.
 *
 * @example
 * emptyStats().total //=> 0
 */
export function emptyStats(): ReconcileStats {
  return {
    version: 1,
    total: 0,
    valid: 0,
    duplicates: 0,
    clean: 0,
    complete: 0,
    byStatus: { matched: 0, mismatched: 0, missing: 0, stale: 0 },
    byReason: {},
    byLinkMethod: {},
    byField: {},
    missingFields: {},
    byProvince: {},
    byCommune: {},
    problems: {},
    scoreHistogram: new Array<number>(20).fill(0),
  };
}
