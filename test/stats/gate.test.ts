import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyStats, evaluateGate, gateThresholdsSchema, parseMaxStatusList, parseThresholdList, scorecard, type ReconcileStats } from '../../src/index.js';

/** 100 rows: 80 matched, 10 mismatched, 5 stale, 5 missing; 90 complete, 95 clean. */
function stats(): ReconcileStats {
  return { ...emptyStats(), total: 100, valid: 97, duplicates: 2, clean: 95, complete: 90, byStatus: { matched: 80, mismatched: 10, stale: 5, missing: 5 } };
}

describe('parseThresholdList', () => {
  it('reads ratios and percentages for each dimension', () => {
    expect(parseThresholdList('dung=0.95,song=0.99')).toEqual({ ok: true, value: { dung: 0.95, song: 0.99 } });
    expect(parseThresholdList(' du = 90% , sach=1 ')).toEqual({ ok: true, value: { du: 0.9, sach: 1 } });
  });

  it('accepts the Vietnamese and English names of the dimensions', () => {
    expect(parseThresholdList('đúng=0.9,sống=0.8,clean=0.7,complete=0.6')).toEqual({ ok: true, value: { dung: 0.9, song: 0.8, sach: 0.7, du: 0.6 } });
  });

  it('names the bad item in its error', () => {
    const r = parseThresholdList('dung=0.95,dugn=0.9');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('"dugn=0.9"');
  });

  it('rejects values outside [0, 1] and suggests a percentage', () => {
    const r = parseThresholdList('dung=95');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/95%/);
    expect(parseThresholdList('dung=120%').ok).toBe(false);
    expect(parseThresholdList('dung=-0.1').ok).toBe(false);
    expect(parseThresholdList('dung=abc').ok).toBe(false);
    expect(parseThresholdList('dung').ok).toBe(false);
    expect(parseThresholdList('').ok).toBe(false);
  });

  it('rejects a dimension given twice', () => {
    expect(parseThresholdList('dung=0.9,đúng=0.8').ok).toBe(false);
  });

  it('never throws and bounds the quoted item on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      const r = parseThresholdList(s);
      if (!r.ok) expect(r.error.length).toBeLessThan(200);
      else for (const v of Object.values(r.value)) expect(v >= 0 && v <= 1).toBe(true);
    }));
  });
});

describe('parseMaxStatusList', () => {
  it('reads status shares', () => {
    expect(parseMaxStatusList('missing=0.02,stale=5%')).toEqual({ ok: true, value: { missing: 0.02, stale: 0.05 } });
  });
  it('rejects unknown statuses naming them', () => {
    const r = parseMaxStatusList('lost=0.1');
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toContain('"lost"');
  });
});

describe('evaluateGate', () => {
  it('passes with no thresholds', () => {
    expect(evaluateGate(stats(), {})).toEqual({ passed: true, checks: [] });
  });

  it('fails a dimension under its threshold and states the figures', () => {
    const g = evaluateGate(stats(), { failUnder: { dung: 0.9, du: 0.9 } });
    expect(g.passed).toBe(false);
    const dung = g.checks.find((c) => c.name === 'dung')!;
    expect(dung).toMatchObject({ kind: 'fail-under', threshold: 0.9, numerator: 80, denominator: 95, passed: false });
    expect(dung.actual).toBeCloseTo(80 / 95);
    expect(dung.message).toBe('đúng (correct) 84.2% (80 of 95 linked rows) is under the threshold 90.0%');
    // Equal to the threshold passes (90 of 100 complete against 0.9).
    expect(g.checks.find((c) => c.name === 'du')!.passed).toBe(true);
  });

  it('treats a ratio equal to a typed threshold as passing despite float rounding', () => {
    const s = { ...stats(), total: 20, complete: 19, clean: 19 };
    expect(evaluateGate(s, { failUnder: { du: 0.95, sach: 0.95 } }).passed).toBe(true);
  });

  it('fails a status share over its maximum', () => {
    const g = evaluateGate(stats(), { maxStatus: { missing: 0.02, stale: 0.05 } });
    expect(g.checks.map((c) => [c.name, c.passed])).toEqual([['stale', true], ['missing', false]]);
    expect(g.checks[1]!.message).toBe('missing 5.0% of rows (5 of 100 rows) exceeds the maximum 2.0%');
  });

  it('fails, never passes silently, when a dimension cannot be computed', () => {
    const none = { ...emptyStats(), total: 3, byStatus: { matched: 0, mismatched: 0, stale: 0, missing: 3 } };
    expect(scorecard(none).dung.value).toBeNull();
    const g = evaluateGate(none, { failUnder: { dung: 0 } });
    expect(g.passed).toBe(false);
    expect(g.checks[0]).toMatchObject({ actual: null, passed: false });
    expect(g.checks[0]!.message).toMatch(/cannot be computed.*denominator 0/);
    expect(evaluateGate(emptyStats(), { maxStatus: { missing: 1 } }).passed).toBe(false);
  });

  it('accepts thresholds parsed by its zod schema, and the schema rejects unknown keys and bad shares', () => {
    const t = gateThresholdsSchema.parse({ failUnder: { dung: 0.95 }, maxStatus: { missing: 0.02 } });
    expect(evaluateGate(stats(), t).checks).toHaveLength(2);
    expect(gateThresholdsSchema.safeParse({ failUnder: { correct: 0.9 } }).success).toBe(false);
    expect(gateThresholdsSchema.safeParse({ maxStatus: { missing: 2 } }).success).toBe(false);
  });

  it('passes exactly when every check passes (property)', () => {
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), share, share, (a, b, c, d, t1, t2) => {
      const s = { ...emptyStats(), total: a + b + c + d, complete: a, clean: a + b, byStatus: { matched: a, mismatched: b, stale: c, missing: d } };
      const g = evaluateGate(s, { failUnder: { dung: t1, du: t2 }, maxStatus: { missing: t1 } });
      expect(g.passed).toBe(g.checks.every((x) => x.passed));
      expect(g.checks).toHaveLength(3);
    }));
  });
});
