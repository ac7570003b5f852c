/**
 * The CI gate: user-set thresholds on the scorecard and on status shares, evaluated against statistics.
 * Pure: the CLI maps `passed` to its exit code (docs/ci.md) and prints the check messages, which hold only
 * counts and ratios (never data).
 */
import { z } from 'zod';
import { DIMENSIONS, DIMENSION_TEXT, dimensionLabel, scorecard, type Dimension, type ReconcileStats } from './stats.js';
import type { Status } from '../model/types.js';

/** The statuses a `maxStatus` threshold may cap, in report order. */
export const GATE_STATUSES = ['matched', 'mismatched', 'stale', 'missing'] as const satisfies readonly Status[];

const share = z.number().min(0).max(1);

/** Zod schema of the gate thresholds (the `thresholds` part of `doisoat.config.json`). */
export const gateThresholdsSchema = z.strictObject({
  /** Fail when a scorecard dimension is under this ratio (0–1). */
  failUnder: z.strictObject({ dung: share.optional(), du: share.optional(), sach: share.optional(), song: share.optional() }).optional(),
  /** Fail when the share of all rows with this status is over this ratio (0–1). */
  maxStatus: z
    .strictObject({ matched: share.optional(), mismatched: share.optional(), missing: share.optional(), stale: share.optional() })
    .optional(),
});

/**
 * Thresholds of the CI gate. Shares are ratios in [0, 1]. Undefined entries are accepted (and ignored) so
 * that the output of `gateThresholdsSchema.parse` can be passed as is.
 */
export interface GateThresholds {
  /** Minimum value of each scorecard dimension (đúng, đủ, sạch, sống). */
  readonly failUnder?: { readonly [D in Dimension]?: number | undefined } | undefined;
  /** Maximum share of all rows with each status. */
  readonly maxStatus?: { readonly [S in Status]?: number | undefined } | undefined;
}

/** One evaluated threshold. */
export interface GateCheck {
  /** The dimension (`dung`, `du`, `sach`, `song`) or the status (`missing`, …) checked. */
  readonly name: Dimension | Status;
  readonly kind: 'fail-under' | 'max-status';
  readonly threshold: number;
  /** The measured ratio, or `null` when it cannot be computed (denominator 0): such a check fails. */
  readonly actual: number | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly passed: boolean;
  /** One English sentence with the figures, for the console and summaries; contains no data. */
  readonly message: string;
}

/** The outcome of {@link evaluateGate}. */
export interface GateResult {
  /** True when every check passed (also when no threshold was set). */
  readonly passed: boolean;
  readonly checks: readonly GateCheck[];
}

/** A parse outcome: the value, or an error message naming the offending item. */
export type ParseListResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const DIMENSION_ALIASES: Readonly<Record<string, Dimension>> = {
  dung: 'dung', 'đúng': 'dung', correct: 'dung',
  du: 'du', 'đủ': 'du', complete: 'du',
  sach: 'sach', 'sạch': 'sach', clean: 'sach',
  song: 'song', 'sống': 'song', current: 'song',
};

const STATUS_ALIASES: Readonly<Record<string, Status>> = {
  matched: 'matched', mismatched: 'mismatched', missing: 'missing', stale: 'stale',
};



/** Shows a user-typed item in an error, bounded so a pasted file cannot flood the terminal. */
function quote(item: string): string {
  const s = item.length > 40 ? `${item.slice(0, 40)}…` : item;
  return `"${s}"`;
}

/** Parses "0.95", "95%" or "1" into a ratio, or explains why not. */
function parseShare(text: string, item: string): ParseListResult<number> {
  const t = text.trim();
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1).trim() : t;
  if (!/^(?:\d{1,3}(?:\.\d{1,12})?|\.\d{1,12})$/.test(body)) {
    return { ok: false, error: `${quote(item)}: the value must be a ratio such as 0.95 or a percentage such as 95%` };
  }
  const n = Number(body) / (percent ? 100 : 1);
  if (!(n >= 0 && n <= 1)) {
    return {
      ok: false,
      error: percent
        ? `${quote(item)}: a percentage must lie between 0% and 100%`
        : `${quote(item)}: a ratio must lie between 0 and 1 (write ${body}% for a percentage)`,
    };
  }
  return { ok: true, value: n };
}

