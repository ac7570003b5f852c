/**
 * An output file written entry by entry, in order, whose entries can still be replaced once it is complete.
 * The streaming runner writes every record's worklist and result line as soon as it is decided; only the
 * few records that end up in a duplicate group are re-serialised at the end, by a byte copy of the file
 * with those entries swapped. Before this, every line went through a temporary file and was read back.
 */
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { GrowableInt32 } from '../reference/columns.js';
import type { EncodedLines } from './encodedLines.js';

const FLUSH_AT = 1 << 20;

/** Writes the first `length` bytes of `bytes` at the file's position, however many calls it takes. */
function writeAll(fd: number, bytes: Uint8Array, length: number): void {
  for (let done = 0; done < length; ) done += writeSync(fd, bytes, done, length - done);
}

/**
 * A file of a header and entries, written to a temporary path, then handed over ({@link handOff}) and moved
 * into place by {@link completeFile} with some entries rewritten.
 *
 * @example
 * const f = new PatchableFile('out/results.ndjson', 'out/.results.tmp');
 * f.append('{"key":"1"}\n'); f.append('{"key":"2"}\n');
 * completeFile(f.handOff(), [1], () => '{"key":"2","duplicate":true}\n');
 */
export class PatchableFile {
  private readonly fd: number;
  /** Entries are encoded straight into this buffer: one UTF-8 pass per entry gives both bytes and length. */
  private readonly pending = Buffer.allocUnsafe(FLUSH_AT);
  private used = 0;
  /** Byte length of each entry. */
  private readonly lengths = new GrowableInt32();
  private headerBytes = 0;
  private closed = false;

  constructor(
    private readonly finalPath: string,
    private readonly tmpPath: string,
    header = '',
  ) {
    this.fd = openSync(tmpPath, 'w+');
    if (header !== '') this.headerBytes = this.put(header);
  }

  /** Entries appended so far. */
  get entries(): number {
    return this.lengths.length;
  }

  /** Appends one entry. */
  append(text: string): void {
    if (this.closed) throw new Error('PatchableFile already finished');
    this.lengths.push(this.put(text));
  }

