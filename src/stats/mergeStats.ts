import { emptyStats, type ReconcileStats } from './stats.js';
import { addStatsInto, sortKeys } from './summarize.js';

type Counts = Record<string, number>;

// Keys come from the data: read and write own properties only (a "__proto__" province is just a key).
const own = <T>(o: Readonly<Record<string, T>>, k: string): T | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

function addCounts(a: Readonly<Counts>, b: Readonly<Counts>): Counts {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return Object.fromEntries(keys.map((k) => [k, (own(a, k) ?? 0) + (own(b, k) ?? 0)]));
}

function addNested(a: Readonly<Record<string, Counts>>, b: Readonly<Record<string, Counts>>): Record<string, Counts> {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return Object.fromEntries(keys.map((k) => [k, addCounts(own(a, k) ?? {}, own(b, k) ?? {})]));
}

/**
 * Adds two sets of statistics, e.g. from two partitions or two provinces. Associative and commutative,
 * with {@link emptyStats} as identity; keys come out sorted so merged objects serialise identically.
 *
 * @example
 * mergeStats(statsOfHanoi, statsOfHue).total //=> statsOfHanoi.total + statsOfHue.total
 */
export function mergeStats(a: ReconcileStats, b: ReconcileStats): ReconcileStats {
  return {
    version: 1,
    total: a.total + b.total,
    valid: a.valid + b.valid,
    duplicates: a.duplicates + b.duplicates,
    clean: a.clean + b.clean,
    complete: a.complete + b.complete,
    byStatus: {
      matched: a.byStatus.matched + b.byStatus.matched,
      mismatched: a.byStatus.mismatched + b.byStatus.mismatched,
      missing: a.byStatus.missing + b.byStatus.missing,
      stale: a.byStatus.stale + b.byStatus.stale,
    },
    byReason: addCounts(a.byReason, b.byReason),
    byLinkMethod: addCounts(a.byLinkMethod, b.byLinkMethod),
    byField: addNested(a.byField, b.byField),
    missingFields: addCounts(a.missingFields, b.missingFields),
    byProvince: addNested(a.byProvince, b.byProvince),
    byCommune: addNested(a.byCommune, b.byCommune),
    problems: addNested(a.problems, b.problems),
    scoreHistogram: a.scoreHistogram.map((v, i) => v + (b.scoreHistogram[i] ?? 0)),
  };
}

/**
 * Merges any number of statistics (the empty list gives {@link emptyStats}).
 *
 * @example
 * mergeAllStats([a, b, c]).total //=> a.total + b.total + c.total
 */
export function mergeAllStats(list: Iterable<ReconcileStats>): ReconcileStats {
  // Folded in place (linear in the inputs), sorted once: the same as merging pairwise.
  const acc = emptyStats();
  for (const s of list) addStatsInto(acc, s);
  return sortKeys(acc);
}
