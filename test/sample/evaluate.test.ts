import { describe, expect, it } from 'vitest';
import { evaluateLinks, formatEvaluation, runEvaluation, type RecordResult, type SampleTruth } from '../../src/index.js';

const result = (key: string, status: RecordResult['status'], citizenId?: string, linkedBy?: RecordResult['linkedBy']): RecordResult =>
  ({ key, row: 1, status, diffs: [], reasons: [], problems: [], missingFields: [], duplicate: false, ...(citizenId ? { citizenId } : {}), ...(linkedBy ? { linkedBy } : {}) }) as RecordResult;
const truth = (key: string, citizenId: string, status: SampleTruth['status'], path: SampleTruth['path'], kind: SampleTruth['kind'] = 'no-id'): SampleTruth => ({ key, kind, citizenId, status, reasons: [], path });

describe('evaluateLinks', () => {
  it('computes precision, recall and F1 overall and on the fuzzy subset', () => {
    const report = evaluateLinks(
      [result('a', 'matched', '1', 'id'), result('b', 'matched', '2', 'fuzzy'), result('c', 'matched', '9', 'fuzzy'), result('d', 'missing')],
      [truth('a', '1', 'matched', 'id', 'exact'), truth('b', '2', 'matched', 'fuzzy'), truth('c', '3', 'matched', 'fuzzy'), truth('d', '4', 'matched', 'fuzzy')],
    );
    expect(report.overall).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2 });
    expect(report.fuzzy).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 2, precision: 0.5 });
    expect(report.fuzzy.recall).toBeCloseTo(1 / 3, 9);
    expect(report.confusion.matched.missing).toBe(1);
    expect(report.kinds['no-id']).toEqual({ count: 3, statusCorrect: 2, linkCorrect: 1 });
    expect(report.missedFuzzy).toEqual({ 'wrong citizen': 1, 'no-candidate': 1 });
  });

  it('counts leaving a nobody-to-find record unlinked as correct', () => {
    const report = evaluateLinks([result('x', 'missing')], [truth('x', '', 'missing', 'none', 'not-in-reference')]);
    expect(report.overall).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(report.kinds['not-in-reference']?.linkCorrect).toBe(1);
  });

  it('formats a report without personal data', () => {
    const report = runEvaluation({ citizens: 3000, records: 1500, seed: 4 });
    const text = formatEvaluation(report);
    expect(text).toMatch(/^Records: 1500/);
    expect(text).toContain('Blocking:');
    expect(text).not.toMatch(/\d{12}/);
    expect(report.fuzzy.precision).toBeGreaterThanOrEqual(0.99);
    expect(report.fuzzy.recall).toBeGreaterThan(0.9);
  });
});
