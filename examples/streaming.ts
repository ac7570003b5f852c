/**
 * Stream a register through reconciliation: the reference is built row by row, records are decided as they
 * arrive (32 at a time) and written out in batches, and only the statistics are kept.
 * Run: npx tsx examples/streaming.ts (or see test/examples.test.ts, which runs it).
 */
import {
  ReferenceBuilder,
  StatsCounter,
  createRowPipeline,
  generateSample,
  resolveOptions,
  resultLine,
  sortKeys,
  type RecordResult,
  type ReconcileStats,
} from '../src/index.js';

/** Reconciles streamed rows; `write` receives each batch of decided records, in input order. */
export async function reconcileStream(
  referenceRows: AsyncIterable<unknown>,
  sectorRows: AsyncIterable<unknown>,
  write: (batch: readonly RecordResult[]) => Promise<void>,
  asOf: string,
): Promise<ReconcileStats> {
  const builder = new ReferenceBuilder();
  for await (const row of referenceRows) builder.add(row);
  const reference = builder.build();
  const options = resolveOptions({ asOf });
  const counter = new StatsCounter();
  const decided: RecordResult[] = [];
  const pipeline = createRowPipeline(reference, options, ({ result }) => {
    counter.add(result);
    decided.push(result);
  });
  let row = 0;
  for await (const input of sectorRows) {
    pipeline.add(input, ++row);
    if (decided.length >= 100) await write(decided.splice(0));
  }
  pipeline.flush();
  await write(decided.splice(0));
  return sortKeys(counter.toStats());
}

async function* rowsOf<T>(rows: readonly T[]): AsyncGenerator<T> {
  for (const r of rows) yield r;
}

/** The generated sample streamed into NDJSON lines (results are personal data: keep such files protected). */
export async function run(): Promise<{ lines: string[]; stats: ReconcileStats }> {
  const sample = generateSample({ citizens: 400, records: 250, seed: 3 });
  const lines: string[] = [];
  const stats = await reconcileStream(rowsOf(sample.citizens), rowsOf(sample.records), async (batch) => {
    for (const r of batch) lines.push(resultLine(r));
  }, sample.asOf);
  return { lines, stats };
}
