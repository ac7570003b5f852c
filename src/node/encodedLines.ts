/**
 * Lines encoded to UTF-8 as they are made, with each line's byte length: what a worker thread hands the
 * writing thread, so the writer copies bytes instead of receiving, measuring and encoding strings again.
 */

/** A batch of encoded lines: `bytes` holds them back to back; `lengths[i]` is line i's byte length. */
export interface EncodedLines {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly lengths: Uint32Array<ArrayBuffer>;
}

/**
 * Collects lines into one growing buffer (its own memory, never Node's shared pool, so it can be transferred).
 *
 * @example
 * const e = new LineEncoder(); e.add('Đặng\n'); e.add('a\n');
 * const { bytes, lengths } = e.take(); // lengths: [7, 2]
 */
export class LineEncoder {
  private buffer: Buffer;
  private used = 0;
  private lengths: Uint32Array<ArrayBuffer>;
  private count = 0;

  constructor(capacity = 1 << 16, lines = 256) {
    this.buffer = Buffer.from(new ArrayBuffer(capacity));
    this.lengths = new Uint32Array(Math.max(16, lines));
  }

  /** Encodes one line after the others. */
  add(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    const need = this.used + text.length * 3;
    if (need > this.buffer.length) {
      const grown = Buffer.from(new ArrayBuffer(Math.max(need, this.buffer.length * 2)));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    if (this.count === this.lengths.length) {
      const grown = new Uint32Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    const n = this.buffer.write(text, this.used, 'utf8');
    this.used += n;
    this.lengths[this.count++] = n;
  }

  /** The lines so far, as views of this encoder's memory (which it gives up: use a new encoder after). */
  take(): EncodedLines {
    return {
      bytes: new Uint8Array(this.buffer.buffer as ArrayBuffer, this.buffer.byteOffset, this.used),
      lengths: new Uint32Array(this.lengths.buffer, 0, this.count),
    };
  }
}
