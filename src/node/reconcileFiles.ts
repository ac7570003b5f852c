/**
 * Reconciles files end to end, streaming the records: read → parse → link → classify → write. Only the
 * reference (and ~60 bytes per record for duplicate detection) is held in memory, however long the
 * register; each record's lines are written as it is decided (under temporary names) and only the members
 * of duplicate groups are rewritten at the end, keeping the outputs in input order.
 */
import { WorkerStoppedError } from './workerStopped.js';
import { VERSION } from '../version.js';
import { existsSync, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { startPool, type StartedPool } from './workerPool.js';
import type { BatchRow, WorkerBatch, WorkerInit, WorkerReady, WorkerResult, WorkerTotals, WorkerFailure } from './worker.js';
import { join, resolve } from 'node:path';
import type { RecordResult } from '../model/types.js';
import { resolveOptions, type ReconcileOptions } from '../reconcile/options.js';
import { createRowPipeline } from '../reconcile/reconcile.js';
import { CLEAN, compareForOriginal, factsOf, HAS_REASONS, markMember, rankOf, STATUS_OF_RANK } from '../reconcile/duplicates.js';
import type { ReferenceUpdate } from '../classify/rules.js';
import { countAsDuplicate, sortKeys, StatsCounter, type StatsCounterData } from '../stats/summarize.js';
import { PatchableFile } from './patchableFile.js';
import { duplicatePatch, memberIndex } from './duplicatePatch.js';
import { completeOutputs } from './completeOutputs.js';
import { lastAtOrBefore, packedStringAt, PackedStringsBuilder, type PackedStrings } from '../reference/packedStrings.js';
import type { ReconcileStats } from '../stats/stats.js';
import { evaluateGate, type GateResult, type GateThresholds } from '../stats/gate.js';
import { worklistHeader, worklistLine, type WorklistOptions } from '../write/worklistCsv.js';
import { GrowableUint8 } from '../reference/columns.js';
import { BOM } from '../write/csvCell.js';
import { resultLine } from '../write/ndjson.js';
import { statsJson } from '../write/statsJson.js';
import { referenceUpdatesCsv } from '../write/referenceUpdatesCsv.js';
import { formatMarkdownSummary, type InputFingerprint, type RunMeta } from '../write/summaryMarkdown.js';
import { renderReport, ReportSampler } from '../report/html.js';
import { mergeReadReports, type ReadReport } from '../read/table.js';
import type { ColumnOverrides } from '../read/mapColumns.js';
import type { TextEncoding } from '../read/encoding/decode.js';
import { expandRow, type Profile } from '../profiles/types.js';
import { ReadError, brokenProblem, openTable, type ChunkableTable, type ReadReferenceOptions, type RecordChunk } from './readFile.js';
import { getProfile } from '../profiles/index.js';
import type { ReferenceCacheOutcome } from './referenceCache.js';
import { openReference, optionsFor } from './openReference.js';
import { estimateLines } from './estimateLines.js';
import { resolveWorkerCount, type WorkerRequest } from './workerCount.js';

/** Options of {@link reconcileFiles}. */
export interface ReconcileFilesOptions extends Omit<ReconcileOptions, 'rules' | 'compare' | 'requiredFields'> {
  /** Reference file (CSV, Excel, JSON/NDJSON), read through the `reference` profile. */
  readonly reference: string;
  /** Sector register file. */
  readonly records: string;
  /** Output folder (created). */
  readonly out: string;
  /** Sector profile name or object (default `generic`). */
  readonly profile?: string | Profile;
  /** Column overrides for the records and the reference (`column → field`). */
  readonly map?: ColumnOverrides;
  readonly referenceMap?: ColumnOverrides;
  readonly encoding?: TextEncoding | 'auto';
  readonly referenceEncoding?: TextEncoding | 'auto';
  /** Excel sheet of the records file. */
  readonly sheet?: string | number;
  /** Line of the records' header row, when detection should not be used. */
  readonly headerRow?: number;
  /** Show IDs and names in clear in the worklist, report and updates (default masked). */
  readonly revealPersonalData?: boolean;
  /** CI thresholds; the gate outcome is returned and written to the summary. */
  readonly thresholds?: GateThresholds;
  /** Write report.html (default true). */
  readonly report?: boolean;
  /**
   * Also write results.ndjson (default false): every record's full result, for programs. Unmasked, and
   * about 340 bytes a record; officers need only the worklist, statistics and report, and a run with it is
   * about a sixth slower. The worklist and statistics are the same either way.
   */
  readonly results?: boolean;
  /**
   * Run metadata shown in summary and report: by default this library's version and the time the run
   * started (a caller that reproduces reports byte for byte passes its own `generatedAt`).
   */
  readonly meta?: Partial<RunMeta> & { readonly generatedAt?: string };
  /**
   * Worker threads for linking and classification (default 1: everything on the calling thread; `'auto'`:
   * two when the inputs are large enough to gain from them, see `autoWorkerCount`). The first worker
   * indexes the reference and shares its tables with the others (each keeps its own copy of the
   * reference's strings); the calling thread reads the records and writes the outputs, which the workers
   * complete (the members of duplicate groups marked) while it writes the statistics and the report.
   */
  readonly workers?: WorkerRequest;
  /**
   * A cache file for the built reference index (opt-in; it holds the reference's personal data). When it was
   * made from a reference with the same content, reading options and doisoat version, the index is loaded
   * from it instead of read and indexed again; otherwise it is (re)written. See docs/performance.md.
   */
  readonly referenceCache?: string;
  /** Called as records are processed (rows done, estimated fraction of the input). */
  readonly onProgress?: (phase: 'reference' | 'records' | 'writing', rows: number, fraction?: number) => void;
}

/** What {@link reconcileFiles} produced. */
export interface ReconcileFilesResult {
  readonly stats: ReconcileStats;
  readonly gate: GateResult;
  readonly paths: Readonly<Record<'worklist' | 'results' | 'stats' | 'summary' | 'referenceUpdates' | 'report', string | undefined>>;
  readonly referenceReport: ReadReport;
  readonly recordsReport: ReadReport;
  readonly referenceProblems: number;
  readonly referenceUpdates: number;
  readonly summaryMarkdown: string;
  /** With `referenceCache`: whether the index came from the cache (`hit`) or was built and cached. */
  readonly referenceCache?: ReferenceCacheOutcome;
  /** Worker threads the run used (1: everything on the calling thread). */
  readonly workers: number;
  /**
   * Optional outputs an earlier run left in `out` that this run did not write, and removed (file names, such
   * as `results.ndjson`, now written only when asked).
   */
  readonly removed: readonly string[];
}

/** Files with one row per line (more or less), whose line count estimates the rows. */
const LINE_FILES = /\.(csv|tsv|txt|ndjson|jsonl)$/i;

/** Optional outputs, by their file name in the output folder. */
const OPTIONAL_OUTPUTS = { results: 'results.ndjson', report: 'report.html', referenceUpdates: 'reference-updates.csv' } as const;

/** Rows shown in the report's sample (the full list is worklist.csv). */
export const REPORT_SAMPLE_SIZE = 200;

/**
 * Reconciles a register file against a reference file and writes worklist.csv, stats.json, summary.md,
 * report.html (unless `report: false`), results.ndjson (with `results: true`) and, when there are any,
 * reference-updates.csv into `out`. Any of those three an earlier run left in `out` that this run does not
 * write is removed, so the folder never mixes two runs' outputs.
 *
 * @example
 * const { stats, gate } = await reconcileFiles({ reference: 'dan-cu.csv', records: 'bhyt.xlsx', profile: 'healthInsurance',
 *   out: 'out', asOf: '2026-01-01', meta: { version: '0.1.0', generatedAt: new Date().toISOString() } });
 * stats.total //=> 5000
 */
export async function reconcileFiles(options: ReconcileFilesOptions): Promise<ReconcileFilesResult> {
  const workers = resolveWorkerCount(options.workers, options.reference, options.records);
  // A custom profile object cannot be sent to a worker: such a run stays on this thread.
  const custom = typeof options.profile === 'object' && getProfile(options.profile.name) !== options.profile;
  const script = workers > 1 && !custom ? workerScript() : undefined;
  // Started before the input files are sampled and opened: each worker loads and compiles the library
  // meanwhile (~0.3 s), where it used to start only once this thread had done both.
  const pool = script === undefined ? undefined : startPool(script, workers);
  try {
    return await reconcileWith(options, pool);
  } finally {
    if (pool !== undefined) await Promise.all(pool.workers.map((w) => w.terminate()));
  }
}

/** {@link reconcileFiles} once its workers (if any) are started (they are ended by the caller). */
async function reconcileWith(options: ReconcileFilesOptions, pool: StartedPool | undefined): Promise<ReconcileFilesResult> {
  const startedAt = new Date().toISOString();
  const progress = options.onProgress ?? (() => undefined);
  const referenceOptions: ReadReferenceOptions = {
    ...(options.referenceMap === undefined ? {} : { map: options.referenceMap }),
    ...(options.referenceEncoding === undefined ? {} : { encoding: options.referenceEncoding }),
    ...(options.idScheme === undefined ? {} : { idScheme: options.idScheme }),
    ...(options.dates === undefined ? {} : { dates: options.dates }),
    // Sizes the ID tables once instead of rehashing them as they grow.
    ...(LINE_FILES.test(options.reference) ? { expectedSize: Math.max(1024, estimateLines(options.reference)) } : {}),
  };
  const table = await openTable(options.records, {
    profile: options.profile ?? 'generic',
    ...(options.map === undefined ? {} : { map: options.map }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
  });
  const profile = table.profile;
  const { reference: _r, records: _s, out: _o, profile: _p, map: _m, referenceMap: _rm, encoding: _e, referenceEncoding: _re, sheet: _sh, headerRow: _hr,
    revealPersonalData: _rv, thresholds: _t, report: _rep, results: _res, meta: _meta, onProgress: _op, workers: _w, referenceCache: _rc, ...reconcileOptions } = options;
  mkdirSync(options.out, { recursive: true });
  const estimatedRows = LINE_FILES.test(options.records) ? Math.max(1, estimateLines(options.records) - 1) : undefined;
  const reveal = options.revealPersonalData === true;
  const worklistOptions: WorklistOptions = reveal ? { revealPersonalData: true } : {};
  const paths = {
    worklist: join(options.out, 'worklist.csv'),
    results: options.results === true ? join(options.out, OPTIONAL_OUTPUTS.results) : undefined,
    stats: join(options.out, 'stats.json'),
    summary: join(options.out, 'summary.md'),
    referenceUpdates: undefined as string | undefined,
    report: options.report === false ? undefined : join(options.out, OPTIONAL_OUTPUTS.report),
  };
  if (options.referenceCache !== undefined) {
    const cache = resolve(options.referenceCache);
    // Optional outputs count even when this run does not write them: it removes them (removeStale).
    const optional = Object.values(OPTIONAL_OUTPUTS).map((name) => join(options.out, name));
    const taken = [options.reference, options.records, ...Object.values(paths), ...optional].filter((x): x is string => x !== undefined).map((x) => resolve(x));
    if (taken.includes(cache)) throw new ReadError('the reference cache path is one of the input or output files; choose another path', 'reference_cache_foreign');
  }
  const sink = new Pass1Sink(
    new PatchableFile(paths.worklist, join(options.out, `.worklist-${process.pid}.tmp`), BOM + worklistHeader(worklistOptions)),
    paths.results === undefined ? undefined : new PatchableFile(paths.results, join(options.out, `.results-${process.pid}.tmp`)),
    worklistOptions,
  );
  let pass1: Pass1Info;
  const source = {
    referencePath: options.reference,
    referenceOptions,
    ...(options.referenceCache === undefined ? {} : { referenceCache: options.referenceCache }),
  };
  try {
    pass1 = pool !== undefined
      ? await pass1Parallel({ table, profileName: profile.name, ...source, reconcileOptions, pool, sink, estimatedRows, progress, worklistOptions })
      : await pass1Single({ table, profile, ...source, reconcileOptions, sink, estimatedRows, progress });
  } catch (e) {
    sink.abort();
    throw e;
  }
  const { kept, seen, keys, facts, updates, groups } = sink;
  const stats = sink.statistics();
  progress('records', seen, 1);
  const resolvedAsOf = resolveOptions({ ...(reconcileOptions.asOf === undefined ? {} : { asOf: reconcileOptions.asOf }) }).asOf;

  // Duplicate groups (citizens linked more than once, gathered and ordered in pass 1): same rule as the
  // in-memory markDuplicates.
  sink.orderGroups();
  const patch = duplicatePatch(groups.values(), (i) => keys.at(i), (i) => (facts.data[i]! & HAS_REASONS) !== 0);
  for (let k = 0; k < patch.entries.length; k++) if (patch.rank[k]! > 0) countAsDuplicate(stats, (facts.data[patch.entries[k]!]! & CLEAN) !== 0);
  // Members of duplicate groups are rewritten as the files are completed, on the workers when there are
  // some, while this thread prepares the statistics and the report; every other line stays as written in pass 1.
  const written = { worklist: 0, results: 0 };
  const files = sink.results === undefined ? ([['worklist', sink.worklist]] as const) : ([['worklist', sink.worklist], ['results', sink.results]] as const);
  const completing = completeOutputs(files, patch, pool?.workers, (kind, f) => {
    written[kind] = f;
    const fraction = sink.results === undefined ? written.worklist : (written.worklist + written.results) / 2;
    progress('writing', Math.round(fraction * kept), fraction);
  });
  // Never rejects: a failure to complete the files is thrown once this thread's own work has stopped.
  const settled = completing.then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  let completion: { error: unknown } | undefined;
  let statsText: string, summaryMarkdown: string, sorted: ReconcileStats, gate: GateResult, updatesText: string | undefined, reportText: string | undefined;
  try {
    if (updates.length > 0) paths.referenceUpdates = join(options.out, OPTIONAL_OUTPUTS.referenceUpdates);
    const sample = sink.sampler.take().map(({ ordinal, result }) => {
      const k = memberIndex(patch, ordinal);
      return k < 0 ? result : markMember(result, patch.groups[patch.groupOf[k]!]!, patch.rank[k]!);
    });
    sorted = sortKeys(stats);
    gate = evaluateGate(sorted, options.thresholds ?? {});
    const inputs: InputFingerprint[] = [
      { name: baseName(options.reference), rows: pass1.referenceRows },
      { name: baseName(options.records), rows: seen },
    ];
    const meta = { version: VERSION, generatedAt: startedAt, ...options.meta, inputs, ...(resolvedAsOf === undefined ? {} : { asOf: isoPartial(resolvedAsOf) }) };
    summaryMarkdown = formatMarkdownSummary(sorted, { gate, meta });
    statsText = statsJson(sorted);
    updatesText = paths.referenceUpdates === undefined ? undefined : referenceUpdatesCsv(updates, reveal ? { revealPersonalData: true } : {});
    reportText = paths.report === undefined ? undefined : renderReport({ stats: sorted, sample, referenceUpdates: updates, gate, meta, revealPersonalData: reveal });
  } finally {
    // The other outputs are written once the worklist (and results) are in place: a run that fails leaves
    // none of them, and never a temporary file.
    completion = await settled;
    sink.abort();
  }
  if (completion !== undefined) throw completion.error;
  writeFileSync(paths.stats, statsText);
  writeFileSync(paths.summary, summaryMarkdown);
  if (updatesText !== undefined) writeFileSync(paths.referenceUpdates!, updatesText);
  if (reportText !== undefined) writeFileSync(paths.report!, reportText);
  const removed = removeStale(options.out, paths, [options.reference, options.records]);
  return {
    stats: sorted,
    gate,
    paths,
    referenceReport: pass1.referenceReport,
    recordsReport: table.report,
    referenceProblems: pass1.referenceProblems,
    ...(pass1.referenceCache === undefined ? {} : { referenceCache: pass1.referenceCache }),
    referenceUpdates: updates.length,
    summaryMarkdown,
    workers: pool === undefined ? 1 : pool.workers.length,
    removed,
  };
}

/**
 * Removes the optional outputs this run did not write: an earlier run's unmasked results.ndjson, or its
 * reference-updates.csv, must not sit beside this run's worklist as if it belonged to it. Only plain files
 * are removed, never one of the run's inputs (a register may well be called results.ndjson). Returns the
 * names of the files removed.
 */
function removeStale(out: string, paths: Readonly<Record<keyof typeof OPTIONAL_OUTPUTS, string | undefined>>, inputs: readonly string[]): string[] {
  const keep = new Set(inputs.map((x) => resolve(x)));
  const removed: string[] = [];
  for (const [kind, name] of Object.entries(OPTIONAL_OUTPUTS) as [keyof typeof OPTIONAL_OUTPUTS, string][]) {
    const path = join(out, name);
    if (paths[kind] !== undefined || keep.has(resolve(path))) continue;
    let file = false;
    try {
      file = lstatSync(path).isFile();
    } catch {
      continue; // absent (or unreadable: nothing of ours to remove)
    }
    if (file) {
      rmSync(path, { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** What the first pass reports besides the records (the reference it read). */
interface Pass1Info {
  readonly referenceRows: number;
  readonly referenceProblems: number;
  readonly referenceReport: ReadReport;
  readonly referenceCache?: ReferenceCacheOutcome;
}

/** Duplicate groups larger than this are ordered once, after the last record (see `Pass1Sink.orderGroups`). */
const ORDER_LATER = 64;

/**
 * Collects pass 1 in input order: each record's worklist and result lines go straight to their output
 * files (patchable, for duplicate marking), along with the few facts duplicate marking needs, provisional
 * statistics and the report sample.
 */
class Pass1Sink {
  /** Each record's key, packed (a million keys held apart would cost this thread's collector ~0.7 s). */
  readonly keys = new KeyColumn();
  /** Each record's status, as its `rankOf`. */
  readonly ranks = new GrowableUint8();
  /** {@link CLEAN} and {@link HAS_REASONS} of each record, for marking duplicates without its result. */
  readonly facts = new GrowableUint8();
  /**
   * Per citizen, by position (grown on demand): 0 when no record links to it yet, the ordinal + 1 of the only
   * one that does, or -1 once two do and the citizen has a group in {@link groups}.
   */
  private perCitizen = new Int32Array(1024);
  /**
   * Ordinals of the records linked to each citizen that more than one record links to, gathered as records
   * come in, and put in `compareForOriginal` order by {@link orderGroups} (this thread is idle while workers
   * run, and the run's end waits on whatever is left to do).
   */
  readonly groups = new Map<number, number[]>();
  /** Citizens whose group has gained a member since {@link orderGroups} last ran. */
  private unordered = new Set<number>();
  readonly updates: ReferenceUpdate[] = [];
  /** Statistics of the records processed on this thread. */
  readonly counter = new StatsCounter();
  /** Statistics each worker thread sent (after its last batch). */
  readonly workerStats: StatsCounterData[] = [];
  readonly sampler = new ReportSampler<{ ordinal: number; result: RecordResult }>(REPORT_SAMPLE_SIZE, (x) => x.result);
  seen = 0;

  constructor(
    readonly worklist: PatchableFile,
    readonly results: PatchableFile | undefined,
    private readonly worklistOptions: WorklistOptions,
  ) {}

  get kept(): number {
    return this.keys.length;
  }

  private note(citizen: number, rank: number, facts: number): void {
    this.facts.push(facts);
    this.ranks.push(rank);
    if (citizen >= 0) {
      if (citizen >= this.perCitizen.length) {
        const grown = new Int32Array(Math.max(this.perCitizen.length * 2, citizen + 1));
        grown.set(this.perCitizen);
        this.perCitizen = grown;
      }
      const ordinal = this.ranks.length - 1;
      const first = this.perCitizen[citizen]!;
      if (first === 0) this.perCitizen[citizen] = ordinal + 1;
      else {
        if (first > 0) {
          this.groups.set(citizen, [first - 1, ordinal]);
          this.perCitizen[citizen] = -1;
        } else this.groups.get(citizen)!.push(ordinal);
        this.unordered.add(citizen);
      }
    }
  }

  /**
   * Puts the groups that gained members since the last call in `compareForOriginal` order (the original
   * first). While records still come (`final` false), groups past {@link ORDER_LATER} members wait for the
   * last call: one that grows with every batch would be sorted again with every batch.
   */
  orderGroups(final = true): void {
    const view = (i: number) => ({ status: STATUS_OF_RANK[this.ranks.data[i]!]!, key: this.keys.at(i), row: i });
    for (const citizen of this.unordered) {
      const members = this.groups.get(citizen)!;
      if (!final && members.length > ORDER_LATER) continue;
      // Most groups are pairs: one comparison, without a sort's set-up.
      if (members.length === 2) {
        if (compareForOriginal(view(members[0]!), view(members[1]!)) > 0) members.reverse();
      } else members.sort((x, y) => compareForOriginal(view(x), view(y)));
      this.unordered.delete(citizen);
    }
  }

  /** One record processed on this thread. */
  add(result: RecordResult, citizen: number, updates: readonly ReferenceUpdate[]): void {
    const ordinal = this.kept;
    this.keys.push(result.key);
    this.note(citizen, rankOf(result.status), factsOf(result));
    this.worklist.append(worklistLine(result, this.worklistOptions));
    this.results?.append(resultLine(result));
    this.counter.add(result);
    if (updates.length > 0) this.updates.push(...updates);
    this.sampler.add({ ordinal, result });
  }

  /** A batch processed by a worker, already serialised; added in batch order. */
  addBatch(batch: WorkerResult): void {
    const base = this.kept;
    this.keys.append(batch.keys);
    for (let j = 0; j < batch.citizen.length; j++) this.note(batch.citizen[j]!, batch.ranks[j]!, batch.facts[j]!);
    this.worklist.appendEncoded(batch.worklist);
    if (batch.results !== undefined) this.results?.appendEncoded(batch.results);
    if (batch.updates.length > 0) this.updates.push(...batch.updates);
    // A batch's held sample items are its groups' first items in order, so adding them in batch order
    // selects exactly what a single-threaded run selects.
    for (const { offset, result } of batch.sample) this.sampler.add({ ordinal: base + offset, result });
  }

  /** Provisional statistics of pass 1 (every record counted, before duplicate marking). */
  statistics(): ReconcileStats {
    // The workers' counts folded into a copy of this thread's, so asking twice counts nothing twice.
    const counter = new StatsCounter();
    counter.addData(this.counter.toData());
    for (const s of this.workerStats) counter.addData(s);
    return counter.toStats();
  }

  /** Removes whatever was not finished (after a failure). */
  abort(): void {
    this.worklist.abort();
    this.results?.abort();
  }
}

/**
 * Records' keys in input order: packed batches from the workers (one text each) or keys added one at a time
 * on this thread; a key is read back only for the members of duplicate groups.
 */
class KeyColumn {
  private readonly parts: PackedStrings[] = [];
  /** Ordinal of each part's first key. */
  private readonly starts: number[] = [];
  private current: PackedStringsBuilder | undefined;
  private currentStart = 0;
  length = 0;

  push(key: string): void {
    if (this.current === undefined) {
      this.current = new PackedStringsBuilder();
      this.currentStart = this.length;
    }
    this.current.push(key);
    this.length++;
  }

  append(keys: PackedStrings): void {
    this.seal();
    this.parts.push(keys);
    this.starts.push(this.length);
    this.length += keys.length;
  }

  at(i: number): string {
    this.seal();
    const k = lastAtOrBefore(this.starts, i);
    return packedStringAt(this.parts[k]!, i - this.starts[k]!)!;
  }

  private seal(): void {
    if (this.current === undefined) return;
    this.parts.push(this.current.finish());
    this.starts.push(this.currentStart);
    this.current = undefined;
  }
}

interface Pass1Input {
  readonly table: ChunkableTable;
  readonly referencePath: string;
  readonly referenceCache?: string;
  readonly referenceOptions: ReadReferenceOptions;
  readonly reconcileOptions: Omit<ReconcileOptions, 'rules' | 'compare' | 'requiredFields'>;
  readonly sink: Pass1Sink;
  readonly estimatedRows: number | undefined;
  readonly progress: NonNullable<ReconcileFilesOptions['onProgress']>;
}

/** Pass 1 on the calling thread: link and classify every record. */
async function pass1Single(input: Pass1Input & { readonly profile: Profile }): Promise<Pass1Info> {
  const { table, profile, progress, estimatedRows, sink } = input;
  const refRead = await openReference(input, profile);
  const reference = refRead.reference;
  progress('reference', reference.rowsRead);
  const resolved = resolveOptions(optionsFor(reference, profile, input.reconcileOptions));
  const pipeline = createRowPipeline(reference, resolved, (out) => sink.add(out.result, out.citizen, out.referenceUpdates));
  for await (const batch of table.batches()) {
    for (const row of batch) {
      for (const values of expandRow(profile, row.values, row.line)) {
        sink.seen++;
        pipeline.add(values, row.line, row.broken === undefined ? [] : [brokenProblem(row.broken)]);
        if ((sink.seen & 1023) === 0) progress('records', sink.seen, estimatedRows === undefined ? undefined : Math.min(1, sink.seen / estimatedRows));
      }
    }
  }
  pipeline.flush();
  return {
    referenceRows: reference.rowsRead,
    referenceProblems: reference.problems.length,
    referenceReport: refRead.report,
    ...(refRead.cache === undefined ? {} : { referenceCache: refRead.cache }),
  };
}


/** The worker script next to this module (dist/worker.js), if the build has one. */
function workerScript(): URL | undefined {
  try {
    const url = new URL('./worker.js', import.meta.url);
    return existsSync(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

const BATCH = 2000;
// Batches sent ahead of the next one to add, per worker, beyond which reading waits (see pass1Parallel).
const AHEAD = 8;

/**
 * Pass 1 over worker threads: the first worker indexes the reference (with the fuzzy linker's structures)
 * and sends the others, over their own channels (never through this thread), a snapshot whose tables are in
 * shared memory; this thread reads the records file and sends each batch to the ready worker with the fewest
 * in flight; workers link, classify and serialise; batches are added in input order (a batch waits for its
 * predecessors).
 */
async function pass1Parallel(input: Pass1Input & { readonly profileName: string; readonly pool: StartedPool; readonly worklistOptions: WorklistOptions }): Promise<Pass1Info> {
  const { table, progress, estimatedRows, sink } = input;
  const initFor = (reference: WorkerInit['reference']): WorkerInit => ({
    reference,
    profile: input.profileName,
    options: input.reconcileOptions,
    worklistOptions: input.worklistOptions,
    results: input.sink.results !== undefined,
    sampleSize: REPORT_SAMPLE_SIZE,
  });
  const pool = input.pool.workers;
  const done = new Map<number, WorkerResult>();
  let nextToAdd = 0;
  // A worker that failed to start before these listeners were added (see startPool).
  let failure: Error | undefined = input.pool.failure;
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  const inFlight = new Array<number>(pool.length).fill(0);
  const isReady = new Array<boolean>(pool.length).fill(false);
  const totals: StatsCounterData[] = [];
  let stopping = false;
  const ready = pool.map(
    (w, i) =>
      new Promise<WorkerReady['info']>((resolveReady, rejectReady) => {
        // The first failure is the cause: the others it brings about (a worker waiting on one that stopped) follow.
        w.on('error', (e) => {
          failure ??= e;
          rejectReady(e);
          wake();
        });
        w.on('exit', (code) => {
          // A worker that stops on its own (out of memory, process.exit) must fail the run, not hang it.
          if (stopping) return;
          failure ??= new WorkerStoppedError(code);
          rejectReady(failure);
          wake();
        });
        w.on('message', (m: WorkerReady | { type: 'result'; result: WorkerResult } | WorkerTotals | WorkerFailure) => {
          if (stopping) return; // answers to what comes after pass 1 (see completeOnWorker)
          if (m.type === 'ready') {
            isReady[i] = true;
            resolveReady(m.info);
            wake();
          } else if (m.type === 'result') {
            inFlight[i]!--;
            done.set(m.result.id, m.result);
            wake();
          } else if (m.type === 'totals') {
            totals.push(m.stats);
            wake();
          } else {
            failure ??= m.stopped === true ? new WorkerStoppedError(undefined, 'the worker reading part of the reference') : m.code === undefined ? new Error(`worker: ${m.message}`) : new ReadError(m.message, m.code);
            rejectReady(failure);
            wake();
          }
        });
      }),
  );
  // Rejections are awaited below; until then they must not count as unhandled.
  for (const r of ready) r.catch(() => undefined);
  try {
    // The first worker indexes the reference and sends a snapshot to each other worker over its own channel.
    const channels = pool.slice(1).map(() => new MessageChannel());
    const peers = channels.map((c) => c.port1);
    pool[0]!.postMessage(
      { type: 'init', init: initFor({ path: input.referencePath, options: input.referenceOptions, peers, ...(input.referenceCache === undefined ? {} : { cache: input.referenceCache }) }) },
      peers,
    );
    channels.forEach((c, k) => pool[k + 1]!.postMessage({ type: 'init', init: initFor({ from: c.port2 }) }, [c.port2]));
    const flush = (): void => {
      for (let r = done.get(nextToAdd); r !== undefined; r = done.get(nextToAdd)) {
        done.delete(nextToAdd);
        // A piece of the file the worker parsed: its records count now, and what parsing found goes in the report.
        if (r.report !== undefined) {
          sink.seen += r.seen;
          mergeReadReports(table.report, r.report, 0);
          progress('records', sink.seen, estimatedRows === undefined ? undefined : Math.min(1, sink.seen / estimatedRows));
        }
        sink.addBatch(r);
        nextToAdd++;
      }
      // While the workers run, this thread is free to order the duplicate groups formed so far.
      sink.orderGroups(false);
    };
    // Every wait ends on a worker's failure too (its error and exit handlers wake the waiters): a helper
    // that dies while reading its part of the reference must fail the run, not leave it waiting.
    const waitFor = async (ok: () => boolean): Promise<void> => {
      flush();
      while (!ok()) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((r) => waiters.push(r));
        flush();
      }
      if (failure !== undefined) throw failure;
    };
    // Records go out as soon as the first worker is ready: the others still restore its snapshot (~1 s at
    // 1M citizens) and join in when they are.
    await waitFor(() => isReady[0]!);
    const first = (await ready[0])!;
    const info: Pass1Info = {
      referenceRows: first.rows,
      referenceProblems: first.problems,
      referenceReport: first.report,
      ...(first.cache === undefined ? {} : { referenceCache: first.cache }),
    };
    progress('reference', info.referenceRows);
    let batchId = 0;
    let rows: BatchRow[] = [];
    // The next batch goes to the ready worker with the fewest in flight (at most two each), so a worker
    // slowed by its collector or by other jobs does not hold the others up until AHEAD × workers batches
    // wait on it; results are still added in batch order. -1: none can take it now.
    const pickWorker = (): number => {
      if (batchId - nextToAdd >= AHEAD * pool.length) return -1;
      let best = -1;
      for (let k = 0; k < pool.length; k++) if (isReady[k] && inFlight[k]! < 2 && (best < 0 || inFlight[k]! < inFlight[best]!)) best = k;
      return best;
    };
    const send = async (chunk?: RecordChunk): Promise<void> => {
      let target = -1;
      await waitFor(() => (target = pickWorker()) >= 0);
      inFlight[target]!++;
      const sampleGroups = sink.sampler.openGroups();
      if (chunk === undefined) pool[target]!.postMessage({ type: 'batch', batch: { id: batchId, sampleGroups, rows } satisfies WorkerBatch });
      else pool[target]!.postMessage({ type: 'batch', batch: { id: batchId, sampleGroups, chunk } satisfies WorkerBatch }, [chunk.bytes.buffer]);
      batchId++;
      rows = [];
      progress('records', sink.seen, estimatedRows === undefined ? undefined : Math.min(1, sink.seen / estimatedRows));
    };
    // Workers parse the file's pieces themselves where they can (CSV past its header): this thread only cuts them.
    const parts = table.parts?.() ?? batchesOf(table.rows);
    for await (const part of parts) {
      if (!Array.isArray(part)) {
        if (rows.length > 0) await send();
        await send(part);
        continue;
      }
      for (const row of part) {
        for (const values of expandRow(table.profile, row.values, row.line)) {
          rows.push(row.broken === undefined ? { line: row.line, values } : { line: row.line, values, broken: brokenProblem(row.broken) });
          sink.seen++;
          if (rows.length >= BATCH) await send();
        }
      }
    }
    if (rows.length > 0) await send();
    await waitFor(() => nextToAdd === batchId);
    // Each worker's statistics come once, after its last batch.
    for (const w of pool) w.postMessage({ type: 'finish' });
    await waitFor(() => totals.length === pool.length);
    sink.workerStats.push(...totals);
    return info;
  } finally {
    // The workers stay up to complete the output files; reconcileFiles ends them.
    stopping = true;
  }
}

async function* batchesOf<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const x of items) yield [x];
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function isoPartial(d: { year: number; month?: number; day?: number }): string {
  return [String(d.year), d.month === undefined ? undefined : String(d.month).padStart(2, '0'), d.day === undefined ? undefined : String(d.day).padStart(2, '0')]
    .filter((x) => x !== undefined)
    .join('-');
}
