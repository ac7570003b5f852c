/**
 * Worker thread for `reconcileFiles({ workers })`. The first worker reads and indexes the reference and, when
 * there are others, sends back a snapshot whose tables are in shared memory; the others restore that
 * snapshot instead of indexing the file again (the second meanwhile reads part of the reference file and
 * builds some of the fuzzy linker's structures for the first). Then each links and classifies batches of
 * rows sent by the main thread, which reads the records file and adds the batches' lines to the outputs;
 * after the last batch the workers complete the worklist and results files.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { RecordResult, RowProblem } from '../model/types.js';
import { resolveOptions, type ReconcileOptions, type ResolvedOptions } from '../reconcile/options.js';
import { createRowPipeline } from '../reconcile/reconcile.js';
import { resultLine } from '../write/ndjson.js';
import { ReportSampler } from '../report/html.js';
import { StatsCounter, type StatsCounterData } from '../stats/summarize.js';
import type { ReconcileStats } from '../stats/stats.js';
import { worklistLine, type WorklistOptions } from '../write/worklistCsv.js';
import { getProfile } from '../profiles/index.js';
import { factsOf, rankOf } from '../reconcile/duplicates.js';
import { LineEncoder, type EncodedLines } from './encodedLines.js';
import { GrowableInt32, GrowableUint8 } from '../reference/columns.js';
import { PackedStringsBuilder, type PackedStrings } from '../reference/packedStrings.js';
import { expandRow, type FieldRow, type Profile } from '../profiles/types.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import type { ReferenceUpdate } from '../classify/rules.js';
import { restoreReference, snapshotReference, type ReferenceSnapshot } from '../reference/snapshot.js';
import { allocateShared, newTable, type Allocate } from '../reference/sharedTables.js';
import { ReadError, brokenProblem, readRecordChunk, readReferencePart, type ReadReferenceOptions, type RecordChunk, type ReferencePartResult, type ReferencePartTask } from './readFile.js';
import { openReference, optionsFor, prepareLinking, usesFuzzy } from './openReference.js';
import { buildReferenceNeighbours, type IdTableSlots } from '../reference/idNeighbours.js';
import { ID_NEIGHBOURS, type ReferenceNeighbours } from '../reference/referenceIndex.js';
import type { KeyIndex } from '../reference/keyIndex.js';
import { stagedNameTable } from '../link/fuzzy/termFrequency.js';
import { resolveFuzzyConfig, type FuzzyConfig } from '../link/fuzzy/config.js';
import { blockingInputs, buildRuleIndex, indexedRules, installRuleIndex, prepareBlockingIndexes, type BlockingInputs, type BlockingRule, type RuleIndex } from '../link/fuzzy/blocking.js';
import type { ReferenceCacheOutcome } from './referenceCache.js';
import type { ReadReport } from '../read/table.js';
import { WorkerStoppedError } from './workerStopped.js';
import { completeFile, type Rewrite } from './patchableFile.js';
import { rewriteFor } from './duplicatePatch.js';
import type { CompleteMessage, CompleteReply } from './completeOutputs.js';

/** First message: what to build. */
export interface WorkerInit {
  /**
   * The reference file to index (and the ports of the other workers, which receive a snapshot of the index),
   * or the port on which another worker sends that snapshot.
   */
  readonly reference:
    | {
        readonly path: string;
        readonly options: ReadReferenceOptions;
        readonly peers: readonly MessagePort[];
        /** The opt-in reference cache (see `reconcileFiles`' `referenceCache`). */
        readonly cache?: string;
      }
    | { readonly from: MessagePort };
  readonly profile: string;
  readonly options: Omit<ReconcileOptions, 'rules' | 'linkers' | 'compare' | 'requiredFields'>;
  readonly worklistOptions: WorklistOptions;
  /** Whether to serialise results (for results.ndjson). */
  readonly results: boolean;
  /** Size of the report sample (each batch sends back the candidates a sampler of that size holds). */
  readonly sampleSize: number;
}

/** A batch to process: rows the main thread read, or a piece of the file for this worker to parse. */
export interface WorkerBatch {
  readonly id: number;
  /** The report sampler's groups still open on the main thread when the batch was sent (see `ReportSampler.openGroups`). */
  readonly sampleGroups: number;
  /** Rows, with the profile's `expand` applied. */
  readonly rows?: readonly BatchRow[];
  /** A piece of a CSV file cut at a record's end (transferred), parsed and expanded here. */
  readonly chunk?: RecordChunk;
}

