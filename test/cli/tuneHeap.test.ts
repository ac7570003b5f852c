import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEAP_GROWING_FLAG, heapGrowingFlag, respawn, shouldRespawn } from '../../src/cli/tuneHeap.js';

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
