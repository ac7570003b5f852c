/**
 * summary.md: the run in a few Markdown tables, for pull requests and `GITHUB_STEP_SUMMARY`. Only counts,
 * ratios, reason codes and file names appear: no personal data.
 */
import type { Status } from '../model/types.js';
import { REASONS } from '../model/reasons.js';
import { DIMENSIONS, DIMENSION_TEXT, dimensionLabel, scorecard, type ReconcileStats } from '../stats/stats.js';
import type { GateResult } from '../stats/gate.js';
import { STATUS_LABELS } from './summaryText.js';

/** A fingerprint of one input file, for audit (REPORTS.md §11). */
export interface InputFingerprint {
  /** File name as the user gave it (not its contents). */
  readonly name: string;
  /** Data rows read. */
  readonly rows: number;
  /** Hex SHA-256 of the file's bytes. */
  readonly sha256?: string;
}

/** Metadata of a run, shown in summaries and reports. Time is passed in: the core reads no clock. */
export interface RunMeta {
  readonly title?: string;
  /** doisoat version. */
  readonly version: string;
  /** When the run happened, as the caller wants it shown (e.g. an ISO timestamp). */
  readonly generatedAt?: string;
  /** The as-of date the reconciliation speaks for. */
  readonly asOf?: string;
  readonly inputs?: readonly InputFingerprint[];
}

/** Options of {@link formatMarkdownSummary}. */
export interface MarkdownSummaryOptions {
  readonly gate?: GateResult;
  readonly meta?: RunMeta;
  /** How many reasons to list (default 10). */
  readonly topReasons?: number;
}

const STATUS_ORDER: readonly Status[] = ['matched', 'mismatched', 'stale', 'missing'];


/** Makes text safe inside a Markdown table cell: no pipes, newlines or HTML. */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function pct(v: number | null): string {
  return v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`;
}

/**
 * Renders statistics (and, when given, the gate outcome and run metadata) as GitHub-flavoured Markdown:
 * scorecard with thresholds and PASS/FAIL, counts and shares per status over a stated base, top reasons with
 * their meanings, and the run metadata.
 *
 * @example
 * formatMarkdownSummary(stats, { gate, meta: { version: '0.1.0', asOf: '2026-01-01' } }).split('\n')[0]
 * //=> '## doisoat · FAIL · 5000 rows'
 */
export function formatMarkdownSummary(stats: ReconcileStats, options: MarkdownSummaryOptions = {}): string {
  const { gate, meta } = options;
  const out: string[] = [];
  const verdict = gate === undefined ? '' : gate.passed ? 'PASS · ' : 'FAIL · ';
  const title = meta?.title === undefined ? 'doisoat' : `doisoat: ${cell(meta.title)}`;
  out.push(`## ${title} · ${verdict}${stats.total} rows`);
  out.push('');
  if (gate !== undefined && !gate.passed) {
    for (const c of gate.checks.filter((x) => !x.passed)) out.push(`- ❌ ${cell(c.message)}`);
    out.push('');
  }

  const card = scorecard(stats);
  out.push('### Scorecard');
  out.push('');
  out.push('| dimension | value | numerator / denominator | measured as | threshold | result |');
  out.push('|---|---:|---:|---|---:|:---:|');
  for (const d of DIMENSIONS) {
    const dim = card[d];
    const check = gate?.checks.find((c) => c.kind === 'fail-under' && c.name === d);
    const label = dimensionLabel(d);
    const threshold = check === undefined ? '—' : `≥ ${pct(check.threshold)}`;
    const result = check === undefined ? '—' : check.passed ? 'PASS' : 'FAIL';
    out.push(`| ${label} | ${pct(dim.value)} | ${dim.numerator} / ${dim.denominator} | ${DIMENSION_TEXT[d].formula.en} | ${threshold} | ${result} |`);
  }
  out.push('');

  out.push('### Rows per status');
  out.push('');
  out.push(`Shares are of all ${stats.total} input rows.`);
  out.push('');
  out.push('| status | rows | share | max allowed | result |');
  out.push('|---|---:|---:|---:|:---:|');
  for (const s of STATUS_ORDER) {
    const count = stats.byStatus[s];
    const check = gate?.checks.find((c) => c.kind === 'max-status' && c.name === s);
    const label = `${STATUS_LABELS[s].vi} (${s})`;
    const max = check === undefined ? '—' : `≤ ${pct(check.threshold)}`;
    const result = check === undefined ? '—' : check.passed ? 'PASS' : 'FAIL';
    out.push(`| ${label} | ${count} | ${pct(stats.total === 0 ? null : count / stats.total)} | ${max} | ${result} |`);
  }
  out.push(`| **total** | **${stats.total}** | ${stats.total === 0 ? 'n/a' : '100.0%'} | | |`);
  out.push('');

  const reasons = Object.entries(stats.byReason)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, Math.max(0, options.topReasons ?? 10));
  if (reasons.length > 0) {
    out.push('### Top reasons');
    out.push('');
    out.push(`A row may carry several reasons; shares are of all ${stats.total} rows.`);
    out.push('');
    out.push('| reason | rows | share | meaning |');
    out.push('|---|---:|---:|---|');
    for (const [code, n] of reasons) {
      const meaning = (REASONS as Readonly<Record<string, string>>)[code] ?? 'unknown code (from a newer doisoat?)';
      out.push(`| \`${cell(code)}\` | ${n} | ${pct(stats.total === 0 ? null : n / stats.total)} | ${cell(meaning)} |`);
    }
    out.push('');
  }

  if (meta !== undefined) {
    out.push('### Run');
    out.push('');
    out.push(`- doisoat version: ${cell(meta.version)}`);
    if (meta.asOf !== undefined) out.push(`- as of: ${cell(meta.asOf)}`);
    if (meta.generatedAt !== undefined) out.push(`- generated: ${cell(meta.generatedAt)}`);
    if (meta.inputs !== undefined && meta.inputs.length > 0) {
      out.push('');
      out.push('| input | rows | sha256 |');
      out.push('|---|---:|---|');
      for (const i of meta.inputs) out.push(`| ${cell(i.name)} | ${i.rows} | ${i.sha256 === undefined ? '—' : `\`${cell(i.sha256)}\``} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
