/**
 * A built reference index as plain data (typed arrays, a few long strings, small arrays), so one index can
 * be handed to worker threads instead of each reading and indexing the reference file again. With
 * `shared: true` the typed arrays live in SharedArrayBuffers: posting the snapshot to a worker copies the
 * strings but not the tables, and every worker reads the same memory (the index is never mutated).
 */
import type { IdScheme } from '../normalise/id.js';
import { Interner } from './interner.js';
import { KeyIndex, type KeyIndexData } from './keyIndex.js';
import { packedColumns, ReferenceIndex, type ReferenceColumns, type ReferenceProblem } from './referenceIndex.js';
import { packStrings, unpackStrings, type PackedStrings } from './packedStrings.js';
import { copyTable } from './sharedTables.js';

/** The index's typed-array columns, carried as they are (shared or not). */
type TableColumns = 'nameIds' | 'birth' | 'gender' | 'status' | 'death' | 'updated' | 'province' | 'commune' | 'formerStart';

/** What {@link snapshotReference} returns and {@link restoreReference} takes. */
export interface ReferenceSnapshot extends Pick<ReferenceColumns, TableColumns> {
  readonly format: typeof FORMAT;
  readonly rowsRead: number;
  readonly idScheme: IdScheme;
  readonly problems: readonly ReferenceProblem[];
  readonly provinces: readonly (string | undefined)[];
  readonly communes: readonly (string | undefined)[];
  readonly ids: PackedStrings;
  /** Distinct names; with `nameIds`, the `fullNames` column is rebuilt from these. */
  readonly names: PackedStrings;
  readonly addresses: PackedStrings;
  readonly formerIds: PackedStrings;
  readonly byId: KeyIndexData;
  readonly byFormerId: KeyIndexData;
  /** Structures derived on first use (name table, blocking indexes) that had been built when the snapshot was taken. */
  readonly derived: readonly (readonly [string, unknown])[];
}

const FORMAT = 'doisoat-reference/1';

/** The typed arrays an index is made of (what snapshots share and caches store). */
export type TypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

function sharedCopy<T extends TypedArray>(a: T): T {
  // Already in shared memory (e.g. loaded so from a cache): nothing to copy.
  return a.buffer instanceof SharedArrayBuffer ? a : copyTable(a, a.length, true);
}

/**
 * A derived structure with every typed array replaced by a shared copy. Plain objects, arrays and Maps are
 * walked; strings, numbers and booleans kept; anything else (a function, a class instance) cannot travel to
 * a worker intact, so it is refused here rather than failing later inside `postMessage`.
 */
function shareDeep(value: unknown, name: string): unknown {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return sharedCopy(value as TypedArray);
  if (Array.isArray(value)) return value.map((v) => shareDeep(v, name));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, shareDeep(v, name)] as const));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shareDeep(v, name);
    return out;
  }
  throw new TypeError(`derived structure "${name}" holds a value a snapshot cannot carry`);
}

/**
 * A reference index as plain data that survives `postMessage` (structured clone). With `shared: true` (and
 * where `SharedArrayBuffer` exists) its tables are in shared memory, so workers receiving it do not copy
 * them. Derived structures already built (call `prepareFuzzyIndexes` first) travel with it.
 *
 * @example
 * const snap = snapshotReference(reference, { shared: true });
 * worker.postMessage(snap); // in the worker: restoreReference(snap)
 */
