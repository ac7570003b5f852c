/**
 * Worker thread for `reconcileFiles({ workers })`: builds its own reference index from the file, then links
 * and classifies batches of rows sent by the main thread, which reads the records file and writes outputs.
 */
import { parentPort } from 'node:worker_threads';
import type { RecordResult, RowProblem } from '../model/types.js';
import { resolveOptions, type ReconcileOptions, type ResolvedOptions } from '../reconcile/options.js';
import { reconcileRow } from '../reconcile/reconcile.js';
import { resultLine } from '../write/ndjson.js';
import { ReportSampler } from '../report/html.js';
import { addToStats } from '../stats/summarize.js';
import { emptyStats, type ReconcileStats } from '../stats/stats.js';
import { worklistLine, type WorklistOptions } from '../write/worklistCsv.js';
import { getProfile } from '../profiles/index.js';
import { profileOptions, type FieldRow } from '../profiles/types.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import type { ReferenceUpdate } from '../classify/rules.js';
import { readReference, type ReadReferenceOptions } from './readFile.js';
import type { ReadReport } from '../read/table.js';

/** First message: what to build. */
export interface WorkerInit {
  readonly referencePath: string;
  readonly referenceOptions: ReadReferenceOptions;
  readonly profile: string;
  readonly options: Omit<ReconcileOptions, 'rules' | 'linkers' | 'compare' | 'requiredFields'>;
  readonly worklistOptions: WorklistOptions;
  /** Size of the report sample (each batch sends back the candidates a sampler of that size holds). */
  readonly sampleSize: number;
}

/** A batch of rows to process; `seq` numbers records across the whole input. */
export interface WorkerBatch {
  readonly id: number;
  readonly rows: readonly { readonly line: number; readonly values: FieldRow; readonly broken?: RowProblem }[];
}

/** What a worker sends back for a batch (only the records of the partition, if any). */
export interface WorkerResult {
  readonly id: number;
  /** The batch's worklist lines, joined, and the byte length of each. */
  readonly worklist: string;
  readonly worklistBytes: Uint32Array<ArrayBuffer>;
  /** The batch's result lines (NDJSON), joined, and the byte length of each. */
  readonly results: string;
  readonly resultBytes: Uint32Array<ArrayBuffer>;
  readonly citizen: number[];
  readonly keys: string[];
  readonly statuses: string[];
  readonly updates: ReferenceUpdate[];
  /** Statistics of the batch, before duplicate marking. */
  readonly stats: ReconcileStats;
  /** The batch's report-sample candidates (see `ReportSampler.held`), with their position in the batch. */
  readonly sample: { readonly offset: number; readonly result: RecordResult }[];
}

let reference: ReferenceIndex | undefined;
let resolved: ResolvedOptions | undefined;
let setup: WorkerInit | undefined;

async function init(message: WorkerInit): Promise<{ rows: number; problems: number; report: ReadReport }> {
  const profile = getProfile(message.profile);
  if (profile === undefined) throw new Error('unknown profile');
  setup = message;
  const read = await readReference(message.referencePath, message.referenceOptions);
  reference = read.reference;
  resolved = resolveOptions({ ...profileOptions(profile), ...message.options, idScheme: message.options.idScheme ?? reference.idScheme });
  return { rows: reference.rowsRead, problems: reference.problems.length, report: read.report };
}

function processBatch(batch: WorkerBatch): WorkerResult {
  const ref = reference!;
  const opts = resolved!;
  const worklistOptions = setup!.worklistOptions;
  const sampler = new ReportSampler<{ offset: number; result: RecordResult }>(setup!.sampleSize, (x) => x.result);
  const worklist: string[] = [];
  const results: string[] = [];
  const citizen: number[] = [];
  const keys: string[] = [];
  const statuses: string[] = [];
  const updates: ReferenceUpdate[] = [];
  const stats = emptyStats();
  for (const row of batch.rows) {
    const done = reconcileRow(ref, row.values, row.line, opts, row.broken === undefined ? [] : [row.broken]);
    if (done === undefined) continue;
    const { result } = done;
    if (done.referenceUpdates.length > 0) updates.push(...done.referenceUpdates);
    sampler.add({ offset: citizen.length, result });
    citizen.push(done.citizen);
    keys.push(result.key);
    statuses.push(result.status);
    addToStats(stats, result);
    worklist.push(worklistLine(result, worklistOptions));
    results.push(resultLine(result));
  }
  return {
    id: batch.id,
    worklist: worklist.join(''),
    worklistBytes: Uint32Array.from(worklist, (l) => Buffer.byteLength(l)),
    results: results.join(''),
    resultBytes: Uint32Array.from(results, (l) => Buffer.byteLength(l)),
    citizen,
    keys,
    statuses,
    updates,
    stats,
    sample: sampler.held(),
  };
}

parentPort?.on('message', (message: { type: 'init'; init: WorkerInit } | { type: 'batch'; batch: WorkerBatch }) => {
  if (message.type === 'init') {
    init(message.init).then(
      (info) => parentPort?.postMessage({ type: 'ready', ...info }),
      (e: unknown) => parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : 'worker failed to start' }),
    );
    return;
  }
  try {
    const result = processBatch(message.batch);
    parentPort?.postMessage({ type: 'result', result }, [result.worklistBytes.buffer, result.resultBytes.buffer]);
  } catch (e) {
    parentPort?.postMessage({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : 'worker failed' });
  }
});