/** One record of a batch. */
export interface BatchRow {
  readonly line: number;
  readonly values: FieldRow;
  readonly broken?: RowProblem;
}

/** What parsing a piece adds to the file's read report (see `mergeReadReports`). */
export type PartReport = Pick<ReadReport, 'rows' | 'blankLines' | 'broken' | 'legacyFonts'>;

/** What a worker sends back for a batch (only the records of the partition, if any). */
export interface WorkerResult {
  readonly id: number;
  /** Records of the batch, in the partition or not. */
  readonly seen: number;
  /** For a piece of the file: what parsing it found. */
  readonly report?: PartReport;
  /** The batch's worklist lines, encoded (transferred, not copied). */
  readonly worklist: EncodedLines;
  /** The batch's result lines (NDJSON), encoded (transferred, not copied); none without results.ndjson. */
  readonly results?: EncodedLines;
  /** `factsOf` each record (for marking duplicates). */
  readonly facts: Uint8Array<ArrayBuffer>;
  /** Per record: the citizen it links to (-1: none), its key (packed: one text, not a string per record) and status (`rankOf`). */
  readonly citizen: Int32Array<ArrayBuffer>;
  readonly keys: PackedStrings;
  readonly ranks: Uint8Array<ArrayBuffer>;
  readonly updates: ReferenceUpdate[];
  /** The batch's report-sample candidates (see `ReportSampler.held`), with their position in the batch. */
  readonly sample: { readonly offset: number; readonly result: RecordResult }[];
}

let reference: ReferenceIndex | undefined;
// Statistics of every batch so far, sent once when the main thread says the input is done: per batch they
// held a count object per commune, cloned and added up 500 times at 1M records.
const totals = new StatsCounter();
let resolved: ResolvedOptions | undefined;
let setup: Pick<WorkerInit, 'worklistOptions' | 'results' | 'sampleSize'> | undefined;

/** What a worker answers to its init message. */
export interface WorkerReady {
  readonly type: 'ready';
  /** What indexing the reference file found (from the worker that read it). */
  readonly info?: { readonly rows: number; readonly problems: number; readonly report: ReadReport; readonly cache?: ReferenceCacheOutcome };
}

function useReference(ref: ReferenceIndex, profile: Profile, message: WorkerInit): ResolvedOptions {
  reference = ref;
  // Not the whole message: it may hold ports, and a snapshot's strings live in the index from here on.
  setup = { worklistOptions: message.worklistOptions, results: message.results, sampleSize: message.sampleSize };
  resolved = resolveOptions(optionsFor(ref, profile, message.options));
  return resolved;
}

async function init(message: WorkerInit): Promise<WorkerReady> {
  const profile = getProfile(message.profile);
  if (profile === undefined) throw new Error('unknown profile');
  const source = message.reference;
  if ('from' in source) {
    // The snapshot comes straight from the worker that built it, never through the main thread. Before it,
    // that worker may ask this one to read the second part of the reference file.
    let snapshot: ReferenceSnapshot | undefined;
    while (snapshot === undefined) {
      const m = await new Promise<PeerMessage>((resolve) => source.from.once('message', resolve));
      if (m.type === 'snapshot') snapshot = m.snapshot;
      else if (m.type === 'part') source.from.postMessage(...(await readPartFor(m.task)));
      else source.from.postMessage(derive(m));
    }
    source.from.close();
    useReference(restoreReference(snapshot), profile, message);
    return { type: 'ready' };
  }
  const helperPort = source.peers[0];
  const helper = helperPort === undefined ? undefined : new HelperChannel(helperPort);
  const read = await openReference(
    {
      referencePath: source.path,
      referenceOptions: source.options,
      reconcileOptions: message.options,
      shared: source.peers.length > 0,
      ...(source.cache === undefined ? {} : { referenceCache: source.cache }),
      ...(helper === undefined ? {} : { helper: async (task: ReferencePartTask) => (await helper.ask({ type: 'part', task }, 'part')).result }),
    },
    profile,
  );
  const built = read.reference;
  const opts = useReference(built, profile, message);
  const info = { rows: built.rowsRead, problems: built.problems.length, report: read.report, ...(read.cache === undefined ? {} : { cache: read.cache }) };
  if (source.peers.length === 0) return { type: 'ready', info };
  // Built before the snapshot so the other workers receive the fuzzy linker's structures too, and in
  // shared memory so the snapshot need not copy them.
  allocateShared(built);
  if (helper !== undefined && usesFuzzy(opts)) await prepareWithHelper(built, resolveFuzzyConfig(opts.fuzzy || {}), helper);
  prepareLinking(built, opts);
  const snapshot = snapshotReference(built, { shared: true });
  for (const port of source.peers) {
    port.postMessage({ type: 'snapshot', snapshot } satisfies PeerMessage);
    port.close();
  }
  return { type: 'ready', info };
}

