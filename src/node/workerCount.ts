/**
 * How many worker threads `workers: 'auto'` (the CLI's default) uses. Two threads pay for themselves once
 * the inputs are a few tens of megabytes: at 100k citizens × 100k records a run took about as long with two
 * workers as with one, from 300k × 100k on it was 18–40 % faster (docs/performance.md). They also cost
 * memory: the second worker holds its own copy of the reference's strings.
 */
import { statSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

/** The worker count asked for: a number, or `'auto'` to let the input sizes decide. */
export type WorkerRequest = number | 'auto';

/** Inputs below this combined size run on one thread under `'auto'`. */
export const AUTO_WORKERS_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Memory a run needs per byte of reference file, taken generously from measurements (1M citizens, a 95 MB
 * file: 1.2 GB single-threaded, 1.45 GB with two workers): `'auto'` stays on one thread unless the machine
 * has this much memory and a gigabyte more.
 */
export const AUTO_WORKERS_BYTES_PER_REFERENCE_BYTE = 20;

/** What {@link autoWorkerCount} decides from. */
export interface WorkerCountInput {
  /** Size of the reference file in bytes (0 when unknown). */
  readonly referenceBytes: number;
  /** Size of the records file in bytes (0 when unknown). */
  readonly recordsBytes: number;
  /** Threads the machine can run at once (`os.availableParallelism()`). */
  readonly cores: number;
  /** The machine's memory in bytes (`os.totalmem()`). */
  readonly totalMemory: number;
}

/**
 * The worker count `'auto'` chooses: 2 when the machine has at least two cores, the inputs together are at
 * least {@link AUTO_WORKERS_MIN_BYTES} and the memory is ample for the reference; otherwise 1 (everything
 * on the calling thread). Never more than two: the machines measured have two cores, and each worker beyond
 * the first holds another copy of the reference's strings.
 *
 * @example
 * autoWorkerCount({ referenceBytes: 95e6, recordsBytes: 73e6, cores: 2, totalMemory: 8e9 }) //=> 2
 * autoWorkerCount({ referenceBytes: 9.5e6, recordsBytes: 7.3e6, cores: 2, totalMemory: 8e9 }) //=> 1
 */
export function autoWorkerCount(input: WorkerCountInput): number {
  if (input.cores < 2) return 1;
  if (input.referenceBytes + input.recordsBytes < AUTO_WORKERS_MIN_BYTES) return 1;
  if (input.totalMemory < input.referenceBytes * AUTO_WORKERS_BYTES_PER_REFERENCE_BYTE + 2 ** 30) return 1;
  return 2;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    // Reading the file reports the problem properly; the count only needs a size.
    return 0;
  }
}

/**
 * Resolves a worker request for a run over two files: a number is used as given (at least 1), `'auto'` goes
 * through {@link autoWorkerCount} with the files' sizes and this machine's cores and memory.
 *
 * @example
 * resolveWorkerCount('auto', 'dan-cu.csv', 'bhyt.csv') //=> 2 for a province-sized extract on a laptop
 * resolveWorkerCount(1, 'dan-cu.csv', 'bhyt.csv') //=> 1
 */
export function resolveWorkerCount(request: WorkerRequest | undefined, referencePath: string, recordsPath: string): number {
  if (request === undefined) return 1;
  if (request !== 'auto') return Math.max(1, Math.floor(request));
  return autoWorkerCount({ referenceBytes: sizeOf(referencePath), recordsBytes: sizeOf(recordsPath), cores: availableParallelism(), totalMemory: totalmem() });
}
