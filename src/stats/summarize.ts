import type { RecordResult, Status } from '../model/types.js';
import { digitCode } from '../reference/digitCode.js';
import { slotOf } from '../reference/keyIndex.js';
import { emptyStats, type ReconcileStats } from './stats.js';

// Keys come from the data (province codes, column names): "__proto__" or "constructor" must be counted
// as own properties, never read from or written to a prototype.
function own<T>(o: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function put<T>(o: Record<string, T>, key: string, value: T): void {
  // Assignment creates an own property for every key but "__proto__" (an accessor on Object.prototype).
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

function inc(counts: Record<string, number>, key: string): void {
  put(counts, key, (own(counts, key) ?? 0) + 1);
}

/** The counts under key `a`, created when absent. */
function innerOf(counts: Record<string, Record<string, number>>, a: string): Record<string, number> {
  let inner = own(counts, a);
  if (inner === undefined) {
    inner = {};
    put(counts, a, inner);
  }
  return inner;
}

function nested(counts: Record<string, Record<string, number>>, a: string, b: string): void {
  inc(innerOf(counts, a), b);
}

/**
 * Adds one result to running statistics, mutating `stats` (for streaming runs; `summarize` wraps it).
 *
 * @example
 * const s = emptyStats(); addToStats(s, result); s.total //=> 1
 */
export function addToStats(stats: ReconcileStats, result: RecordResult): void {
  addScalars(stats, result);
  for (const f of result.missingFields) inc(stats.missingFields, f);
  for (const r of result.reasons) inc(stats.byReason, r);
  inc(stats.byLinkMethod, result.linkedBy ?? 'none');
  for (const d of result.diffs) nested(stats.byField, d.field, d.kind);
  nested(stats.byProvince, result.provinceCode ?? 'unknown', result.status);
  if (result.communeCode !== undefined) nested(stats.byCommune, result.communeCode, result.status);
  for (const p of result.problems) nested(stats.problems, p.field, p.code);
}

/** The counts of {@link addToStats} that are not keyed by strings from the data. */
function addScalars(stats: ReconcileStats, result: RecordResult): void {
  stats.total++;
  const valid = result.problems.length === 0;
  if (valid) stats.valid++;
  if (result.duplicate) stats.duplicates++;
  if (valid && !result.duplicate) stats.clean++;
  if (result.missingFields.length === 0) stats.complete++;
  stats.byStatus[result.status]++;
  const score = result.linkedBy === 'fuzzy' || result.linkedBy === 'id-typo' ? result.score : result.candidates?.[0]?.score;
  if (score !== undefined && Number.isFinite(score)) {
    const bin = Math.min(19, Math.max(0, Math.floor(score * 20)));
    stats.scoreHistogram[bin] = (stats.scoreHistogram[bin] ?? 0) + 1;
  }
}

type FlatCounts = 'missingFields' | 'byReason' | 'byLinkMethod';

function countIn(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

function countNested(counts: Map<string, Map<string, number>>, a: string, b: string): void {
  let inner = counts.get(a);
  if (inner === undefined) counts.set(a, (inner = new Map()));
  countIn(inner, b);
}

const STATUS_ORDER: readonly Status[] = ['matched', 'mismatched', 'missing', 'stale'];
const STATUS_SLOT: Readonly<Record<Status, number>> = { matched: 0, mismatched: 1, missing: 2, stale: 3 };

/**
 * Counts per key and status: each key's four counts side by side in one table. A Map per key (or an object)
 * costs several cache misses per record once the other work of a record has evicted it: at 1M records the
 * commune counts alone took ~1 s per worker that way. Unit codes (short digit strings) are found through a
 * small open-addressing table of integers, which stays in cache; one Map lookup on a string key still cost
 * ~0.3 s per worker (its entry and the stored key, both out of cache, to compare the strings).
 */
class StatusCounts {
  /** Keys by row, and rows of the keys that are not unit codes. */
  private readonly keys: string[] = [];
  private readonly rows = new Map<string, number>();
  /** Open addressing: code (`digitCode` of a unit code of up to six digits: '4' and '004' differ) and row + 1 per slot (0 = empty). */
  private codes = new Int32Array(64);
  private slotRows = new Int32Array(64);
  private counts = new Int32Array(4 * 256);

  add(key: string, status: Status): void {
    // The row first: finding a new key may replace `counts` with a larger table.
    const row = this.rowFor(key);
    this.counts[row * 4 + STATUS_SLOT[status]]!++;
  }

  /** The row of `key`, added if new: through the integer table for a unit code, the Map otherwise. */
  private rowFor(key: string): number {
    const code = digitCode(key, UNIT_DIGITS);
    return code < 0 ? this.rowOf(key) : this.rowOfCode(code, key);
  }

  private rowOf(key: string): number {
    let row = this.rows.get(key);
    if (row === undefined) {
      row = this.newRow(key);
      this.rows.set(key, row);
    }
    return row;
  }

  private rowOfCode(code: number, key: string): number {
    const mask = this.codes.length - 1;
    let s = slotOf(code, mask);
    for (;;) {
      const r = this.slotRows[s]!;
      if (r === 0) break;
      if (this.codes[s] === code) return r - 1;
      s = (s + 1) & mask;
    }
    const row = this.newRow(key);
    this.codes[s] = code;
    this.slotRows[s] = row + 1;
    // At most half full, so probes stay short.
    if (this.keys.length * 2 > this.codes.length) this.rehash();
    return row;
  }

  private rehash(): void {
    const { codes, slotRows } = this;
    this.codes = new Int32Array(codes.length * 2);
    this.slotRows = new Int32Array(codes.length * 2);
    const mask = this.codes.length - 1;
    for (let k = 0; k < codes.length; k++) {
      if (slotRows[k] === 0) continue;
      let s = slotOf(codes[k]!, mask);
      while (this.slotRows[s] !== 0) s = (s + 1) & mask;
      this.codes[s] = codes[k]!;
      this.slotRows[s] = slotRows[k]!;
    }
  }

  private newRow(key: string): number {
    const row = this.keys.length;
    this.keys.push(key);
    if (row * 4 + 4 > this.counts.length) {
      const grown = new Int32Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    return row;
  }

  /** Its keys and counts as plain data (see `StatsCounter.toData`). */
  toData(): StatusCountsData {
    return { keys: [...this.keys], counts: this.counts.slice(0, this.keys.length * 4) };
  }

  /** Adds the counts of another's {@link toData}. */
  addData(data: StatusCountsData): void {
    for (let k = 0; k < data.keys.length; k++) {
      const row = this.rowFor(data.keys[k]!);
      for (let j = 0; j < 4; j++) this.counts[row * 4 + j]! += data.counts[k * 4 + j]!;
    }
  }

  toPlain(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (let row = 0; row < this.keys.length; row++) {
      const inner: Record<string, number> = {};
      for (let k = 0; k < 4; k++) if (this.counts[row * 4 + k]! > 0) inner[STATUS_ORDER[k]!] = this.counts[row * 4 + k]!;
      put(out, this.keys[row]!, inner);
    }
    return out;
  }
}

// Unit codes (provinces, communes) have two to five digits: codes of up to six go through the integer table
// (their digitCode stays under 2^24), anything else through the Map.
const UNIT_DIGITS = 6;

/** A {@link StatsCounter}'s per-unit counts as plain data: keys, and four counts per key in `STATUS_ORDER`. */
export interface StatusCountsData {
  readonly keys: readonly string[];
  readonly counts: Int32Array;
}

/** What {@link StatsCounter.toData} gives: every count as arrays, Maps' entries and typed arrays. */
export interface StatsCounterData {
  /** The counts that are plain numbers (total, byStatus, scoreHistogram, …); its keyed counts are empty. */
  readonly scalars: ReconcileStats;
  readonly missingFields: readonly (readonly [string, number])[];
  readonly byReason: readonly (readonly [string, number])[];
  readonly byLinkMethod: readonly (readonly [string, number])[];
  readonly byField: readonly (readonly [string, readonly (readonly [string, number])[]])[];
  readonly problems: readonly (readonly [string, readonly (readonly [string, number])[]])[];
  readonly byProvince: StatusCountsData;
  readonly byCommune: StatusCountsData;
}

/**
 * Running statistics for many records: {@link addToStats} with the counts keyed by data (communes,
 * provinces, fields) held in Maps and tables until {@link StatsCounter.toStats}. At a million records the
 * plain objects' lookups took ~1 µs per record, mostly cache misses.
 *
 * @example
 * const c = new StatsCounter(); for (const r of results) c.add(r);
 * sortKeys(c.toStats()) // equals summarize(results)
 */
export class StatsCounter {
  private readonly scalars = emptyStats();
  private readonly flat: Record<FlatCounts, Map<string, number>> = { missingFields: new Map(), byReason: new Map(), byLinkMethod: new Map() };
  private readonly nested: Record<'byField' | 'problems', Map<string, Map<string, number>>> = { byField: new Map(), problems: new Map() };
  private readonly byProvince = new StatusCounts();
  private readonly byCommune = new StatusCounts();

  /** Counts one result, as {@link addToStats} does. */
  add(result: RecordResult): void {
    addScalars(this.scalars, result);
    const { flat, nested } = this;
    for (const f of result.missingFields) countIn(flat.missingFields, f);
    for (const r of result.reasons) countIn(flat.byReason, r);
    countIn(flat.byLinkMethod, result.linkedBy ?? 'none');
    for (const d of result.diffs) countNested(nested.byField, d.field, d.kind);
    this.byProvince.add(result.provinceCode ?? 'unknown', result.status);
    if (result.communeCode !== undefined) this.byCommune.add(result.communeCode, result.status);
    for (const p of result.problems) countNested(nested.problems, p.field, p.code);
  }

  /**
   * The counts as plain data that crosses to another thread cheaply (arrays and typed arrays, not an object
   * per commune), for {@link addData}. At 1M records over ~19k communes, a worker's statistics as objects
   * took ~0.3 s to build, clone and add up on the main thread after the last batch, while nothing else ran.
   *
   * @example
   * main.addData(worker.toData()); // main.toStats() now counts the worker's results too
   */
  toData(): StatsCounterData {
    const nested = (m: Map<string, Map<string, number>>): [string, [string, number][]][] => [...m].map(([k, v]) => [k, [...v]]);
    return {
      scalars: { ...this.scalars, byStatus: { ...this.scalars.byStatus }, scoreHistogram: [...this.scalars.scoreHistogram] },
      missingFields: [...this.flat.missingFields],
      byReason: [...this.flat.byReason],
      byLinkMethod: [...this.flat.byLinkMethod],
      byField: nested(this.nested.byField),
      problems: nested(this.nested.problems),
      byProvince: this.byProvince.toData(),
      byCommune: this.byCommune.toData(),
    };
  }

  /** Adds another counter's {@link toData}: then {@link toStats} is as if this counter had counted its results too. */
  addData(data: StatsCounterData): void {
    addStatsInto(this.scalars, data.scalars);
    const addFlat = (m: Map<string, number>, entries: readonly (readonly [string, number])[]): void => {
      for (const [k, v] of entries) countIn(m, k, v);
    };
    addFlat(this.flat.missingFields, data.missingFields);
    addFlat(this.flat.byReason, data.byReason);
    addFlat(this.flat.byLinkMethod, data.byLinkMethod);
    const addNested = (m: Map<string, Map<string, number>>, entries: StatsCounterData['byField']): void => {
      for (const [k, inner] of entries) {
        let target = m.get(k);
        if (target === undefined) m.set(k, (target = new Map()));
        addFlat(target, inner);
      }
    };
    addNested(this.nested.byField, data.byField);
    addNested(this.nested.problems, data.problems);
    this.byProvince.addData(data.byProvince);
    this.byCommune.addData(data.byCommune);
  }

  /** The statistics so far, as new plain data (keys in no set order: {@link sortKeys} orders them). */
  toStats(): ReconcileStats {
    const s = this.scalars;
    const plain = (m: Map<string, number>): Record<string, number> => {
      const o: Record<string, number> = {};
      for (const [k, v] of m) put(o, k, v);
      return o;
    };
    const deep = (m: Map<string, Map<string, number>>): Record<string, Record<string, number>> => {
      const o: Record<string, Record<string, number>> = {};
      for (const [k, v] of m) put(o, k, plain(v));
      return o;
    };
    return {
      ...s,
      byStatus: { ...s.byStatus },
      scoreHistogram: [...s.scoreHistogram],
      missingFields: plain(this.flat.missingFields),
      byReason: plain(this.flat.byReason),
      byLinkMethod: plain(this.flat.byLinkMethod),
      byField: deep(this.nested.byField),
      byProvince: this.byProvince.toPlain(),
      byCommune: this.byCommune.toPlain(),
      problems: deep(this.nested.problems),
    };
  }
}

function addCountsInto(target: Record<string, number>, source: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(source)) put(target, k, (own(target, k) ?? 0) + v);
}

function addNestedInto(target: Record<string, Record<string, number>>, source: Readonly<Record<string, Readonly<Record<string, number>>>>): void {
  for (const [k, counts] of Object.entries(source)) addCountsInto(innerOf(target, k), counts);
}

/**
 * Adds `source` into running statistics `target`, mutating it; costs the size of `source` only, so a
 * streaming run can fold in thousands of batches. Equals `mergeStats(target, source)` once both are
 * passed through {@link sortKeys} (key order is the only difference).
 *
 * @example
 * const s = emptyStats(); addStatsInto(s, batchStats); s.total //=> batchStats.total
 */
export function addStatsInto(target: ReconcileStats, source: ReconcileStats): void {
  target.total += source.total;
  target.valid += source.valid;
  target.duplicates += source.duplicates;
  target.clean += source.clean;
  target.complete += source.complete;
  target.byStatus.matched += source.byStatus.matched;
  target.byStatus.mismatched += source.byStatus.mismatched;
  target.byStatus.missing += source.byStatus.missing;
  target.byStatus.stale += source.byStatus.stale;
  addCountsInto(target.byReason, source.byReason);
  addCountsInto(target.byLinkMethod, source.byLinkMethod);
  addNestedInto(target.byField, source.byField);
  addCountsInto(target.missingFields, source.missingFields);
  addNestedInto(target.byProvince, source.byProvince);
  addNestedInto(target.byCommune, source.byCommune);
  addNestedInto(target.problems, source.problems);
  // Over the target's bins, as mergeStats does.
  for (let i = 0; i < target.scoreHistogram.length; i++) target.scoreHistogram[i] = target.scoreHistogram[i]! + (source.scoreHistogram[i] ?? 0);
}

/**
 * Re-counts a record already added with {@link addToStats}, not yet marked, as a duplicate (what
 * `markDuplicates` changes for a non-original member: the flag, `clean`, and the `duplicate-record`
 * reason). `clean`: the record had no problems. Used by streaming runs, which count records before their
 * duplicate groups are known and no longer hold the results by then.
 *
 * @example
 * addToStats(s, r); countAsDuplicate(s, r.problems.length === 0); // same as addToStats(s, { ...r, duplicate: true, reasons: [...r.reasons, 'duplicate-record'] })
 */
export function countAsDuplicate(stats: ReconcileStats, clean: boolean): void {
  stats.duplicates++;
  if (clean) stats.clean--;
  inc(stats.byReason, 'duplicate-record');
}

/**
 * Summarises results into mergeable statistics; derive the scorecard with `scorecard(stats)`.
 *
 * @example
 * summarize(reconcile(ref, rows).results).byStatus //=> { matched: 90, mismatched: 6, missing: 3, stale: 1 }
 */
export function summarize(results: Iterable<RecordResult>): ReconcileStats {
  const stats = emptyStats();
  for (const r of results) addToStats(stats, r);
  return sortKeys(stats);
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether an object's own keys come in ascending order. */
function inOrder(c: object): boolean {
  const keys = Object.keys(c);
  for (let k = 1; k < keys.length; k++) if (keys[k - 1]! > keys[k]!) return false;
  return true;
}

/**
 * Returns the statistics with every count map's keys sorted, so equal statistics serialise identically.
 *
 * @example
 * Object.keys(sortKeys(s).byReason) //=> ['citizen-deceased', 'name-differs']
 */
export function sortKeys(stats: ReconcileStats): ReconcileStats {
  // A map already in order is copied as it is: most are (a unit's counts come in status order, which is
  // alphabetical), and sorting and rebuilding ~19k per-commune maps took a tenth of a second after the last record.
  const flat = (c: Record<string, number>): Record<string, number> => (inOrder(c) ? { ...c } : Object.fromEntries(Object.entries(c).sort(byKey)));
  const deep = (c: Record<string, Record<string, number>>): Record<string, Record<string, number>> =>
    Object.fromEntries(Object.entries(c).sort(byKey).map(([k, v]) => [k, flat(v)]));
  return {
    ...stats,
    byReason: flat(stats.byReason),
    byLinkMethod: flat(stats.byLinkMethod),
    byField: deep(stats.byField),
    missingFields: flat(stats.missingFields),
    byProvince: deep(stats.byProvince),
    byCommune: deep(stats.byCommune),
    problems: deep(stats.problems),
  };
}