export function snapshotReference(reference: ReferenceIndex, options: { readonly shared?: boolean } = {}): ReferenceSnapshot {
  const share = options.shared === true && typeof SharedArrayBuffer === 'function';
  const t = <T extends TypedArray>(a: T): T => (share ? sharedCopy(a) : a);
  const c = reference.columns;
  const { byId, byFormerId, derived, packed } = reference.internals();
  // The offsets in shared memory too: only the texts are copied to each worker.
  const column = (p: PackedStrings): PackedStrings => ({ ...p, ends: t(p.ends) });
  const keyData = (k: KeyIndex): KeyIndexData => {
    const d = k.toData();
    return { keys: t(d.keys), values: t(d.values), filter: t(d.filter), used: d.used, ...(d.lengths === undefined ? {} : { lengths: d.lengths }), other: d.other };
  };
  return {
    format: FORMAT,
    rowsRead: reference.rowsRead,
    idScheme: reference.idScheme,
    problems: reference.problems,
    provinces: reference.units.province.values,
    communes: reference.units.commune.values,
    ids: column(packed.ids),
    names: column(packStrings(c.names)),
    nameIds: t(c.nameIds),
    addresses: column(packed.addresses),
    formerIds: column(packStrings(c.formerIds)),
    birth: t(c.birth),
    gender: t(c.gender),
    status: t(c.status),
    death: t(c.death),
    updated: t(c.updated),
    province: t(c.province),
    commune: t(c.commune),
    formerStart: t(c.formerStart),
    byId: keyData(byId),
    byFormerId: keyData(byFormerId),
    derived: [...derived].map(([k, v]) => [k, share ? shareDeep(v, k) : v] as const),
  };
}

/**
 * The reference index a {@link snapshotReference} snapshot holds: the same lookups, columns and derived
 * structures, without reading or indexing anything again. Takes only snapshots made by this version of
 * doisoat (it checks the shape, not the contents: do not feed it data from elsewhere).
 *
 * @example
 * restoreReference(snapshotReference(reference)).findById('001089012345') //=> 0
 */
export function restoreReference(snapshot: ReferenceSnapshot): ReferenceIndex {
  const s = snapshot as Partial<ReferenceSnapshot> | null;
  if (s === null || typeof s !== 'object' || s.format !== FORMAT) throw new TypeError(`not a reference snapshot of format ${FORMAT}`);
  const n = snapshot.ids.length;
  const columns = [snapshot.nameIds, snapshot.birth, snapshot.gender, snapshot.status, snapshot.death, snapshot.updated, snapshot.province, snapshot.commune];
  if ( snapshot.addresses.length !== n || snapshot.formerStart.length !== n + 1 || columns.some((col) => col.length !== n)) {
    throw new TypeError('reference snapshot columns have different lengths');
  }
  if (snapshot.formerStart[n] !== snapshot.formerIds.length) throw new TypeError('reference snapshot former IDs do not match their offsets');
  for (const k of [snapshot.byId, snapshot.byFormerId]) {
    const cap = k.keys.length;
    if (cap === 0 || (cap & (cap - 1)) !== 0 || k.values.length !== cap || k.filter.length !== cap >>> 2) throw new TypeError('reference snapshot ID table is malformed');
  }
  const names = unpackStrings(snapshot.names) as string[];
  const fullNames = new Array<string | undefined>(n);
  for (let i = 0; i < n; i++) {
    const code = snapshot.nameIds[i]!;
    if (code >= names.length || code < -1) throw new TypeError('reference snapshot name codes are out of range');
    fullNames[i] = code < 0 ? undefined : names[code];
  }
  const packed = { ids: snapshot.ids, addresses: snapshot.addresses };
  return new ReferenceIndex({
    columns: packedColumns(packed, {
      fullNames,
      nameIds: snapshot.nameIds,
      names,
      birth: snapshot.birth,
      gender: snapshot.gender,
      status: snapshot.status,
      death: snapshot.death,
      updated: snapshot.updated,
      province: snapshot.province,
      commune: snapshot.commune,
      formerStart: snapshot.formerStart,
      formerIds: unpackStrings(snapshot.formerIds) as string[],
    }),
    problems: [...snapshot.problems],
    rowsRead: snapshot.rowsRead,
    idScheme: snapshot.idScheme,
    byId: KeyIndex.fromData(snapshot.byId),
    byFormerId: KeyIndex.fromData(snapshot.byFormerId),
    province: Interner.fromValues(snapshot.provinces),
    commune: Interner.fromValues(snapshot.communes),
    derived: snapshot.derived,
    packed,
  });
}
