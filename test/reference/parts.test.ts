import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { snapshotReference } from '../../src/index.js';
import { ReferenceBuilder } from '../../src/reference/buildReference.js';

// A small pool of IDs so that rows repeat IDs within and across parts, and former IDs collide with
// current IDs and with each other.
const ids = ['001089012345', '001089012346', '079190004567', '012345678', '111111111', '0010890123'];
const row = fc.record(
  {
    id: fc.oneof(fc.constantFrom(...ids), fc.constant(''), fc.constant('12ab')),
    formerIds: fc.array(fc.constantFrom(...ids), { maxLength: 3 }).map((f) => f.join('; ')),
    fullName: fc.constantFrom('Nguyễn Văn An', 'Trần Thị Bình', 'nguyễn văn an', 'Lê  Thị Thủy', ''),
    birthDate: fc.constantFrom('05/07/1989', '1990', '31/02/1990', ''),
    gender: fc.constantFrom('Nam', 'Nữ', 'x', ''),
    provinceCode: fc.constantFrom('1', '01', '79', ''),
    communeCode: fc.constantFrom('00004', '26734', ''),
    address: fc.constantFrom('Số 1 Hàng Bạc', ''),
    status: fc.constantFrom('Đã chết', 'Còn sống', ''),
  },
  { requiredKeys: ['id'] },
);

function whole(rows: readonly unknown[]) {
  const b = new ReferenceBuilder();
  for (const r of rows) b.add(r);
  return b.build();
}

/** Rows split at each cut, every part but the first built apart and cloned as if posted from a worker. */
function inParts(rows: readonly unknown[], cuts: readonly number[]) {
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), rows.length];
  const first = new ReferenceBuilder();
  for (const r of rows.slice(0, bounds[1])) first.add(r);
  for (let k = 1; k < bounds.length - 1; k++) {
    const b = ReferenceBuilder.forPart();
    for (const r of rows.slice(bounds[k], bounds[k + 1])) b.add(r);
    first.absorb(structuredClone(b.part()));
  }
  return first.build();
}

describe('a reference built in parts', () => {
  it('is the reference built in one go, for any rows and any cuts', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 40 }).chain((rows) => fc.tuple(fc.constant(rows), fc.array(fc.nat(rows.length), { maxLength: 3 }))),
        ([rows, cuts]) => {
          const a = whole(rows);
          const b = inParts(rows, cuts);
          // The snapshot holds every column, the ID tables as laid out, the units, problems and row count.
          expect(snapshotReference(b)).toEqual(snapshotReference(a));
          expect(b.problems).toEqual(a.problems);
          for (const id of ids) {
            expect(b.findById(id)).toBe(a.findById(id));
            expect(b.findByFormerId(id)).toBe(a.findByFormerId(id));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a citizen whose ID an earlier part holds as a duplicate, on its row', () => {
    const a = new ReferenceBuilder();
    a.add({ id: '001089012345', fullName: 'Nguyễn Văn An' });
    a.add({ fullName: 'no ID' });
    const b = ReferenceBuilder.forPart();
    b.add({ id: '079190004567', fullName: 'Trần Thị Bình', formerIds: '001089012345' });
    b.add({ id: '001089012345', fullName: 'Nguyễn Văn An' });
    a.absorb(b.part());
    const ref = a.build();
    expect(ref.size).toBe(2);
    expect(ref.rowsRead).toBe(4);
    expect(ref.problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'missing_id'],
      [3, 'former_id_is_current_id'],
      [4, 'duplicate_id'],
    ]);
    expect(ref.citizen(1)?.fullName).toBe('Trần Thị Bình');
  });

  it('cannot be added to once ended, and parts come from builders made for them', () => {
    expect(() => new ReferenceBuilder().part()).toThrow(/forPart/);
    const b = ReferenceBuilder.forPart();
    b.part();
    expect(() => b.add({ id: '001089012345' })).toThrow(/after build/);
    expect(() => b.part()).toThrow(/after build/);
    const c = new ReferenceBuilder();
    c.build();
    expect(() => c.absorb(ReferenceBuilder.forPart().part())).toThrow(/after build/);
    // Finished twice, a builder would hand out columns it already packed: it refuses.
    expect(() => c.build()).toThrow(/after build/);
    expect(() => b.build()).toThrow(/after build\(\) or part\(\)/);
  });
});
