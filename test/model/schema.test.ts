import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCitizenRow, parseSectorRow } from '../../src/model/schema.js';

describe('problems on a column without a name', () => {
  it('names a nested value under an empty header "(unnamed column)", not ""', () => {
    const r = parseSectorRow({ '': [{}], fullName: 'Nguyễn Văn An' }, 1);
    expect(r.problems.map((p) => [p.field, p.code])).toEqual([['(unnamed column)', 'invalid_cell']]);
  });

  it('does the same for a blank header and for reference rows', () => {
    expect(parseSectorRow({ '  ': { a: 1 } }, 2).problems.map((p) => p.field)).toEqual(['(unnamed column)']);
    expect(parseCitizenRow({ id: '001089012345', '': { a: 1 } }).problems.map((p) => p.field)).toContain('(unnamed column)');
  });

  it('keeps named fields as they are', () => {
    expect(parseSectorRow({ 'Ghi chú': { a: 1 } }, 1).problems.map((p) => p.field)).toEqual(['Ghi chú']);
    expect(parseSectorRow({ birthDate: '31/02/1990' }, 1).problems.map((p) => p.field)).toEqual(['birthDate']);
  });

  it('never reports a problem with an empty field name (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('', ' ', '\t', 'fullName', 'birthDate', 'x'), fc.anything()), (row) => {
        for (const p of parseSectorRow(row, 1).problems) expect(p.field.trim()).not.toBe('');
        for (const p of parseCitizenRow(row).problems) expect(p.field.trim()).not.toBe('');
      }),
    );
  });
});
