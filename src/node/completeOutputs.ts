/**
 * Completing the output files after the last record: each file's members of duplicate groups are rewritten
 * (see `completeFile`), on the worker threads when a run has them, which are idle by then, while the calling
 * thread prepares the statistics and the report.
 */
import type { Worker } from 'node:worker_threads';
import { completeFile, type PatchableFile, type PatchJob } from './patchableFile.js';
import { rewriteFor, type DuplicatePatch } from './duplicatePatch.js';
import { WorkerStoppedError } from './workerStopped.js';

/** The kinds of output file a run completes. */
export type OutputKind = 'worklist' | 'results';

/** What the calling thread asks a worker: complete one handed-over file. */
export interface CompleteMessage {
  readonly type: 'complete';
  readonly kind: OutputKind;
  readonly job: PatchJob;
  readonly patch: DuplicatePatch;
}

/**
 * What a worker answers to `complete`: progress now and then, then done or failed. Types of their own, so
 * that a late answer to something else (a worker still restoring the index when the last record was done
 * says `ready` then) is never taken for one of these.
 */
export type CompleteReply =
  | { readonly type: 'complete-progress'; readonly fraction: number }
  | { readonly type: 'complete-done' }
  | { readonly type: 'complete-failed'; readonly message: string };

/** A failure of the caller's own progress callback, told apart from a worker's. */
class ProgressFailed {
  constructor(readonly error: unknown) {}
}

/**
 * Completes `files`: each on a worker when `workers` are given (the worklist on the first, the results on the
 * second), else on this thread one after the other. A worker that fails or stops is ended and this thread
 * completes its file instead, from the temporary file a failed attempt leaves in place. Settles once every
 * file is settled; rejects with the first failure.
 *
 * @example
 * await completeOutputs([['worklist', sink.worklist]], patch, pool.workers, (kind, f) => progress(kind, f));
 */
export async function completeOutputs(
  files: readonly (readonly [OutputKind, PatchableFile])[],
  patch: DuplicatePatch,
  workers: readonly Worker[] | undefined,
  onProgress: (kind: OutputKind, fraction: number) => void,
): Promise<void> {
  const here = (kind: OutputKind, job: PatchJob): void => completeFile(job, patch.entries, rewriteFor(kind, patch), (f) => onProgress(kind, f));
  if (workers === undefined || workers.length === 0) {
    for (const [kind, file] of files) here(kind, file.handOff());
    return;
  }
  const jobs = files.map(([kind, file]) => ({ kind, job: file.handOff() }));
  // File n goes to worker n mod workers, each worker's files one after another (its answers do not say which
  // file they are about). A worker with nothing (more) to do is ended now rather than when the run returns:
  // tearing down its heap (~130 ms for two workers at 1M citizens) then overlaps with the last writes.
  const outcomes = await Promise.allSettled(
    workers.map(async (worker, w) => {
      for (let n = w; n < jobs.length; n += workers.length) {
        const { kind, job } = jobs[n]!;
        try {
          await completeOnWorker(worker, { type: 'complete', kind, job, patch }, (f) => onProgress(kind, f));
        } catch (e) {
          // Ended first, so that it cannot go on writing the file this thread now writes.
          await worker.terminate();
          // The caller's own progress callback failed: the run fails, its other files left uncompleted.
          if (e instanceof ProgressFailed) throw e.error;
          here(kind, job);
          for (let rest = n + workers.length; rest < jobs.length; rest += workers.length) here(jobs[rest]!.kind, jobs[rest]!.job);
          return;
        }
      }
      end(worker);
    }),
  );
  for (const o of outcomes) if (o.status === 'rejected') throw o.reason;
}

/** Ends a worker without waiting for it (whoever started it still awaits its end). */
function end(worker: Worker): void {
  worker.terminate().catch(() => undefined);
}

/**
 * Posts a `complete` message to a worker; resolves when it is done, rejects when it fails or stops (or when
 * `onProgress` throws, with a {@link ProgressFailed}). Its listeners are removed once it settles.
 */
export function completeOnWorker(worker: Pick<Worker, 'on' | 'off' | 'postMessage'>, message: CompleteMessage, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: unknown): void => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.off('error', onError);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onMessage = (m: CompleteReply | { readonly type?: unknown }): void => {
      if (m.type === 'complete-progress' || m.type === 'complete-done') {
        try {
          onProgress(m.type === 'complete-done' ? 1 : (m as { fraction: number }).fraction);
        } catch (e) {
          return settle(new ProgressFailed(e));
        }
        if (m.type === 'complete-done') settle();
      } else if (m.type === 'complete-failed') settle(new Error((m as { message: string }).message));
    };
    const onExit = (code: number): void => settle(new WorkerStoppedError(code));
    const onError = (e: Error): void => settle(e);
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    worker.on('error', onError);
    worker.postMessage(message);
  });
}
