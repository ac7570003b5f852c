import { describe, expect, it } from 'vitest';
import { buildReference, emFit, estimateParameters, generateSample, type ComparisonVector } from '../../../src/index.js';
import { Random } from '../../../src/sample/random.js';

describe('EM parameter estimation', () => {
  it('recovers m, u and the match share from a known two-class mixture', () => {
    // 30% matches. Names: exact/typo/different with m = .8/.15/.05 and u = .02/.08/.9; gender m = .95, u = .5.
    const rng = new Random(7);
    const draw = (levels: string[], probs: number[]): string => {
      let x = rng.next();
      for (let i = 0; i < levels.length; i++) if ((x -= probs[i]!) < 0) return levels[i]!;
      return levels[levels.length - 1]!;
    };
    const vectors: ComparisonVector[] = [];
    for (let i = 0; i < 20000; i++) {
      const match = rng.chance(0.3);
      vectors.push({
        fullName: draw(['exact', 'typo', 'different'], match ? [0.8, 0.15, 0.05] : [0.02, 0.08, 0.9]),
        gender: draw(['agree', 'disagree'], match ? [0.95, 0.05] : [0.5, 0.5]),
        birthDate: draw(['exact', 'different'], match ? [0.9, 0.1] : [0.05, 0.95]),
      });
    }
    const fit = emFit(vectors, { fixU: false, lambda: 0.5, maxIterations: 500 });
    expect(fit.lambda).toBeCloseTo(0.3, 1);
    expect(fit.parameters.fullName['exact']!.m).toBeCloseTo(0.8, 1);
    expect(fit.parameters.fullName['exact']!.u).toBeCloseTo(0.02, 1);
    expect(fit.parameters.fullName['different']!.u).toBeCloseTo(0.9, 1);
    expect(fit.parameters.gender['agree']!.m).toBeCloseTo(0.95, 1);
    expect(fit.parameters.birthDate['exact']!.m).toBeCloseTo(0.9, 1);
  });

  it('learns sensible parameters from an unlabelled sample', () => {
    const sample = generateSample({ citizens: 5000, records: 2000, seed: 5 });
    const ref = buildReference(sample.citizens);
    const est = estimateParameters(ref, sample.records, { uSamples: 20000 });
    expect(est.pairs).toBeGreaterThan(0);
    // Matches agree on birth date far more often than random pairs do.
    expect(est.parameters.birthDate['exact']!.m).toBeGreaterThan(0.5);
    expect(est.parameters.birthDate['exact']!.u).toBeLessThan(0.001);
    expect(est.parameters.gender['agree']!.u).toBeGreaterThan(0.4);
    expect(est.parameters.gender['agree']!.u).toBeLessThan(0.6);
  });

  it('is deterministic', () => {
    const sample = generateSample({ citizens: 1000, records: 300, seed: 2 });
    const ref = buildReference(sample.citizens);
    expect(estimateParameters(ref, sample.records, { uSamples: 2000 })).toEqual(estimateParameters(ref, sample.records, { uSamples: 2000 }));
  });
});