/** What the worker that reads the reference sends another worker. */
type PeerMessage =
  | { readonly type: 'part'; readonly task: ReferencePartTask }
  | { readonly type: 'neighbours'; readonly current: IdTableSlots; readonly former: IdTableSlots }
  | { readonly type: 'rules'; readonly input: BlockingInputs; readonly rules: readonly BlockingRule[] }
  | { readonly type: 'snapshot'; readonly snapshot: ReferenceSnapshot };
/** The answer to a `part`, `neighbours` or `rules` message. */
type HelperReply =
  | { readonly type: 'part'; readonly result: ReferencePartResult }
  | { readonly type: 'neighbours'; readonly value: ReferenceNeighbours }
  | { readonly type: 'rules'; readonly value: readonly RuleIndex[] }
  | { readonly type: 'error'; readonly message: string; readonly code?: string };

/**
 * The reading worker's side of its channel to a helper worker: the helper answers requests one at a time,
 * in the order they were sent, so one listener hands each answer to the oldest request waiting.
 */
class HelperChannel {
  private readonly waiting: { readonly resolve: (m: HelperReply) => void; readonly reject: (e: Error) => void }[] = [];

  constructor(private readonly port: MessagePort) {
    port.on('message', (m: HelperReply) => this.waiting.shift()?.resolve(m));
    // The other worker stopped before answering (after the last answer this settles nothing).
    port.on('close', () => {
      for (const w of this.waiting.splice(0)) w.reject(new WorkerStoppedError(undefined, 'the worker reading part of the reference'));
    });
  }

  /** Sends a request; the answer, or an error for an `error` answer of another type than `type`. */
  async ask<T extends HelperReply['type']>(message: PeerMessage, type: T): Promise<Extract<HelperReply, { type: T }>> {
    const reply = await new Promise<HelperReply>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.port.postMessage(message);
    });
    if (reply.type === type) return reply as Extract<HelperReply, { type: T }>;
    if (reply.type === 'error') throw reply.code === undefined ? new Error(reply.message) : new ReadError(reply.message, reply.code);
    throw new Error(`expected a ${type} answer, got ${reply.type}`);
  }
}

// Should a helper's derived structure fail, the reading worker builds it itself (in prepareLinking).
const helped = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

/**
 * Builds the fuzzy linker's structures with the helper worker, which read the other part of the reference
 * and is otherwise idle until the snapshot: it builds the ID neighbours while this worker builds the name
 * tokens, then half the blocking indexes while this one packs the name table's rows and builds the others.
 * At 1M citizens that takes ~0.8 s off the path every worker waits on.
 */
async function prepareWithHelper(built: ReferenceIndex, config: FuzzyConfig, helper: HelperChannel): Promise<void> {
  const derived = built.internals().derived;
  if (derived.has('fuzzy:names')) return;
  let neighbours: Promise<ReferenceNeighbours | undefined> | undefined;
  if (config.idTypo && !derived.has(ID_NEIGHBOURS)) {
    const { byId, byFormerId } = built.internals();
    const slots = (k: KeyIndex): IdTableSlots => {
      const { keys, values } = k.toData();
      return { keys, values };
    };
    neighbours = helped(helper.ask({ type: 'neighbours', current: slots(byId), former: slots(byFormerId) }, 'neighbours').then((r) => r.value));
  }
  const staged = stagedNameTable(built);
  // Every other rule each: this worker also packs the name table's rows (~0.2 s at 1M citizens), about what
  // the costliest rule takes, and with all but one rule the helper finished 0.2–0.4 s after this one.
  const indexed = indexedRules(config.blockingRules);
  const theirs = indexed.filter((_, k) => k % 2 === 0);
  const own = indexed.filter((_, k) => k % 2 === 1);
  const rules = theirs.length > 0 ? helped(helper.ask({ type: 'rules', input: blockingInputs(built, staged.tokens), rules: theirs }, 'rules').then((r) => r.value)) : undefined;
  staged.finish();
  prepareBlockingIndexes(built, own);
  const indexes = await rules;
  if (indexes !== undefined) theirs.forEach((rule, k) => installRuleIndex(built, rule, indexes[k]!));
  const ids = await neighbours;
  if (ids !== undefined) built.memo(ID_NEIGHBOURS, () => ids);
}

