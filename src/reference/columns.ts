import { copyTable } from './sharedTables.js';

/** A typed-array column that grows by doubling, for rows whose count is not known in advance. */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** A right-sized copy. */
  trimmed(): Int32Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }
  /** {@link trimmed}, in shared memory when `shared` (see `BuildReferenceOptions.shared`). */
  trimmedIn(shared: boolean): Int32Array {
    return shared ? copyTable(this.data, this.length, true) : this.trimmed();
  }
}

/** Uint8 variant of {@link GrowableInt32}. */
export class GrowableUint8 {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint8Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trimmed(): Uint8Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }
  trimmedIn(shared: boolean): Uint8Array {
    return shared ? copyTable(this.data, this.length, true) : this.trimmed();
  }
}