  /** Appends entries already encoded (by a worker thread), given the byte length of each. */
  appendEncoded(lines: EncodedLines): void {
    if (this.closed) throw new Error('PatchableFile already finished');
    const { bytes, lengths } = lines;
    for (let i = 0; i < lengths.length; i++) this.lengths.push(lengths[i]!);
    if (bytes.length > this.pending.length - this.used) {
      this.flush();
      if (bytes.length > this.pending.length) {
        writeAll(this.fd, bytes, bytes.length);
        return;
      }
    }
    this.pending.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Encodes `text` after what is pending; returns its length in bytes. */
  private put(text: string): number {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    if (text.length * 3 > this.pending.length - this.used) {
      this.flush();
      if (text.length * 3 > this.pending.length) {
        const bytes = Buffer.from(text, 'utf8');
        writeAll(this.fd, bytes, bytes.length);
        return bytes.length;
      }
    }
    const n = this.pending.write(text, this.used, 'utf8');
    this.used += n;
    return n;
  }

  private flush(): void {
    if (this.used === 0) return;
    writeAll(this.fd, this.pending, this.used);
    this.used = 0;
  }

  /**
   * Ends writing and hands the file over to {@link completeFile} (on this thread or another): the temporary
   * file stays until it is completed, or until {@link abort}.
   */
  handOff(): PatchJob {
    if (this.closed) throw new Error('PatchableFile already finished');
    this.flush();
    this.closeFd();
    return { tmpPath: this.tmpPath, finalPath: this.finalPath, headerBytes: this.headerBytes, lengths: this.lengths.trimmed() };
  }

  private closeFd(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  /** Abandons the file (on failure, or once it is completed): the temporary file is removed. */
  abort(): void {
    this.closeFd();
    rmSync(this.tmpPath, { force: true });
  }
}

/** A {@link PatchableFile} handed over for completion: plain data that can be posted to a worker thread. */
export interface PatchJob {
  readonly tmpPath: string;
  readonly finalPath: string;
  readonly headerBytes: number;
  /** Byte length of each entry. */
  readonly lengths: Int32Array;
}

function checkEntries(entries: readonly number[] | Int32Array, count: number): void {
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    if (!Number.isInteger(e) || e < 0 || e >= count || (k > 0 && e <= entries[k - 1]!)) {
      throw new RangeError('PatchableFile: entries to rewrite must be existing entry numbers in ascending order');
    }
  }
}

/** A replacement for entry `entry` (the `k`-th of those rewritten), given its text as written. */
export type Rewrite = (entry: number, written: string, k: number) => string;

/**
 * Completes a handed-over file: with no entries to rewrite the temporary file is renamed into place;
 * otherwise it is copied with each rewritten entry's bytes swapped for its replacement, the entries read
 * from the copy's own chunks as it passes them (decisions.md). The temporary file is removed once the file
 * is in place; on failure the partial output is removed and the temporary file kept, so completing it can
 * be tried again. `onProgress` gets the fraction copied.
 *
 * @example
 * completeFile(file.handOff(), [1], (entry, written) => written.replace('"2"', '"2","duplicate":true'));
 */
export function completeFile(job: PatchJob, entries: readonly number[] | Int32Array, rewrite: Rewrite, onProgress?: (fraction: number) => void): void {
  const { lengths, headerBytes, tmpPath, finalPath } = job;
  checkEntries(entries, lengths.length);
  if (entries.length === 0) {
    renameSync(tmpPath, finalPath);
    return;
  }
  const offsets: number[] = [];
  let offset = headerBytes;
  let e = 0;
  for (let k = 0; k < entries.length; k++) {
    for (; e < entries[k]!; e++) offset += lengths[e]!;
    offsets.push(offset);
  }
  let total = headerBytes;
  for (let i = 0; i < lengths.length; i++) total += lengths[i]!;
  const source = openSync(tmpPath, 'r');
  let out: number | undefined;
  try {
    out = openSync(finalPath, 'w');
    const target = out;
    // `chunk` holds the temporary file's bytes [chunkStart, chunkEnd); `copied` bytes of it are dealt with.
    const chunk = Buffer.allocUnsafe(FLUSH_AT);
    let chunkStart = 0;
    let chunkEnd = 0;
    let copied = 0;
    const output = Buffer.allocUnsafe(FLUSH_AT);
    let used = 0;
    const drain = (): void => {
      writeAll(target, output, used);
      used = 0;
    };
    const copyTo = (end: number): void => {
      while (copied < end) {
        if (copied < chunkStart || copied >= chunkEnd) {
          const n = readSync(source, chunk, 0, Math.min(chunk.length, total - copied), copied);
          if (n === 0) throw new Error('output file shorter than written');
          chunkStart = copied;
          chunkEnd = copied + n;
        }
        const upto = Math.min(end, chunkEnd);
        if (upto - copied > output.length - used) drain();
        chunk.copy(output, used, copied - chunkStart, upto - chunkStart);
        used += upto - copied;
        copied = upto;
        onProgress?.(copied / Math.max(1, total));
      }
    };
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k]!;
      const at = offsets[k]!;
      copyTo(at);
      const length = lengths[entry]!;
      let written: string;
      if (at >= chunkStart && at + length <= chunkEnd) written = chunk.toString('utf8', at - chunkStart, at + length - chunkStart);
      else {
        const buf = Buffer.allocUnsafe(length);
        if (readSync(source, buf, 0, length, at) !== length) throw new Error('output file shorter than written');
        written = buf.toString('utf8');
      }
      const text = rewrite(entry, written, k);
      // A UTF-16 unit takes at most 3 bytes in UTF-8.
      if (text.length * 3 > output.length - used) drain();
      if (text.length * 3 > output.length) {
        const bytes = Buffer.from(text, 'utf8');
        writeAll(target, bytes, bytes.length);
      } else used += output.write(text, used, 'utf8');
      copied += length;
    }
    copyTo(total);
    drain();
    closeSync(out);
    out = undefined;
  } catch (err) {
    // A half-written file must not sit in place of the output (or of an earlier run's).
    if (out !== undefined) {
      closeSync(out);
      out = undefined;
      rmSync(finalPath, { force: true });
    }
    throw err;
  } finally {
    closeSync(source);
  }
  rmSync(tmpPath, { force: true });
}
