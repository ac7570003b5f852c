/**
 * Tables of structures derived from an index that is about to be handed to worker threads are allocated
 * straight in shared memory, so `snapshotReference(…, { shared: true })` finds them shared and copies
 * nothing: at 1M citizens that copy of the fuzzy linker's tables took ~0.3 s while the other workers waited.
 */
import type { ReferenceIndex } from './referenceIndex.js';
import type { TypedArray } from './snapshot.js';

const sharing = new WeakSet<ReferenceIndex>();

/** A typed-array constructor (`Int32Array`, `Float64Array`, …). */
export interface TableConstructor<T extends TypedArray> {
  new (length: number): T;
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Where a builder gets its tables: {@link newTable} shared or not, or {@link tableFor} a reference. */
export type Allocate = <T extends TypedArray>(Ctor: TableConstructor<T>, length: number) => T;

/**
 * Makes the tables derived from `reference` from now on live in shared memory (where `SharedArrayBuffer`
 * exists). Internal: the worker that indexes the reference for the others calls it before building the
 * fuzzy linker's structures.
 */
export function allocateShared(reference: ReferenceIndex): void {
  if (typeof SharedArrayBuffer === 'function') sharing.add(reference);
}

/** A zeroed table of `length`, in shared memory when `shared` (and `SharedArrayBuffer` exists). */
export function newTable<T extends TypedArray>(Ctor: TableConstructor<T>, length: number, shared: boolean): T {
  return shared && typeof SharedArrayBuffer === 'function' ? new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT)) : new Ctor(length);
}

/** A zeroed table of `length` for a structure derived from `reference`, shared if {@link allocateShared} was called. */
export function tableFor<T extends TypedArray>(reference: ReferenceIndex, Ctor: TableConstructor<T>, length: number): T {
  return newTable(Ctor, length, sharing.has(reference));
}

/** The first `length` values of a working table `a`, as a table for `reference` (see {@link tableFor}). */
export function trimmedFor<T extends TypedArray>(reference: ReferenceIndex, a: T, length: number): T {
  return copyTable(a, length, sharing.has(reference));
}

/** A copy of the first `length` values of `a`, in shared memory when `shared` (see {@link newTable}). */
export function copyTable<T extends TypedArray>(a: T, length: number, shared: boolean): T {
  if (!shared) return a.slice(0, length) as T;
  const out = newTable(a.constructor as TableConstructor<T>, length, true);
  out.set(a.subarray(0, length) as never);
  return out;
}
