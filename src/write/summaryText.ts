import type { Status } from '../model/types.js';
import { REASONS, type ReasonCode } from '../model/reasons.js';
import { scorecard, dimensionLabel, DIMENSIONS, DIMENSION_TEXT, type Dimension, type ReconcileStats } from '../stats/stats.js';

/** Vietnamese and English labels of the scorecard dimensions (from `DIMENSION_TEXT`; English in lower case). */
export const DIMENSION_LABELS: Record<Dimension, { readonly vi: string; readonly en: string }> = Object.fromEntries(
  DIMENSIONS.map((d) => [d, { vi: DIMENSION_TEXT[d].name.vi, en: DIMENSION_TEXT[d].name.en.toLowerCase() }]),
) as Record<Dimension, { readonly vi: string; readonly en: string }>;

/** Labels of the statuses. */
export const STATUS_LABELS: Record<Status, { readonly vi: string; readonly en: string }> = {
  matched: { vi: 'Khớp', en: 'matched' },
  mismatched: { vi: 'Sai lệch', en: 'mismatched' },
  missing: { vi: 'Không tìm thấy', en: 'missing' },
  stale: { vi: 'Lỗi thời', en: 'stale' },
};

const STATUSES: readonly Status[] = ['matched', 'mismatched', 'stale', 'missing'];

function pct(v: number | null): string {
  return v === null ? '   n/a' : `${(v * 100).toFixed(1).padStart(5)}%`;
}

/** Options for {@link formatSummary}. */
export interface FormatSummaryOptions {
  /** How many reasons to list (default 8). */
  readonly topReasons?: number;
}

/**
 * Renders statistics as a short plain-text summary for a terminal: counts per status, the scorecard and the top reasons.
 * Contains no personal data (only counts).
 *
 * @example
 * formatSummary(stats).split('\n')[0] //=> 'doisoat: 5000 records'
 */
export function formatSummary(stats: ReconcileStats, options: FormatSummaryOptions = {}): string {
  const lines: string[] = [];
  const total = stats.total;
  lines.push(`doisoat: ${total} records`);
  lines.push('');
  lines.push('Status                         count      share');
  for (const s of STATUSES) {
    const n = stats.byStatus[s];
    const label = `${STATUS_LABELS[s].vi} (${STATUS_LABELS[s].en})`;
    lines.push(`  ${label.padEnd(28)} ${String(n).padStart(6)}  ${pct(total === 0 ? null : n / total)}`);
  }
  lines.push('');
  lines.push('Scorecard                    value   numerator / denominator');
  const card = scorecard(stats);
  for (const d of DIMENSIONS) {
    const dim = card[d];
    const label = dimensionLabel(d);
    lines.push(`  ${label.padEnd(24)} ${pct(dim.value)}   ${dim.numerator} / ${dim.denominator}`);
  }
  const reasons = Object.entries(stats.byReason)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, options.topReasons ?? 8);
  if (reasons.length > 0) {
    lines.push('');
    lines.push('Top reasons');
    for (const [code, n] of reasons) {
      const known = code in REASONS;
      lines.push(`  ${String(n).padStart(6)}  ${code}${known ? '' : ' (unknown code)'}`);
    }
  }
  if (stats.duplicates > 0) {
    lines.push('');
    lines.push(`Duplicates: ${stats.duplicates} records link to a citizen another record already links to.`);
  }
  return lines.join('\n');
}

/** The one-line meaning of a reason code (for reports and `--help`). */
export function describeReason(code: ReasonCode): string {
  return REASONS[code];
}