function parseList<K extends string>(
  list: string,
  aliases: Readonly<Record<string, K>>,
  expected: string,
  example: string,
): ParseListResult<Partial<Record<K, number>>> {
  const items = list.split(',').map((s) => s.trim());
  if (items.every((s) => s === '')) return { ok: false, error: `empty list: expected ${example}` };
  const out: Partial<Record<K, number>> = {};
  for (const item of items) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) return { ok: false, error: `${quote(item)}: expected name=value, e.g. ${example}` };
    const rawName = item.slice(0, eq).trim();
    const name = Object.hasOwn(aliases, rawName.normalize('NFC').toLowerCase()) ? aliases[rawName.normalize('NFC').toLowerCase()] : undefined;
    if (name === undefined) return { ok: false, error: `${quote(item)}: unknown name ${quote(rawName)}; expected one of ${expected}` };
    if (out[name] !== undefined) return { ok: false, error: `${quote(item)}: ${name} is given twice` };
    const value = parseShare(item.slice(eq + 1), item);
    if (!value.ok) return value;
    out[name] = value.value;
  }
  return { ok: true, value: out };
}

/**
 * Parses a `--fail-under` list: comma-separated `dimension=ratio` items. Dimensions may be written
 * `dung|đúng|correct`, `du|đủ|complete`, `sach|sạch|clean`, `song|sống|current`; values as `0.95` or `95%`.
 * Never throws: a bad item yields `{ ok: false, error }` naming it.
 *
 * @example
 * parseThresholdList('dung=0.95,song=99%') //=> { ok: true, value: { dung: 0.95, song: 0.99 } }
 * parseThresholdList('dung=1.5').ok //=> false
 */
export function parseThresholdList(list: string): ParseListResult<Partial<Record<Dimension, number>>> {
  return parseList(list, DIMENSION_ALIASES, 'dung, du, sach, song', 'dung=0.95,song=0.99');
}

/**
 * Parses a `--max-status` list: comma-separated `status=ratio` items, the largest share of all rows
 * allowed to have that status (`matched`, `mismatched`, `missing`, `stale`). Never throws.
 *
 * @example
 * parseMaxStatusList('missing=0.02') //=> { ok: true, value: { missing: 0.02 } }
 * parseMaxStatusList('lost=0.1').ok //=> false
 */
export function parseMaxStatusList(list: string): ParseListResult<Partial<Record<Status, number>>> {
  return parseList(list, STATUS_ALIASES, 'matched, mismatched, missing, stale', 'missing=0.02');
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

/** Tolerates the last-bit rounding of numerator ÷ denominator against a typed decimal (19/20 vs 0.95). */
const EPSILON = 1e-12;

/**
 * Evaluates thresholds against statistics. A dimension that cannot be computed (denominator 0, e.g.
 * đúng when no row was linked) fails with a message saying so: a gate never passes silently on no data.
 * Checks come in a fixed order (dimensions đúng, đủ, sạch, sống, then statuses).
 *
 * @example
 * evaluateGate(stats, { failUnder: { dung: 0.95 }, maxStatus: { missing: 0.02 } }).passed //=> false
 * evaluateGate(stats, {}).passed //=> true
 */
export function evaluateGate(stats: ReconcileStats, thresholds: GateThresholds): GateResult {
  const checks: GateCheck[] = [];
  const card = scorecard(stats);
  for (const d of DIMENSIONS) {
    const threshold = thresholds.failUnder?.[d];
    if (threshold === undefined) continue;
    const { value, numerator, denominator } = card[d];
    const label = dimensionLabel(d).toLowerCase();
    const of = `${numerator} of ${denominator} ${DIMENSION_TEXT[d].base.en}`;
    let passed: boolean;
    let message: string;
    if (value === null) {
      passed = false;
      message = `${label} cannot be computed: there are no ${DIMENSION_TEXT[d].base.en} (denominator 0), so the threshold ${pct(threshold)} is not met`;
    } else {
      passed = value + EPSILON >= threshold;
      message = passed
        ? `${label} ${pct(value)} (${of}) meets the threshold ${pct(threshold)}`
        : `${label} ${pct(value)} (${of}) is under the threshold ${pct(threshold)}`;
    }
    checks.push({ name: d, kind: 'fail-under', threshold, actual: value, numerator, denominator, passed, message });
  }
  for (const s of GATE_STATUSES) {
    const threshold = thresholds.maxStatus?.[s];
    if (threshold === undefined) continue;
    const numerator = stats.byStatus[s];
    const denominator = stats.total;
    const actual = denominator === 0 ? null : numerator / denominator;
    let passed: boolean;
    let message: string;
    if (actual === null) {
      passed = false;
      message = `${s} share cannot be computed: there are no rows (denominator 0), so the maximum ${pct(threshold)} cannot be checked`;
    } else {
      passed = actual <= threshold + EPSILON;
      const of = `${numerator} of ${denominator} rows`;
      message = passed
        ? `${s} ${pct(actual)} of rows (${of}) is within the maximum ${pct(threshold)}`
        : `${s} ${pct(actual)} of rows (${of}) exceeds the maximum ${pct(threshold)}`;
    }
    checks.push({ name: s, kind: 'max-status', threshold, actual, numerator, denominator, passed, message });
  }
  return { passed: checks.every((c) => c.passed), checks };
}
