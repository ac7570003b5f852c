import { expect } from 'vitest';
import { buildReference, reconcileRecord, type RecordResult, type ReasonCode, type ReconcileOptions, type Status } from '../../src/index.js';

/** A small reference with one citizen of each situation, used across behaviour tests. */
export const CITIZENS = [
  { id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam', provinceCode: '01', communeCode: '00004', status: 'Còn sống', updatedAt: '01/03/2023' },
  { id: '079190004567', formerIds: '025123456', fullName: 'Trần Thị Hoà', birthDate: '12/03/1990', gender: 'Nữ', provinceCode: '79', status: 'Còn sống', updatedAt: '2024-06-01' },
  { id: '048050001111', fullName: 'Lê Văn Bình', birthDate: '1950', gender: 'Nam', provinceCode: '48', status: 'Đã mất', deathDate: '10/10/2024' },
  { id: '087084000999', fullName: 'Phạm Minh Đức', birthDate: '20/11/1984', gender: 'Nam', provinceCode: '87', status: 'alive', updatedAt: '15/08/2025' },
  { id: '001301000777', fullName: 'Hoàng Thị Thu Hà', birthDate: '02/02/2001', gender: 'Nữ', provinceCode: '01', status: 'alive' },
];

export const reference = buildReference(CITIZENS);

/** Reconciles one record against the shared reference. */
export function check(record: Record<string, unknown>, options: ReconcileOptions = {}): RecordResult {
  return reconcileRecord(reference, record, { asOf: '2026-01-01', ...options });
}

/** Asserts a result's status and that it carries (at least) the given reasons. */
export function expectStatus(result: RecordResult, status: Status, reasons: readonly ReasonCode[] = []): void {
  expect({ status: result.status, reasons: reasons.filter((r) => result.reasons.includes(r)) }).toEqual({ status, reasons });
  if (status === 'matched') expect(result.diffs.filter((d) => d.kind !== 'missing-in-record' && d.kind !== 'less-precise')).toEqual([]);
}
