/**
 * A worker thread of `reconcileFiles({ workers })` stopped before the run was done: out of memory, most
 * likely, or killed. Its message names no data, so the CLI prints it as it is.
 *
 * @example
 * try {
 *   await reconcileFiles({ reference: 'dan-cu.csv', records: 'bhyt.csv', out: 'out', workers: 2 });
 * } catch (e) {
 *   if (e instanceof WorkerStoppedError) await reconcileFiles({ reference: 'dan-cu.csv', records: 'bhyt.csv', out: 'out', workers: 1 });
 * }
 */
export class WorkerStoppedError extends Error {
  override readonly name = 'WorkerStoppedError';

  /** `exitCode`: the thread's, when it is known; `what`: which worker, when that says more. */
  constructor(
    readonly exitCode?: number,
    what = 'a worker thread',
  ) {
    super(`${what} stopped before the run was done${exitCode === undefined ? '' : ` (exit code ${exitCode})`}; running out of memory is the usual cause: try fewer workers, or a machine with more memory`);
  }
}
