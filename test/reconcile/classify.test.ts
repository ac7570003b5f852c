import { describe, expect, it } from 'vitest';
import { check, expectStatus } from '../helpers/build.js';
import { buildReference, reconcileRecord, type RuleContext } from '../../src/index.js';

describe('ID linking and classification', () => {
  it('matches a record that agrees on every field', () => {
    const r = check({ citizenId: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam', provinceCode: '01' });
    expectStatus(r, 'matched');
    expect(r).toMatchObject({ citizenId: '001089012345', linkedBy: 'id', score: 1, duplicate: false });
  });

  it('treats case, spacing, NFD and tone-mark placement as agreement', () => {
    const nfd = 'TRẦN  THỊ HÒA'.normalize('NFD');
    expectStatus(check({ citizenId: '079190004567', fullName: nfd, birthDate: '1990-03-12', gender: 'nu' }), 'matched');
  });

  it('links a record whose ID lost its leading zero in a spreadsheet', () => {
    const r = check({ citizenId: 1089012345 + 0, fullName: 'Nguyễn Văn An' });
    // 10 digits cannot be restored safely (it may be a BHXH code); 11 digits can.
    expect(r.status).toBe('missing');
    const r11 = check({ citizenId: '79190004567', fullName: 'Trần Thị Hoà' });
    expectStatus(r11, 'matched');
  });

  it('reports lost diacritics as a mismatch of kind diacritics with the suggested correction', () => {
    const r = check({ citizenId: '001089012345', fullName: 'Nguyen Van An', birthDate: '05/07/1989' });
    expectStatus(r, 'mismatched', ['name-differs']);
    expect(r.diffs).toEqual([{ field: 'fullName', kind: 'diacritics', record: 'Nguyen Van An', reference: 'Nguyễn Văn An' }]);
  });

  it('names the kind of a birth-date difference', () => {
    const kindOf = (r: { diffs: readonly { field: string; kind: string }[] }) => r.diffs.find((d) => d.field === 'birthDate')?.kind;
    expect(kindOf(check({ citizenId: '079190004567', birthDate: '03/12/1990' }))).toBe('day-month-swapped');
    expect(kindOf(check({ citizenId: '087084000999', birthDate: '20/11/1985' }))).toBe('digit-typo');
    expectStatus(check({ citizenId: '087084000999', birthDate: '20/11/1985' }), 'mismatched', ['birth-date-differs']);
  });

  it('accepts a year-only birth date as compatible and reports it as less precise', () => {
    const r = check({ citizenId: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '00/00/1989' });
    expectStatus(r, 'matched');
    expect(r.diffs).toEqual([{ field: 'birthDate', kind: 'less-precise', record: '1989', reference: '05/07/1989' }]);
  });

  it('does not blame the record when only the reference date is partial', () => {
    const r = check({ citizenId: '048050001111', birthDate: '01/06/1950' }, { asOf: '2024-01-01' });
    expectStatus(r, 'matched');
  });

  it('shows an unreadable birth date with the reference value as the correction', () => {
    const r = check({ citizenId: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '31/02/1989' });
    expectStatus(r, 'mismatched', ['birth-date-differs', 'invalid-row']);
    expect(r.diffs).toEqual([{ field: 'birthDate', kind: 'invalid-in-record', record: '31/02/1989', reference: '05/07/1989' }]);
    expect(r.problems).toEqual([expect.objectContaining({ field: 'birthDate', code: 'impossible_date' })]);
    expect(JSON.stringify(r.problems)).not.toContain('1989');
  });

  it('reports a wrong gender', () => {
    expectStatus(check({ citizenId: '001089012345', gender: 'Nữ' }), 'mismatched', ['gender-differs']);
  });

  it('classifies the record of a deceased citizen as stale', () => {
    expectStatus(check({ citizenId: '048050001111', fullName: 'Lê Văn Bình' }), 'stale', ['citizen-deceased']);
  });

  it('keeps a record current when the death is registered after the as-of date', () => {
    expectStatus(check({ citizenId: '048050001111', fullName: 'Lê Văn Bình' }, { asOf: '2024-01-01' }), 'matched');
  });

  it('links an old CMND through the former IDs and calls the record stale', () => {
    const r = check({ citizenId: '025 123 456', fullName: 'Trần Thị Hoà' });
    expectStatus(r, 'stale', ['superseded-id']);
    expect(r).toMatchObject({ linkedBy: 'former-id', citizenId: '079190004567' });
    expect(r.diffs[0]).toEqual({ field: 'citizenId', kind: 'former-id', record: '025123456', reference: '079190004567' });
  });

  it('calls a difference stale when the reference changed after the record', () => {
    const r = check({ citizenId: '087084000999', fullName: 'Phạm Minh Đức', provinceCode: '82', updatedAt: '01/01/2024' });
    expectStatus(r, 'stale', ['reference-newer']);
    // The same difference on a record updated after the reference is the record's error.
    expectStatus(check({ citizenId: '087084000999', provinceCode: '82', updatedAt: '01/01/2026' }), 'mismatched', ['province-differs']);
  });

  it('never explains a typo by a newer reference', () => {
    const r = check({ citizenId: '087084000999', fullName: 'Pham Minh Duc', updatedAt: '01/01/2024' });
    expectStatus(r, 'mismatched', ['name-differs']);
  });

  it('flags an ID whose citizen has a completely different identity', () => {
    const r = check({ citizenId: '001089012345', fullName: 'Đỗ Thị Lan', birthDate: '01/01/1970' });
    expectStatus(r, 'mismatched', ['id-conflicts-with-identity']);
    expect(r.score).toBe(0);
  });

  it('says why a record could not be linked', () => {
    expectStatus(check({ citizenId: '001089099999', fullName: 'Ngô Văn Tư' }), 'missing', ['id-not-in-reference']);
    expectStatus(check({ citizenId: '7.91235E+10', fullName: 'Ngô Văn Tư' }), 'missing', ['invalid-id', 'invalid-row']);
    expectStatus(check({ fullName: 'Ngô Văn Tư' }), 'missing', ['no-identifying-fields']);
    expectStatus(check({}), 'missing', ['no-identifying-fields']);
  });

  it('notes when an unlinked ID contradicts the stated gender or birth year', () => {
    const r = check({ citizenId: '001189099999', gender: 'Nam', birthDate: '1989' });
    expectStatus(r, 'missing', ['id-not-in-reference', 'id-structure-inconsistent']);
  });

  it('keeps unknown columns and uses the record key', () => {
    const r = check({ key: 'BH-001', citizenId: '001089012345', 'Mã thẻ BHYT': 'HS4010120878811' });
    expect(r.key).toBe('BH-001');
  });

  it('lists the required fields a record lacks', () => {
    expect(check({ citizenId: '001089012345' }).missingFields).toEqual(['fullName', 'birthDate']);
  });

  it('uses the row number as key when the record has none', () => {
    expect(check({ citizenId: '001089012345' }, { row: 42 } as never).key).toBe('42');
  });
});

describe('the citizen an address is read for', () => {
  const withAddress = buildReference([{ id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', address: 'Thôn Đông, xã Phù Xuân' }]);
  const row = { citizenId: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', address: 'Số 1 Tràng Tiền' };

  it('leaves the address out only when asked', () => {
    expect(withAddress.citizen(0).address).toBe('Thôn Đông, xã Phù Xuân');
    expect(withAddress.citizen(0, { address: false }).address).toBeUndefined();
    expect(withAddress.citizen(0, { address: false }).fullName).toBe('Nguyễn Văn An');
  });

  it('still compares addresses when told to, and hands sector rules the whole citizen', () => {
    expect(reconcileRecord(withAddress, row).diffs).toEqual([]);
    expect(reconcileRecord(withAddress, row, { compare: ['address'] }).diffs).toEqual([{ field: 'address', kind: 'different', record: 'Số 1 Tràng Tiền', reference: 'Thôn Đông, xã Phù Xuân' }]);
    const seen: (string | undefined)[] = [];
    const rule = { name: 'sees-address', description: 'records the address it is given', check: (context: RuleContext) => void seen.push(context.citizen?.address) };
    reconcileRecord(withAddress, row, { rules: [rule] });
    expect(seen).toEqual(['Thôn Đông, xã Phù Xuân']);
  });
});