/** The helper's answer to a `neighbours` or `rules` message: the structures, in shared memory. */
function derive(m: Extract<PeerMessage, { type: 'neighbours' | 'rules' }>): HelperReply {
  try {
    // Lets the tests see the reading worker build everything itself when this one cannot.
    if (process.env['DOISOAT_TEST_FAIL_HELPER'] === '1') throw new Error('test: no help');
    const allocate: Allocate = (Ctor, length) => newTable(Ctor, length, true);
    if (m.type === 'neighbours') return { type: 'neighbours', value: buildReferenceNeighbours(m.current, m.former, allocate) };
    return { type: 'rules', value: m.rules.map((rule) => buildRuleIndex(m.input, rule, allocate)) };
  } catch (e) {
    return { type: 'error', message: e instanceof Error ? e.message : `building the ${m.type} failed` };
  }
}

async function readPartFor(task: ReferencePartTask): Promise<[HelperReply, ArrayBuffer[]]> {
  // Lets the tests stop this worker where running out of memory would (a large half of a reference).
  if (process.env['DOISOAT_TEST_STOP_READING_PART'] === '1') process.exit(7);
  try {
    const result = await readReferencePart(task);
    // Every typed array of the part (and of its packed columns) is its own right-sized copy: transferred, not cloned.
    const { ids, addresses } = result.part;
    const buffers = [result.part, ids, addresses].flatMap((o) => Object.values(o).flatMap((v) => (ArrayBuffer.isView(v) ? [v.buffer as ArrayBuffer] : [])));
    return [{ type: 'part', result }, buffers];
  } catch (e) {
    return [{ type: 'error', message: e instanceof Error ? e.message : 'reading part of the reference failed', ...(e instanceof ReadError ? { code: e.code } : {}) }, []];
  }
}

function processBatch(batch: WorkerBatch): WorkerResult {
  const ref = reference!;
  const opts = resolved!;
  const worklistOptions = setup!.worklistOptions;
  const sampler = new ReportSampler<{ offset: number; result: RecordResult }>(setup!.sampleSize, (x) => x.result);
  // Groups already full on the main thread stay full: sending their items back would only cost cloning.
  sampler.keepOnly(batch.sampleGroups);
  // Rows are linked as they are parsed (see readRecordChunk): how many a piece holds is known at its end.
  const expected = batch.rows?.length ?? Math.ceil((batch.chunk?.bytes.byteLength ?? 0) / 96);
  const worklist = new LineEncoder(1 << 18, expected);
  const results = setup!.results ? new LineEncoder(1 << 20, expected) : undefined;
  const facts = new GrowableUint8(expected);
  const citizen = new GrowableInt32(expected);
  const keys = new PackedStringsBuilder(expected);
  const ranks = new GrowableUint8(expected);
  const updates: ReferenceUpdate[] = [];
  const pipeline = createRowPipeline(ref, opts, ({ result, citizen: linked, referenceUpdates }) => {
    if (referenceUpdates.length > 0) updates.push(...referenceUpdates);
    sampler.add({ offset: citizen.length, result });
    facts.push(factsOf(result));
    citizen.push(linked);
    keys.push(result.key);
    ranks.push(rankOf(result.status));
    totals.add(result);
    worklist.add(worklistLine(result, worklistOptions));
    results?.add(resultLine(result));
  });
  let seen = 0;
  let report: PartReport | undefined;
  if (batch.chunk !== undefined) {
    const chunk = batch.chunk;
    const profile = getProfile(chunk.format.profile);
    if (profile === undefined) throw new Error('unknown profile');
    const { rows: n, blankLines, broken, legacyFonts } = readRecordChunk(chunk, chunk.format, profile, (rows) => {
      for (const row of rows) {
        const problems = row.broken === undefined ? [] : [brokenProblem(row.broken)];
        for (const values of expandRow(profile, row.values, row.line)) {
          seen++;
          pipeline.add(values, row.line, problems);
        }
      }
    });
    report = { rows: n, blankLines, broken, legacyFonts };
  } else {
    for (const row of batch.rows ?? []) {
      seen++;
      pipeline.add(row.values, row.line, row.broken === undefined ? [] : [row.broken]);
    }
  }
  pipeline.flush();
  return {
    id: batch.id,
    seen,
    ...(report === undefined ? {} : { report }),
    worklist: worklist.take(),
    ...(results === undefined ? {} : { results: results.take() }),
    facts: facts.trimmed(),
    citizen: citizen.trimmed(),
    keys: keys.finish(),
    ranks: ranks.trimmed(),
    updates,
    sample: sampler.held(),
  };
}

