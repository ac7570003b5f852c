import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildReference,
  generateSample,
  packStrings,
  packedStringAt,
  prepareFuzzyIndexes,
  reconcile,
  restoreReference,
  snapshotReference,
  unpackStrings,
  type ReferenceIndex,
} from '../../src/index.js';
import { allocateShared } from '../../src/reference/sharedTables.js';
import { compactAscii, PackedStringsBuilder, PackedStringsCursor } from '../../src/reference/packedStrings.js';
import { serialize } from 'node:v8';

const rows = [
  { id: '001089012345', formerIds: '012345678; 001089000001', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam', provinceCode: '1', communeCode: '00004', address: 'Số 1 Hàng Bạc' },
  { id: '001 089 012 345', fullName: 'duplicate of the first' },
  { id: '079190004567', fullName: 'Trần Thị Bình', birthDate: '1990', status: 'Đã chết', deathDate: '01/02/2024' },
  { fullName: 'no ID' },
  { id: '001089012346', formerIds: '111111111' },
  { id: '001089012347', formerIds: '111111111, 001089012345', updatedAt: '2024-03-01' },
];

function sameIndex(a: ReferenceIndex, b: ReferenceIndex): void {
  expect(b.size).toBe(a.size);
  expect(b.rowsRead).toBe(a.rowsRead);
  expect(b.idScheme).toBe(a.idScheme);
  expect(b.problems).toEqual(a.problems);
  expect(b.units.province.values).toEqual(a.units.province.values);
  expect(b.units.commune.values).toEqual(a.units.commune.values);
  for (let i = 0; i < a.size; i++) {
    expect(b.citizen(i)).toEqual(a.citizen(i));
    const id = a.columns.ids[i]!;
    expect(b.findById(id)).toBe(i);
    expect(b.findOneEditAway(id)).toEqual(a.findOneEditAway(id));
  }
  for (const f of a.columns.formerIds) expect(b.findByFormerId(f)).toBe(a.findByFormerId(f));
  expect(b.findById('999999999999')).toBe(-1);
}

describe('reference snapshots', () => {
  it('restore an index with the same citizens, lookups, problems and units', () => {
    const ref = buildReference(rows);
    sameIndex(ref, restoreReference(snapshotReference(ref)));
  });

  it('survive structured cloning with their tables in shared memory', () => {
    const ref = buildReference(rows);
    const snap = snapshotReference(ref, { shared: true });
    expect(snap.birth.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(snap.byId.keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    const cloned = structuredClone(snap);
    // Shared tables are not copied by a clone: a write through one is seen through the other.
    const kept = snap.birth[0]!;
    cloned.birth[0] = 12345678;
    expect(snap.birth[0]).toBe(12345678);
    cloned.birth[0] = kept;
    sameIndex(ref, restoreReference(cloned));
  });

  it('take the tables of an index built in shared memory as they are, grown or rebuilt on the way', () => {
    const sample = generateSample({ citizens: 3000, records: 10, seed: 11 });
    for (const input of [rows, sample.citizens]) {
      // The ID tables grow past their first 1024 slots, and an ambiguous former ID rebuilds the former-ID table.
      const plain = buildReference(input);
      const built = buildReference(input, { shared: true });
      sameIndex(plain, built);
      const { byId, byFormerId } = built.internals();
      for (const table of [built.columns.birth, built.columns.gender, built.columns.formerStart, byId.toData().keys, byFormerId.toData().filter]) {
        expect(table.buffer).toBeInstanceOf(SharedArrayBuffer);
      }
      const snap = snapshotReference(built, { shared: true });
      expect(snap.birth).toBe(built.columns.birth);
      expect(snap.status).toBe(built.columns.status);
      expect(snap.byId.keys).toBe(byId.toData().keys);
      expect(snap.byFormerId.values).toBe(byFormerId.toData().values);
      sameIndex(plain, restoreReference(structuredClone(snap)));
    }
  });

  it('carry the fuzzy linker\'s structures, and reconcile exactly as the original index', () => {
    const sample = generateSample({ citizens: 3000, records: 1500, seed: 7 });
    const ref = buildReference(sample.citizens);
    prepareFuzzyIndexes(ref);
    const snap = structuredClone(snapshotReference(ref, { shared: true }));
    expect(snap.derived.map(([k]) => k).sort()).toEqual(expect.arrayContaining(['fuzzy:names', 'fuzzy:block:birthDate+surnameOrGiven']));
    const restored = restoreReference(snap);
    // The structures arrive built and in shared memory, not rebuilt by the restored index.
    const names = restored.internals().derived.get('fuzzy:names') as { rows: Int32Array };
    expect(names.rows.buffer).toBeInstanceOf(SharedArrayBuffer);
    const before = reconcile(ref, sample.records, { asOf: '2026-01-01' });
    const after = reconcile(restored, sample.records, { asOf: '2026-01-01' });
    expect(after.results).toEqual(before.results);
    expect(after.stats).toEqual(before.stats);
  });

  it('take the fuzzy linker\'s tables as they are when they were built in shared memory (allocateShared)', () => {
    const sample = generateSample({ citizens: 2000, records: 800, seed: 5 });
    const plain = buildReference(sample.citizens);
    prepareFuzzyIndexes(plain);
    const ref = buildReference(sample.citizens);
    allocateShared(ref);
    prepareFuzzyIndexes(ref);
    const snap = snapshotReference(ref, { shared: true });
    const carried = new Map(snap.derived);
    // Every typed array of every structure is in shared memory, and the snapshot holds the very table the
    // index built (not a copy).
    const tables = (v: unknown, path: string, out: [string, ArrayBufferView][]): [string, ArrayBufferView][] => {
      if (ArrayBuffer.isView(v)) out.push([path, v]);
      else if (v instanceof Map) for (const [k, x] of v) tables(x, `${path}.${String(k)}`, out);
      else if (Array.isArray(v)) v.forEach((x, k) => tables(x, `${path}[${k}]`, out));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) tables(x, `${path}.${k}`, out);
      return out;
    };
    let count = 0;
    for (const [key, built] of ref.internals().derived) {
      const mine = tables(built, key, []);
      const theirs = tables(carried.get(key), key, []);
      expect(theirs.map(([p]) => p)).toEqual(mine.map(([p]) => p));
      mine.forEach(([p, a], k) => {
        expect(a.buffer, p).toBeInstanceOf(SharedArrayBuffer);
        expect(theirs[k]![1], p).toBe(a);
        count++;
      });
    }
    expect(count).toBeGreaterThan(10);
    // The same structures, values for values, as built in ordinary memory.
    for (const [key, value] of plain.internals().derived) expect(ref.internals().derived.get(key)).toEqual(value);
    const before = reconcile(plain, sample.records, { asOf: '2026-01-01' });
    const after = reconcile(restoreReference(structuredClone(snap)), sample.records, { asOf: '2026-01-01' });
    expect(after.results).toEqual(before.results);
  });

  it('carry the address table built for records with addresses, and reconcile exactly as the original index', () => {
    const sample = generateSample({ citizens: 2000, records: 800, seed: 11 });
    const addressOf = new Map(sample.citizens.map((c) => [c.id, c.address]));
    const records = sample.records.map((r, k) => ({ ...r, citizenId: k % 2 === 0 ? '' : r.citizenId, address: addressOf.get(sample.truth[k]!.citizenId) ?? 'Thôn 9' }));
    const ref = buildReference(sample.citizens);
    const before = reconcile(ref, records, { asOf: '2026-01-01' });
    const snap = structuredClone(snapshotReference(ref, { shared: true }));
    expect(snap.derived.map(([k]) => k)).toContain('fuzzy:addresses');
    const after = reconcile(restoreReference(snap), records, { asOf: '2026-01-01' });
    expect(after.results).toEqual(before.results);
    expect(before.results.some((r) => r.candidates?.[0]?.evidence?.some((e) => e.field === 'address') || r.evidence?.some((e) => e.field === 'address'))).toBe(true);
  });

  it('reject what is not a snapshot, or one whose parts disagree', () => {
    expect(() => restoreReference({} as never)).toThrow(/not a reference snapshot/);
    const snap = snapshotReference(buildReference(rows));
    expect(() => restoreReference({ ...snap, birth: new Int32Array(1) })).toThrow(/different lengths/);
    expect(() => restoreReference({ ...snap, formerIds: packStrings([]) })).toThrow(/former IDs/);
    expect(() => restoreReference({ ...snap, byId: { ...snap.byId, keys: new Float64Array(3) } })).toThrow(/ID table/);
    // A filter of another layout (an older version's) would silently miss typo links.
    expect(() => restoreReference({ ...snap, byId: { ...snap.byId, filter: new Int32Array(snap.byId.filter.length / 2) } })).toThrow(/ID table/);
    expect(() => restoreReference({ ...snap, nameIds: snap.nameIds.map(() => 99) })).toThrow(/name codes/);
  });

  it('give a restored index that cannot write into the tables it shares', () => {
    const restored = restoreReference(snapshotReference(buildReference(rows), { shared: true }));
    expect(() => restored.internals().byId.setIfAbsent('001089099999', 9)).toThrow(/cannot be changed/);
  });

  it('refuse a derived structure that could not reach a worker intact', () => {
    const ref = buildReference(rows);
    ref.memo('custom', () => ({ score: () => 1 }));
    expect(() => snapshotReference(ref, { shared: true })).toThrow(/"custom"/);
  });

  it('pack and unpack any string column, whatever the chunk size (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined })), fc.integer({ min: 1, max: 40 }), (values, chunk) => {
        const packed = packStrings(values, chunk);
        expect(unpackStrings(packed)).toEqual(values);
        expect(values.map((_, i) => packedStringAt(packed, i))).toEqual(values);
        for (const i of [-1, values.length, 0.5, Number.NaN]) expect(packedStringAt(packed, i)).toBeUndefined();
        for (const t of packed.texts.slice(0, -1)) expect(t.length).toBeLessThanOrEqual(Math.max(chunk, ...values.map((v) => v?.length ?? 0)));
      }),
      { numRuns: 300 },
    );
  });

  it('pack a column as it is appended to exactly as packStrings does, and read it back in order (property)', () => {
    const check = (values: readonly (string | undefined)[], chunk?: number): void => {
      const builder = new PackedStringsBuilder(4, chunk);
      for (const v of values) builder.push(v);
      const packed = builder.finish();
      expect(packed).toEqual(packStrings(values, chunk));
      const cursor = new PackedStringsCursor(packed);
      expect(values.map(() => cursor.next())).toEqual(values);
      expect(cursor.next()).toBeUndefined();
    };
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined })), fc.integer({ min: 1, max: 40 }), (values, chunk) => check(values, chunk)),
      { numRuns: 300 },
    );
    // Past a block of 4096 values, in one chunk and across chunks, with absent values here and there.
    const many = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 3 ? undefined : `0010890${String(i).padStart(5, '0')}`));
    check(many);
    check(many, 5000);
    check([]);
  });

  it('pack an all-ASCII column one byte per character, even from values cut out of a two-byte text', () => {
    // Bytes per character V8 serialises a long string with (plus a few of header): 1 one-byte, 2 two-byte.
    const perChar = (x: string): number => Math.round(serialize(x).length / x.length);
    const row = (i: number): string => `Nguyễn Văn An,0010890${String(i).padStart(5, '0')},Hà Nội\n`;
    const text = Array.from({ length: 9000 }, (_, i) => row(i)).join('');
    const ids = Array.from({ length: 9000 }, (_, i) => text.slice(i * row(0).length + 14, i * row(0).length + 26));
    expect(perChar(ids.join(''))).toBe(2);
    const builder = new PackedStringsBuilder();
    for (const id of ids) builder.push(id);
    const packed = builder.finish();
    expect(packed.texts.map(perChar)).toEqual([1]);
    expect(packStrings(ids).texts.map(perChar)).toEqual([1]);
    expect(unpackStrings(packed)).toEqual(ids);
    // A value that is not ASCII keeps its text as it was, and any string comes back equal (property).
    expect(compactAscii('Hà Nội')).toBe('Hà Nội');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (x) => compactAscii(x) === x));
  });

  it('unpack the ID and address columns of a restored index only when something asks for one whole', () => {
    const ref = buildReference(rows);
    const restored = restoreReference(snapshotReference(ref, { shared: true }));
    // Lookups, citizens and single values read the packed columns.
    for (let i = 0; i < ref.size; i++) {
      expect(restored.idAt(i)).toBe(ref.columns.ids[i]);
      expect(restored.addressAt(i)).toBe(ref.columns.addresses[i]);
    }
    for (const key of ['ids', 'addresses'] as const) expect(Object.getOwnPropertyDescriptor(restored.columns, key)?.get, key).toBeTypeOf('function');
    // A snapshot of the restored index, and the index restored from it, do not unpack them either.
    const again = restoreReference(snapshotReference(restored, { shared: true }));
    for (const key of ['ids', 'addresses'] as const) expect(Object.getOwnPropertyDescriptor(restored.columns, key)?.get, key).toBeTypeOf('function');
    expect(again.citizen(0)).toEqual(ref.citizen(0));
    expect(again.idAt(-1)).toBeUndefined();
    // Asked for whole, each is unpacked once.
    expect(restored.columns.ids).toEqual(ref.columns.ids);
    expect(restored.columns.ids).toBe(restored.columns.ids);
    expect(restored.columns.addresses).toEqual(ref.columns.addresses);
  });
});
