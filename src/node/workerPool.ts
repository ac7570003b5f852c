/** Worker threads started before their work is known, so that their start-up overlaps the caller's. */
import { Worker } from 'node:worker_threads';
import { WorkerStoppedError } from './workerStopped.js';

/** Worker threads started ahead of use, with the first failure seen before their user listens to them. */
export interface StartedPool {
  readonly workers: readonly Worker[];
  failure?: Error;
}

/**
 * Starts `n` workers of `script`. An error or exit before the caller adds its own listeners is kept in
 * `failure`, neither thrown as an unhandled 'error' event nor lost (a run waiting for a worker that had
 * already stopped would wait forever).
 *
 * @example
 * const pool = startPool(new URL('./worker.js', import.meta.url), 2);
 * // …later: if (pool.failure) throw pool.failure; then listen to pool.workers
 */
export function startPool(script: URL, n: number): StartedPool {
  const pool: { workers: Worker[]; failure?: Error } = { workers: [] };
  try {
    for (let i = 0; i < n; i++) {
      const w = new Worker(script);
      w.once('error', (e) => (pool.failure ??= e));
      w.once('exit', (code) => (pool.failure ??= new WorkerStoppedError(code)));
      pool.workers.push(w);
    }
  } catch (e) {
    // Those already started would keep the process alive.
    for (const w of pool.workers) void w.terminate();
    throw e;
  }
  return pool;
}
