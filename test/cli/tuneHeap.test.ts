import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEAP_GROWING_FLAG, WORKER_SEMI_SPACE_FLAG, heapGrowingFlag, respawn, shouldRespawn, workerSemiSpaceFlag } from '../../src/cli/tuneHeap.js';

describe('shouldRespawn', () => {
  it('re-runs the reconciling commands once, with the flag', () => {
    expect(shouldRespawn(['reconcile', '--reference', 'r.csv'], [], {})).toBe(true);
    expect(shouldRespawn(['--quiet', 'demo'], [], {})).toBe(true);
    expect(shouldRespawn(['eval'], [], {})).toBe(true);
    // The child already has the flag: no loop.
    expect(shouldRespawn(['reconcile'], ['--max-semi-space-size=64'], {})).toBe(false);
  });

  it('leaves light commands, user choices and opt-outs alone', () => {
    expect(shouldRespawn(['inspect', 'a.csv'], [], {})).toBe(false);
    expect(shouldRespawn(['merge', 'a.json'], [], {})).toBe(false);
    expect(shouldRespawn(['--help'], [], {})).toBe(false);
    expect(shouldRespawn([], [], {})).toBe(false);
    expect(shouldRespawn(['reconcile'], [], { NODE_OPTIONS: '--max-semi-space-size=16' })).toBe(false);
    expect(shouldRespawn(['reconcile'], [], { DOISOAT_NO_RESPAWN: '1' })).toBe(false);
  });
});

describe('heapGrowingFlag', () => {
  it('slows heap growth from two worker threads on', () => {
    expect(heapGrowingFlag(2, [], {})).toBe(HEAP_GROWING_FLAG);
    expect(heapGrowingFlag(4, ['--max-semi-space-size=64'], {})).toBe('--heap-growing-percent=30');
  });

  it('leaves single-threaded runs and the user\'s own choice alone', () => {
    expect(heapGrowingFlag(1, [], {})).toBeUndefined();
    expect(heapGrowingFlag(2, ['--heap-growing-percent=50'], {})).toBeUndefined();
    expect(heapGrowingFlag(2, [], { NODE_OPTIONS: '--max-semi-space-size=64 --heap_growing_percent=10' })).toBeUndefined();
  });
});

describe('workerSemiSpaceFlag', () => {
  it('gives worker threads smaller semi-spaces than the main thread in a respawned CLI', () => {
    expect(workerSemiSpaceFlag(2, { DOISOAT_RESPAWNED: '1' })).toBe(WORKER_SEMI_SPACE_FLAG);
    expect(WORKER_SEMI_SPACE_FLAG).toBe('--max-semi-space-size=32');
  });

  it('leaves single-threaded runs alone, and any process the CLI did not respawn (the user chose the size or kept one process)', () => {
    expect(workerSemiSpaceFlag(1, { DOISOAT_RESPAWNED: '1' })).toBeUndefined();
    expect(workerSemiSpaceFlag(2, {})).toBeUndefined();
    expect(workerSemiSpaceFlag(2, { NODE_OPTIONS: '--max-semi-space-size=16' })).toBeUndefined();
  });
});

describe('respawn', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doisoat-respawn-'));
  const script = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, body);
    return path;
  };

  it('passes the child the heap flag and the arguments, and returns its exit code', async () => {
    const s = script('code.cjs', "process.exit(process.execArgv.includes('--max-semi-space-size=64') && process.argv[2] === 'x' ? 7 : 1);");
    expect(await respawn(s, ['x'])).toBe(7);
  });

  it('reports a child killed by a signal the shell way (SIGKILL: 137)', async () => {
    const s = script('kill.cjs', "process.kill(process.pid, 'SIGKILL');");
    expect(await respawn(s, [])).toBe(137);
  });
});
