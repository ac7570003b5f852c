// A built or restored index keeps its ID and address columns packed: linking reads single values (idAt,
// addressAt) instead of unpacking a million small strings. Counted by wrapping unpackStrings.
import { describe, expect, it, vi } from 'vitest';

const unpacked: import('../../src/reference/packedStrings.js').PackedStrings[] = [];
vi.mock('../../src/reference/packedStrings.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/reference/packedStrings.js')>();
  return {
    ...original,
    unpackStrings: (p: Parameters<typeof original.unpackStrings>[0]) => {
      unpacked.push(p);
      return original.unpackStrings(p);
    },
  };
});

const { buildReference, generateSample, prepareFuzzyIndexes, reconcile, restoreReference, snapshotReference } = await import('../../src/index.js');

describe('a built or restored reference index', () => {
  it('links, classifies, snapshots again and builds the address table without unpacking IDs or addresses', () => {
    const sample = generateSample({ citizens: 2000, records: 800, seed: 7 });
    const rows = sample.citizens.map((c, i) => (i % 3 === 0 ? { ...c, address: `Số ${i} Hàng Bạc` } : c));
    unpacked.length = 0;
    const built = buildReference(rows);
    prepareFuzzyIndexes(built);
    // A built index's columns are packed as they are read: a snapshot carries their texts as they are (the
    // offsets go in shared memory).
    const snap = snapshotReference(built, { shared: true });
    expect(snapshotReference(built).ids.texts).toBe(snap.ids.texts);
    expect(snap.ids.ends.buffer).toBeInstanceOf(SharedArrayBuffer);
    const records = sample.records.map((r, i) => (i % 2 === 0 ? { ...r, address: `Số ${i} Hàng Bạc` } : r));
    const restored = restoreReference(snap);
    const expected = reconcile(built, records, { asOf: '2026-01-01' });
    expect(reconcile(restored, records, { asOf: '2026-01-01' })).toEqual(expected);
    // Warming the linked citizens' columns ahead of classifying (what a worker does per group of records)
    // reads the packed columns in place too (the unpack counts below include these calls), and skips
    // unlinked positions.
    const positions = [0, -1, restored.size - 1, 5];
    expect(typeof restored.warm(positions)).toBe('number');
    expect(restored.warm([-1])).toBe(0);
    expect(typeof built.warm(positions)).toBe('number');
    expect(typeof restored.warmId(restored.idAt(5))).toBe('number');
    const again = snapshotReference(restored, { shared: true });
    expect(again.ids.texts).toBe(snap.ids.texts);
    expect(again.addresses.texts).toBe(snap.addresses.texts);
    const unpackedTexts = unpacked.map((p) => p.texts);
    expect(unpackedTexts).not.toContain(snap.ids.texts);
    expect(unpackedTexts).not.toContain(snap.addresses.texts);
    // Asked for whole, a column is unpacked, once per index.
    expect(built.columns.ids).toEqual(rows.map((r) => r.id));
    expect(restored.columns.ids).toEqual(built.columns.ids);
    expect(restored.columns.ids).toBe(restored.columns.ids);
    expect(unpacked.filter((p) => p.texts === snap.ids.texts)).toHaveLength(2);
    expect(restored.columns.addresses).toEqual(rows.map((r) => r.address));
  });
});
