// Minimal failing inputs for a bug found by the hostile corpus (docs/guarantees.md, "Totality").
// Regression test for a bug the hostile corpus found in src/stats/summarize.ts (fixed).
import { afterEach, describe, expect, it } from 'vitest';
import { reconcile } from '../../src/index.js';
import { reference } from '../helpers/build.js';

const TARGETS: readonly object[] = [Object.prototype, Object, Function.prototype];
const before = TARGETS.map((t) => Reflect.ownKeys(t));

afterEach(() => {
  TARGETS.forEach((t, i) => {
    for (const k of Reflect.ownKeys(t)) if (!before[i]!.includes(k)) Reflect.deleteProperty(t, k);
  });
});

describe('statistics keyed by data', () => {
  it('do not write to Object.prototype for a record whose provinceCode is "__proto__"', () => {
    reconcile(reference, [{ fullName: 'Nguyễn Văn An', provinceCode: '__proto__' }], { linkers: [] });
    expect(Reflect.ownKeys(Object.prototype)).toEqual(before[0]);
  });

  // Passes: the row parser keeps a "__proto__" column as an own data field.
  it('do not write to Object.prototype for an input column named "__proto__" holding an object', () => {
    reconcile(reference, [JSON.parse('{"__proto__": {"a": 1}, "citizenId": "001089012345"}') as unknown], { linkers: [] });
    expect(Reflect.ownKeys(Object.prototype)).toEqual(before[0]);
  });

  it('count a record whose provinceCode is "constructor" in byProvince', () => {
    const { stats } = reconcile(reference, [{ fullName: 'Nguyễn Văn An', provinceCode: 'constructor' }], { linkers: [] });
    const counted = Object.values(stats.byProvince).reduce((n, byStatus) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    expect(counted).toBe(stats.total);
  });

  it('count a record whose provinceCode is an ordinary code', () => {
    const { stats } = reconcile(reference, [{ fullName: 'Nguyễn Văn An', provinceCode: '01' }], { linkers: [] });
    expect(stats.byProvince).toEqual({ '01': { missing: 1 } });
  });
});
