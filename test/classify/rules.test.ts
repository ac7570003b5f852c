import { describe, expect, it } from 'vitest';
import { applyRules, statusFromReasons, type RuleFinding, type SectorRule } from '../../src/classify/rules.js';
import type { ReasonCode } from '../../src/model/reasons.js';
import type { RecordResult, SectorRecord, Status } from '../../src/model/types.js';

const result = (status: Status, reasons: ReasonCode[]): RecordResult => ({
  key: 'KT-13',
  row: 1,
  status,
  citizenId: '048050001111',
  diffs: [],
  reasons,
  problems: [],
  missingFields: [],
  duplicate: false,
});
const rule = (finding: RuleFinding): SectorRule => ({ name: 'test', description: 'test rule', check: () => finding });
const apply = (r: RecordResult, ...rules: SectorRule[]) => applyRules({ record: {} as SectorRecord, result: r }, rules).result;
const expectDeath = rule({ reasons: [], clears: ['citizen-deceased'] });

describe('statusFromReasons', () => {
  it('follows the classification: deceased first, then differences, then stale reasons', () => {
    expect(statusFromReasons([])).toBe('matched');
    expect(statusFromReasons(['duplicate-record', 'invalid-row'])).toBe('matched');
    expect(statusFromReasons(['superseded-id'])).toBe('stale');
    expect(statusFromReasons(['superseded-id', 'name-differs'])).toBe('mismatched');
    expect(statusFromReasons(['citizen-deceased', 'name-differs'])).toBe('stale');
  });
});

describe('applyRules', () => {
  it('never makes a status less serious without clears', () => {
    expect(apply(result('stale', ['citizen-deceased']), rule({ reasons: ['payment-review'], status: 'mismatched' }))).toMatchObject({
      status: 'stale',
      reasons: ['citizen-deceased', 'payment-review'],
    });
  });

  it('clears an expected reason and recomputes the status from what remains', () => {
    expect(apply(result('stale', ['citizen-deceased']), expectDeath)).toMatchObject({ status: 'matched', reasons: [] });
    expect(apply(result('stale', ['citizen-deceased', 'name-differs']), expectDeath)).toMatchObject({ status: 'mismatched', reasons: ['name-differs'] });
    expect(apply(result('stale', ['citizen-deceased', 'superseded-id', 'duplicate-record']), expectDeath)).toMatchObject({
      status: 'stale',
      reasons: ['superseded-id', 'duplicate-record'],
    });
  });

  it('keeps the status of an earlier finding whose reason remains', () => {
    const expired = rule({ reasons: ['card-expired'], status: 'stale' });
    const review = rule({ reasons: ['payment-review'], status: 'stale' });
    expect(apply(result('stale', ['citizen-deceased']), review, expectDeath)).toMatchObject({ status: 'stale', reasons: ['payment-review'] });
    expect(apply(result('stale', ['citizen-deceased']), expired, expectDeath).status).toBe('stale');
    // A later finding that clears the earlier one's reason takes its status away too.
    expect(apply(result('stale', ['citizen-deceased']), review, rule({ reasons: [], clears: ['citizen-deceased', 'payment-review'] }))).toMatchObject({
      status: 'matched',
      reasons: [],
    });
  });

  it('leaves a missing record as it is and changes nothing when the cleared reason is absent', () => {
    expect(apply(result('missing', ['no-candidate', 'citizen-deceased']), expectDeath)).toMatchObject({ status: 'missing', reasons: ['no-candidate', 'citizen-deceased'] });
    expect(apply(result('mismatched', ['name-differs']), expectDeath)).toMatchObject({ status: 'mismatched', reasons: ['name-differs'] });
  });

  it('applies a finding\'s own reasons and status after its clears', () => {
    expect(apply(result('stale', ['citizen-deceased']), rule({ reasons: ['sector-field-invalid'], status: 'mismatched', clears: ['citizen-deceased'] }))).toMatchObject({
      status: 'mismatched',
      reasons: ['sector-field-invalid'],
    });
  });
});
