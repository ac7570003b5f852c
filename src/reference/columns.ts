import { copyTable, newTable } from './sharedTables.js';

/** The first `length` values of `a` in shared memory: `a` itself (or a view of it) when it is shared and mostly used. */
function sharedTrimmed<T extends Int32Array | Uint8Array>(a: T, length: number): T {
  if (typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer && length * 4 >= a.length * 3) return (length === a.length ? a : a.subarray(0, length)) as T;
  return copyTable(a, length, true);
}

/** A typed-array column that grows by doubling, for rows whose count is not known in advance. */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;
  /** `shared`: the column in shared memory from the start, so that {@link trimmedIn} need not copy it. */
  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.data = newTable(Int32Array, capacity, shared);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = newTable(Int32Array, Math.max(16, this.data.length * 2), this.shared);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** A right-sized copy. */
  trimmed(): Int32Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }
  /**
   * {@link trimmed}, in shared memory when `shared` (see `BuildReferenceOptions.shared`): a view of the
   * column itself when it is shared and at most a quarter of it unused (a million-row copy took ~10 ms on
   * the path every worker waits on), else a copy. The column must not be pushed to afterwards.
   */
  trimmedIn(shared: boolean): Int32Array {
    return shared ? sharedTrimmed(this.data, this.length) : this.trimmed();
  }
}

/** Uint8 variant of {@link GrowableInt32}. */
export class GrowableUint8 {
  data: Uint8Array;
  length = 0;
  /** `shared`: the column in shared memory from the start, so that {@link trimmedIn} need not copy it. */
  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.data = newTable(Uint8Array, capacity, shared);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = newTable(Uint8Array, Math.max(16, this.data.length * 2), this.shared);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trimmed(): Uint8Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }
  trimmedIn(shared: boolean): Uint8Array {
    return shared ? sharedTrimmed(this.data, this.length) : this.trimmed();
  }
}

