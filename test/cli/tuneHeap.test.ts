import { describe, expect, it } from 'vitest';
import { shouldRespawn } from '../../src/cli/tuneHeap.js';

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