/** What a worker sends when it fails: a `ReadError`'s code, or that a worker it depended on stopped. */
export interface WorkerFailure {
  readonly type: 'error';
  readonly message: string;
  readonly code?: string;
  readonly stopped?: true;
}

function complete(m: CompleteMessage): void {
  const marked = rewriteFor(m.kind, m.patch);
  // Lets the tests see the main thread complete the file when a worker cannot (after a partial copy).
  const failAt = process.env['DOISOAT_TEST_FAIL_COMPLETE'] === '1' ? m.patch.entries.length >>> 1 : -1;
  const rewrite: Rewrite = (entry, line, k) => {
    if (k === failAt) throw new Error('test: cannot complete');
    return marked(entry, line, k);
  };
  let reported = 0;
  const onProgress = (fraction: number): void => {
    // A message per megabyte copied would cost more than the copy's own progress is worth.
    if (fraction - reported < 0.05) return;
    reported = fraction;
    parentPort?.postMessage({ type: 'complete-progress', fraction } satisfies CompleteReply);
  };
  try {
    completeFile(m.job, m.patch.entries, rewrite, onProgress);
    parentPort?.postMessage({ type: 'complete-done' } satisfies CompleteReply);
  } catch (e) {
    parentPort?.postMessage({ type: 'complete-failed', message: e instanceof Error ? e.message : 'completing an output file failed' } satisfies CompleteReply);
  }
}

/** What a worker answers to `finish`: the statistics of all its batches, before duplicate marking. */
export interface WorkerTotals {
  readonly type: 'totals';
  readonly stats: StatsCounterData;
}

// Lets the tests stop a worker as it starts, before the main thread listens to it (see startPool).
if (process.env['DOISOAT_TEST_EXIT_ON_START'] === '1') process.exit(9);

parentPort?.on('message', (message: { type: 'init'; init: WorkerInit } | { type: 'batch'; batch: WorkerBatch } | { type: 'finish' } | CompleteMessage) => {
  if (message.type === 'complete') {
    complete(message);
    return;
  }
  if (message.type === 'init') {
    init(message.init).then(
      (ready) => parentPort?.postMessage(ready),
      // A ReadError keeps its code, so the calling thread reports it as the user-fixable error it is.
      (e: unknown) =>
        parentPort?.postMessage({
          type: 'error',
          message: e instanceof Error ? e.message : 'worker failed to start',
          ...(e instanceof ReadError ? { code: e.code } : {}),
          ...(e instanceof WorkerStoppedError ? { stopped: true } : {}),
        } satisfies WorkerFailure),
    );
    return;
  }
  if (message.type === 'finish') {
    const stats = totals.toData();
    parentPort?.postMessage({ type: 'totals', stats } satisfies WorkerTotals, [stats.byProvince.counts.buffer as ArrayBuffer, stats.byCommune.counts.buffer as ArrayBuffer]);
    return;
  }
  try {
    const result = processBatch(message.batch);
    const encoded = result.results === undefined ? [result.worklist] : [result.worklist, result.results];
    const { keys } = result;
    const arrays = [result.facts, result.citizen, result.ranks, keys.ends, keys.chunkStart, ...(keys.absent === undefined ? [] : [keys.absent])];
    parentPort?.postMessage({ type: 'result', result }, [...encoded.flatMap((e) => [e.bytes.buffer, e.lengths.buffer]), ...arrays.map((a) => a.buffer as ArrayBuffer)]);
  } catch (e) {
    // A ReadError (a record past MAX_RECORD_CHARS in a piece of the file) keeps its code and plain message.
    parentPort?.postMessage(
      e instanceof ReadError
        ? ({ type: 'error', message: e.message, code: e.code } satisfies WorkerFailure)
        : ({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : 'worker failed' } satisfies WorkerFailure),
    );
  }
});
