import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startPool } from '../../src/node/workerPool.js';
import { WorkerStoppedError } from '../../src/node/workerStopped.js';

describe('startPool', () => {
  it('keeps the exit of a worker that stops before anyone listens to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-pool-'));
    writeFileSync(join(dir, 'stop.mjs'), 'process.exit(9);\n');
    const pool = startPool(pathToFileURL(join(dir, 'stop.mjs')), 2);
    expect(pool.workers).toHaveLength(2);
    await Promise.all(pool.workers.map((w) => once(w, 'exit')));
    expect(pool.failure).toBeInstanceOf(WorkerStoppedError);
    expect(pool.failure?.message).toMatch(/exit code 9/);
  });

  it('keeps the error of a worker whose script throws, without an unhandled error event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-pool-'));
    writeFileSync(join(dir, 'throw.mjs'), "throw new Error('broken start');\n");
    const pool = startPool(pathToFileURL(join(dir, 'throw.mjs')), 1);
    // Not events.once, which rejects on the 'error' event this test is about.
    await new Promise((resolve) => pool.workers[0]!.once('exit', resolve));
    expect(pool.failure?.message).toBe('broken start');
  });

  it('records nothing while its workers run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-pool-'));
    writeFileSync(join(dir, 'idle.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => parentPort.postMessage('ok'));\n");
    const pool = startPool(pathToFileURL(join(dir, 'idle.mjs')), 1);
    const w = pool.workers[0]!;
    w.postMessage('ping');
    expect(await once(w, 'message')).toEqual(['ok']);
    expect(pool.failure).toBeUndefined();
    await w.terminate();
  });
});
