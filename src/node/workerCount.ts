/**
 * How many worker threads `workers: 'auto'` (the CLI's default) uses. Two threads pay for themselves once
 * the inputs are a few tens of megabytes: at 100k citizens × 100k records a run took about as long with two
 * workers as with one, from 300k × 100k to 1M × 1M it was 18–31 % faster (docs/decisions.md). They also
 * cost memory: the second worker holds its own copy of the reference's strings.
 */
import { statSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { cgroupCpuLimit } from './cpuQuota.js';

/** The worker count asked for: a number, or `'auto'` to let the input sizes decide. */
export type WorkerRequest = number | 'auto';

/** Inputs below this combined size run on one thread under `'auto'`. */
export const AUTO_WORKERS_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Memory per byte of reference file that `'auto'` asks of the machine, plus a gigabyte, before it starts two
 * workers. Two workers used 13.6 bytes per byte at 1M citizens (1.29 GB for a 95 MB file, against 1.10 GB
 * on one thread) and 8.4 at 10M (8.0 GB for 951 MB), so this keeps them under about two thirds of it.
 */
export const AUTO_WORKERS_BYTES_PER_REFERENCE_BYTE = 20;

/**
 * `'auto'` starts two workers only when the records file is at least this fraction of the reference file:
 * the second worker pays for itself through the records, while its copy of the reference costs memory.
 * 10M citizens × 100k records took 217 s and 8.0 GB with two workers against 223 s and 3.6 GB with one.
 */
export const AUTO_WORKERS_MIN_RECORDS_SHARE = 1 / 16;

/** What {@link autoWorkerCount} decides from. */
export interface WorkerCountInput {
  /** Size of the reference file in bytes (0 when unknown). */
  readonly referenceBytes: number;
  /** Size of the records file in bytes (0 when unknown). */
  readonly recordsBytes: number;
  /** Threads the machine can run at once (`os.availableParallelism()`, fewer under a CPU quota). */
  readonly cores: number;
  /** The memory the process may use, in bytes (`os.totalmem()`, or a container's limit when lower). */
  readonly totalMemory: number;
}

/**
 * The worker count `'auto'` chooses: 2 when the machine has at least two cores, the inputs together are at
 * least {@link AUTO_WORKERS_MIN_BYTES}, the records file is at least {@link AUTO_WORKERS_MIN_RECORDS_SHARE}
 * of the reference file, and the memory is ample for the reference; otherwise 1 (everything on the calling
 * thread). Never more than two: the machines measured have two cores, and each worker beyond
 * the first holds another copy of the reference's strings.
 *
 * @example
 * autoWorkerCount({ referenceBytes: 95e6, recordsBytes: 73e6, cores: 2, totalMemory: 8e9 }) //=> 2
 * autoWorkerCount({ referenceBytes: 9.5e6, recordsBytes: 7.3e6, cores: 2, totalMemory: 8e9 }) //=> 1
 * autoWorkerCount({ referenceBytes: 951e6, recordsBytes: 7.3e6, cores: 2, totalMemory: 64e9 }) //=> 1
 */
export function autoWorkerCount(input: WorkerCountInput): number {
  if (input.cores < 2) return 1;
  if (input.referenceBytes + input.recordsBytes < AUTO_WORKERS_MIN_BYTES) return 1;
  if (input.recordsBytes < input.referenceBytes * AUTO_WORKERS_MIN_RECORDS_SHARE) return 1;
  if (input.totalMemory < input.referenceBytes * AUTO_WORKERS_BYTES_PER_REFERENCE_BYTE + 2 ** 30) return 1;
  return 2;
}

/** A regular file's size, or undefined (a pipe, a missing file: reading it reports the problem properly). */
function sizeOf(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * This machine as {@link autoWorkerCount} sees it: the threads it can run at once (fewer under a Linux
 * container's CPU quota), and the memory this process may use (the machine's, or a container's limit when
 * lower).
 *
 * @example
 * machineResources() //=> { cores: 2, totalMemory: 25_000_000_000 }
 */
export function machineResources(): Pick<WorkerCountInput, 'cores' | 'totalMemory'> {
  const constrained = process.constrainedMemory?.();
  const total = totalmem();
  return {
    cores: coresUnderQuota(availableParallelism(), cgroupCpuLimit()),
    totalMemory: constrained !== undefined && constrained > 0 && constrained < total ? constrained : total,
  };
}

/**
 * The cores to count under a CPU quota of `cpus` (undefined: none): rounded down, at least one, never more
 * than the machine has. A quota of 1.5 CPUs is one core's worth here: two workers and the main thread
 * would share it.
 *
 * @example
 * coresUnderQuota(16, 1.5) //=> 1
 */
export function coresUnderQuota(cores: number, cpus: number | undefined): number {
  return cpus === undefined ? cores : Math.max(1, Math.min(cores, Math.floor(cpus)));
}

/**
 * Resolves a worker request for a run over two files: a number is used as given (at least 1), `'auto'` goes
 * through {@link autoWorkerCount} with the files' sizes and this machine's cores and memory (a container's
 * memory limit when lower). A reference that is not a regular file (a pipe, a missing path) has no size
 * to judge its memory by, and runs on one thread.
 *
 * @example
 * resolveWorkerCount('auto', 'dan-cu.csv', 'bhyt.csv') //=> 2 for a province-sized extract on a laptop
 * resolveWorkerCount(1, 'dan-cu.csv', 'bhyt.csv') //=> 1
 */
export function resolveWorkerCount(request: WorkerRequest | undefined, referencePath: string, recordsPath: string): number {
  if (request === undefined) return 1;
  if (request !== 'auto') return Math.max(1, Math.floor(request));
  // Without the reference's size the memory it needs is unknown: stay on one thread.
  const referenceBytes = sizeOf(referencePath);
  if (referenceBytes === undefined) return 1;
  return autoWorkerCount({ referenceBytes, recordsBytes: sizeOf(recordsPath) ?? 0, ...machineResources() });
}
