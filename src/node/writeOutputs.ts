/**
 * Writing a run's outputs to a folder: worklist.csv, results.ndjson, stats.json, reference-updates.csv.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReconcileOutput } from '../reconcile/reconcile.js';
import { worklistCsv, type WorklistOptions } from '../write/worklistCsv.js';
import { resultsNdjson } from '../write/ndjson.js';
import { statsJson } from '../write/statsJson.js';
import { referenceUpdatesCsv } from '../write/referenceUpdatesCsv.js';

/** Paths of the files written by {@link writeOutputs}. */
export interface OutputPaths {
  readonly worklist: string;
  readonly results: string;
  readonly stats: string;
  readonly referenceUpdates: string;
}

/**
 * Writes the four outputs of a reconciliation into `dir` (created if needed). The worklist and the
 * reference updates are masked unless `revealPersonalData`; results.ndjson is the complete output.
 *
 * @example
 * await writeOutputs('out', reconcile(reference, rows, options))
 * //=> { worklist: 'out/worklist.csv', results: 'out/results.ndjson', stats: 'out/stats.json', referenceUpdates: 'out/reference-updates.csv' }
 */
export async function writeOutputs(dir: string, output: ReconcileOutput, options: WorklistOptions = {}): Promise<OutputPaths> {
  await mkdir(dir, { recursive: true });
  const paths: OutputPaths = {
    worklist: join(dir, 'worklist.csv'),
    results: join(dir, 'results.ndjson'),
    stats: join(dir, 'stats.json'),
    referenceUpdates: join(dir, 'reference-updates.csv'),
  };
  await writeFile(paths.worklist, worklistCsv(output.results, options), 'utf8');
  await writeFile(paths.results, resultsNdjson(output.results), 'utf8');
  await writeFile(paths.stats, statsJson(output.stats), 'utf8');
  const reveal = options.revealPersonalData === true ? { revealPersonalData: true } : {};
  await writeFile(paths.referenceUpdates, referenceUpdatesCsv(output.referenceUpdates, reveal), 'utf8');
  return paths;
}
