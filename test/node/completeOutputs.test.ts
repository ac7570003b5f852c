import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { completeOnWorker, completeOutputs, type CompleteMessage } from '../../src/node/completeOutputs.js';
import { duplicatePatch } from '../../src/node/duplicatePatch.js';
import { completeFile, PatchableFile } from '../../src/node/patchableFile.js';
import { rewriteFor } from '../../src/node/duplicatePatch.js';
import { WorkerStoppedError } from '../../src/node/workerStopped.js';

/** A stand-in for a worker thread: answers each posted message with `answer`'s messages, asynchronously. */
class FakeWorker extends EventEmitter {
  terminated = false;
  constructor(private readonly answer: (m: CompleteMessage, w: FakeWorker) => void) {
    super();
  }
  postMessage(m: CompleteMessage): void {
    setImmediate(() => this.answer(m, this));
  }
  terminate(): Promise<number> {
    this.terminated = true;
    return Promise.resolve(1);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'doisoat-complete-'));
let n = 0;
/** A worklist-like file of four lines whose first and third (entries 0 and 2) form a duplicate group. */
const file = () => {
  n++;
  const f = new PatchableFile(join(dir, `worklist-${n}.csv`), join(dir, `.worklist-${n}.tmp`), 'h\r\n');
  for (const key of ['1', '2', '3', '4']) f.append(`${key},${key},matched,,001******345,id,1,,,,,,,,,,,,,,,,,\r\n`);
  return f;
};
const patch = duplicatePatch([[0, 2]], (i) => String(i + 1), () => false);

describe('completing output files on workers', () => {
  it('ignores answers to anything else (a late ready or pass-1 error) and reports progress up to 1', async () => {
    const progress: number[] = [];
    const w = new FakeWorker((_, self) => {
      self.emit('message', { type: 'ready' });
      self.emit('message', { type: 'error', message: 'late start-up failure' });
      self.emit('message', { type: 'complete-progress', fraction: 0.5 });
      self.emit('message', { type: 'complete-done' });
    });
    const job = file().handOff();
    await completeOnWorker(w as unknown as Worker, { type: 'complete', kind: 'worklist', job, patch }, (f) => progress.push(f));
    expect(progress).toEqual([0.5, 1]);
    expect(w.listenerCount('message') + w.listenerCount('exit') + w.listenerCount('error')).toBe(0);
  });

  it('rejects on a failed completion, and when the worker stops', async () => {
    const job = file().handOff();
    const failing = new FakeWorker((_, self) => self.emit('message', { type: 'complete-failed', message: 'disk full' }));
    await expect(completeOnWorker(failing as unknown as Worker, { type: 'complete', kind: 'worklist', job, patch }, () => undefined)).rejects.toThrow('disk full');
    const stopping = new FakeWorker((_, self) => self.emit('exit', 137));
    await expect(completeOnWorker(stopping as unknown as Worker, { type: 'complete', kind: 'worklist', job, patch }, () => undefined)).rejects.toBeInstanceOf(WorkerStoppedError);
  });

  it('ends each worker once it has nothing more to complete, and a worker given nothing at once', async () => {
    const seen: string[] = [];
    const answer = (m: CompleteMessage, self: FakeWorker): void => {
      seen.push(`${m.kind} done${self.terminated ? ' by an ended worker' : ''}`);
      self.emit('message', { type: 'complete-done' });
    };
    class Logged extends FakeWorker {
      override postMessage(m: CompleteMessage): void {
        seen.push(`${m.kind} posted`);
        super.postMessage(m);
      }
    }
    const busy = new Logged(answer);
    const idle = new FakeWorker(answer);
    const pending = completeOutputs([['worklist', file()], ['results', file()]], patch, [busy as unknown as Worker], () => undefined);
    expect(busy.terminated).toBe(false);
    await pending;
    // One file after the other (a worker's answers do not say which file they are about), and the worker
    // ended only after its second.
    expect(seen).toEqual(['worklist posted', 'worklist done', 'results posted', 'results done']);
    expect(busy.terminated).toBe(true);
    const one = completeOutputs([['worklist', file()]], patch, [busy, idle] as unknown as Worker[], () => undefined);
    expect(idle.terminated).toBe(true);
    await one;
  });

  it('ends a worker that fails and completes its file on this thread, with the same bytes and no temporary file left', async () => {
    const expected = file();
    const reference = expected.handOff();
    completeFile(reference, patch.entries, rewriteFor('worklist', patch));
    const f = file();
    // The worker copies part of the file and fails (the partial output is what completeFile cleans up).
    const w = new FakeWorker((m, self) => self.emit('message', { type: 'complete-failed', message: `could not complete ${m.kind}` }));
    const progress: number[] = [];
    await completeOutputs([['worklist', f]], patch, [w as unknown as Worker], (_, x) => progress.push(x));
    expect(w.terminated).toBe(true);
    expect(readFileSync(join(dir, `worklist-${n}.csv`), 'utf8')).toBe(readFileSync(reference.finalPath, 'utf8'));
    expect(readFileSync(reference.finalPath, 'utf8')).toContain('\r\n1,1,matched,,001******345,id,1,,,,,,,,,,,,,,,,,3\r\n');
    expect(progress.at(-1)).toBe(1);
    expect(existsSync(join(dir, `.worklist-${n}.tmp`))).toBe(false);
  });

  it("fails with the progress callback's own error, without completing the file again", async () => {
    const f = file();
    const w = new FakeWorker((_, self) => self.emit('message', { type: 'complete-progress', fraction: 0.2 }));
    await expect(
      completeOutputs([['worklist', f]], patch, [w as unknown as Worker], () => {
        throw new Error('progress display broke');
      }),
    ).rejects.toThrow('progress display broke');
    expect(w.terminated).toBe(true);
    expect(existsSync(join(dir, `worklist-${n}.csv`))).toBe(false);
    f.abort();
  });

  it('completes the files one after the other on this thread without workers, and stops at the first failure', async () => {
    const worklist = new PatchableFile(join(dir, 'bad.csv'), join(dir, '.bad.tmp'));
    worklist.append('not a worklist line\n');
    const results = new PatchableFile(join(dir, 'results.ndjson'), join(dir, '.results.tmp'));
    results.append('{"key":"1"}\n');
    const single = duplicatePatch([[0]], String, () => false);
    await expect(completeOutputs([['worklist', worklist], ['results', results]], single, undefined, () => undefined)).rejects.toThrow('already marked or not a worklist line');
    expect(existsSync(join(dir, 'bad.csv'))).toBe(false);
    // Not attempted after the worklist failed (its temporary file is the caller's to remove).
    expect(existsSync(join(dir, 'results.ndjson'))).toBe(false);
    worklist.abort();
    results.abort();
    expect(readdirSync(dir).filter((x) => x === '.bad.tmp' || x === '.results.tmp')).toEqual([]);
  });
});
