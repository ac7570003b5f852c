/**
 * An opt-in cache of the built reference index on disk, for reconciling several registers (or re-running
 * one) against the same reference extract: the index is rebuilt only when the file's content, the reading
 * options or the doisoat version change. The cache holds the reference's personal data, like the
 * reference file itself: it is written only where the caller says, readable by its owner only.
 *
 * File layout: a magic line, a little-endian uint32 header length, a JSON header (cache key, read report and
 * the snapshot's structure with each typed array and long string replaced by a section number), the
 * sections' raw bytes, each 8-byte aligned and read straight into their arrays, and a SHA-256 of everything
 * before it, checked on every load: a damaged file fails, it never yields a wrong index.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { VERSION as packageVersion } from '../version.js';
import type { ReadReport } from '../read/table.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import { restoreReference, snapshotReference, type ReferenceSnapshot, type TypedArray } from '../reference/snapshot.js';
import { ReadError, readReference, type ReadReferenceOptions } from './readFile.js';
import { getProfile } from '../profiles/index.js';
import { reference as referenceProfile } from '../profiles/reference.js';

const MAGIC = 'DOISOAT-REFERENCE-CACHE\n';
// Part of the key: bump it whenever the index or snapshot layout changes, so no build loads another's cache.
// 3: the default blocking rules changed; a cache of 2 lacks the new date rule's index, which each worker would then build.
// 4: the ID tables' filter sets two bits per key in twice the space.
// 5: the ID neighbours (ID-typo search); a cache of 4 lacks them, which each worker would then build.
const FORMAT = 5;
// Strings shorter than this stay in the JSON header; longer ones (packed columns) become sections.
const SECTION_STRING = 4096;
// Numeric Maps at least this large become two typed-array sections instead of JSON pairs.
const SECTION_MAP = 256;

/** How {@link readReferenceCached} obtained the index. */
export type ReferenceCacheOutcome = 'hit' | 'written' | 'unwritable' | 'changed';

/** What {@link readReferenceCached} returns. */
export interface CachedReference {
  readonly reference: ReferenceIndex;
  readonly report: ReadReport;
  /**
   * `hit`: loaded from the cache; `written`: built and cached; `unwritable`: built, but the cache could not be
   * written; `changed`: built, not cached, because the reference file changed while it was read.
   */
  readonly cache: ReferenceCacheOutcome;
}

const TYPED: Record<string, new (buffer: ArrayBufferLike, offset: number, length: number) => TypedArray> = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};

interface Section {
  readonly kind: string;
  readonly length: number;
  readonly bytes: number;
}

/** Encodes a value as JSON-safe data plus sections (typed arrays and long strings). */
class Encoder {
  readonly sections: Section[] = [];
  readonly payloads: Uint8Array[] = [];

  private section(kind: string, length: number, bytes: Uint8Array): number {
    this.sections.push({ kind, length, bytes: bytes.byteLength });
    this.payloads.push(bytes);
    return this.sections.length - 1;
  }

  encode(v: unknown): unknown {
    if (v === null || typeof v === 'boolean') return v;
    if (v === undefined) return { t: 'u' };
    if (typeof v === 'number') return Number.isFinite(v) ? v : { t: 'n', v: String(v) };
    if (typeof v === 'string') {
      if (v.length < SECTION_STRING) return v;
      const b = Buffer.from(v, 'utf16le');
      return { t: 's', i: this.section('utf16le', v.length, new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) };
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const kind = v.constructor.name;
      if (TYPED[kind] === undefined) throw new TypeError(`cannot cache a ${kind}`);
      return { t: 'a', i: this.section(kind, (v as TypedArray).length, new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    }
    if (Array.isArray(v)) return { t: 'l', v: v.map((x) => this.encode(x)) };
    if (v instanceof Map) {
      const entries = [...v];
      if (entries.length >= SECTION_MAP && entries.every(([k, x]) => typeof k === 'number' && typeof x === 'number')) {
        return { t: 'm#', k: this.encode(Float64Array.from(entries, (e) => e[0] as number)), v: this.encode(Float64Array.from(entries, (e) => e[1] as number)) };
      }
      return { t: 'm', v: entries.map(([k, x]) => [this.encode(k), this.encode(x)]) };
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: this.encode(x), enumerable: true, writable: true, configurable: true });
      return { t: 'o', v: out };
    }
    throw new TypeError(`cannot cache a value of type ${typeof v}`);
  }
}

function decode(v: unknown, sections: readonly unknown[]): unknown {
  if (v === null || typeof v !== 'object') return v;
  const tagged = v as { t: string; v?: unknown; i?: number; k?: unknown };
  switch (tagged.t) {
    case 'u':
      return undefined;
    case 'n':
      return Number(tagged.v);
    case 's':
    case 'a':
      return sections[tagged.i!];
    case 'l':
      return (tagged.v as unknown[]).map((x) => decode(x, sections));
    case 'm#': {
      const keys = decode(tagged.k, sections) as Float64Array;
      const values = decode(tagged.v, sections) as Float64Array;
      const m = new Map<number, number>();
      for (let j = 0; j < keys.length; j++) m.set(keys[j]!, values[j]!);
      return m;
    }
    case 'm':
      return new Map((tagged.v as [unknown, unknown][]).map(([k, x]) => [decode(k, sections), decode(x, sections)]));
    case 'o': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(tagged.v as Record<string, unknown>)) {
        if (k === '__proto__') Object.defineProperty(out, k, { value: decode(x, sections), enumerable: true, writable: true, configurable: true });
        else out[k] = decode(x, sections);
      }
      return out;
    }
    default:
      throw new TypeError('reference cache holds an unknown value');
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** JSON with object keys sorted at every level and functions left out, so equal options give equal text. */
function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'function' || v === undefined ? 'null' : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const entries = Object.entries(v)
    .filter(([, x]) => x !== undefined && typeof x !== 'function')
    .sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
}

/**
 * The reading options that change the index, in a stable form. A profile is keyed by its whole definition
 * (aliases, required fields), not its name: a custom profile may reuse a built-in name.
 */
function optionsKey(options: ReadReferenceOptions): string {
  // Neither changes the index: a size hint, and where its tables live.
  const { expectedSize: _size, shared: _shared, profile, ...rest } = options;
  const resolved = typeof profile === 'string' ? getProfile(profile) : (profile ?? referenceProfile);
  return stableJson({ ...rest, profile: resolved ?? profile });
}

interface CacheKey {
  readonly format: number;
  readonly version: string;
  readonly littleEndian: boolean;
  readonly source: string;
  readonly options: string;
}

async function keyOf(path: string, options: ReadReferenceOptions): Promise<CacheKey> {
  return { format: FORMAT, version: packageVersion, littleEndian: new Uint8Array(Uint16Array.of(1).buffer)[0] === 1, source: await sha256Of(path), options: optionsKey(options) };
}

const pad8 = (n: number): number => (8 - (n % 8)) % 8;

function writeCache(cachePath: string, key: CacheKey, report: ReadReport, snapshot: ReferenceSnapshot): void {
  const enc = new Encoder();
  const body = enc.encode({ report, snapshot });
  const header = Buffer.from(JSON.stringify({ key, sections: enc.sections, body }), 'utf8');
  // Unique per process, thread and call, and created exclusively: never another run's file or a planted link.
  const tmp = `${cachePath}.${process.pid}-${threadId}-${randomBytes(6).toString('hex')}.tmp`;
  // Owner-only (on Unix-like systems): the cache holds the reference's personal data.
  const fd = openSync(tmp, 'wx', 0o600);
  let done = false;
  try {
    const hash = createHash('sha256');
    const put = (bytes: Uint8Array): void => {
      hash.update(bytes);
      // In slices: a single write call is limited to 2 GiB.
      for (let o = 0; o < bytes.byteLength; o += 1 << 30) writeSync(fd, bytes, o, Math.min(1 << 30, bytes.byteLength - o));
    };
    const lead = Buffer.alloc(MAGIC.length + 4);
    lead.write(MAGIC, 0, 'latin1');
    lead.writeUInt32LE(header.byteLength, MAGIC.length);
    put(lead);
    put(header);
    const zeros = new Uint8Array(8);
    let at = lead.byteLength + header.byteLength;
    put(zeros.subarray(0, pad8(at)));
    at += pad8(at);
    for (const p of enc.payloads) {
      put(p);
      at += p.byteLength;
      put(zeros.subarray(0, pad8(at)));
      at += pad8(at);
    }
    writeSync(fd, hash.digest());
    // On disk before it takes the cache's name: a crash must not leave a complete-looking file of zeros.
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, cachePath);
    done = true;
  } finally {
    if (!done) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(tmp, { force: true });
    }
  }
}

function readExactly(fd: number, target: Uint8Array, position: number): void {
  let done = 0;
  while (done < target.byteLength) {
    const n = readSync(fd, target, done, Math.min(1 << 30, target.byteLength - done), position + done);
    if (n === 0) throw new Error('reference cache is truncated');
    done += n;
  }
}

class ForeignCacheError extends ReadError {
  constructor(what = 'a file that is not a doisoat reference cache') {
    super(`the reference cache path names ${what}; it was left untouched (choose another path)`, 'reference_cache_foreign');
  }
}

const BYTES: Record<string, number> = { utf16le: 2, Int8Array: 1, Uint8Array: 1, Int16Array: 2, Uint16Array: 2, Int32Array: 4, Uint32Array: 4, Float32Array: 4, Float64Array: 8 };

/** The cached report and snapshot when the cache exists and was made for `key`; undefined otherwise. */
function readCache(cachePath: string, key: CacheKey, shared: boolean): { report: ReadReport; snapshot: ReferenceSnapshot } | undefined {
  let fd: number;
  try {
    fd = openSync(cachePath, 'r');
  } catch (e) {
    // Only a missing file is a miss; one that exists but cannot be read must not be overwritten.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ForeignCacheError('a file that cannot be read');
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ForeignCacheError('something that is not a file');
    const size = stat.size;
    const lead = Buffer.alloc(MAGIC.length + 4);
    if (size < lead.byteLength) throw new ForeignCacheError();
    readExactly(fd, lead, 0);
    if (lead.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new ForeignCacheError();
    const headerBytes = lead.readUInt32LE(MAGIC.length);
    if (lead.byteLength + headerBytes > size) throw new Error('it is truncated');
    const headerBuf = Buffer.alloc(headerBytes);
    readExactly(fd, headerBuf, lead.byteLength);
    let header: { key: CacheKey; sections: Section[]; body: unknown };
    try {
      header = JSON.parse(headerBuf.toString('utf8')) as typeof header;
    } catch {
      // Not the parser's message: it quotes the header, which holds names.
      throw new Error('its header is not valid JSON');
    }
    if (stableJson(header.key) !== stableJson(key)) return undefined;
    const hash = createHash('sha256').update(lead).update(headerBuf);
    let at = lead.byteLength + headerBytes;
    const skip = (n: number): void => {
      if (n > 0) hash.update(new Uint8Array(n));
      at += n;
    };
    skip(pad8(at));
    const sections = header.sections.map((s) => {
      const unit = BYTES[s.kind];
      if (unit === undefined || !Number.isSafeInteger(s.length) || s.length < 0 || s.bytes !== s.length * unit) throw new Error('a section does not match its description');
      if (at + s.bytes + 32 > size) throw new Error('it is truncated');
      let value: unknown;
      if (s.kind === 'utf16le') {
        const b = Buffer.alloc(s.bytes);
        readExactly(fd, b, at);
        hash.update(b);
        value = b.toString('utf16le');
      } else {
        const buffer = shared ? new SharedArrayBuffer(s.bytes) : new ArrayBuffer(s.bytes);
        const bytes = new Uint8Array(buffer);
        readExactly(fd, bytes, at);
        hash.update(bytes);
        value = new TYPED[s.kind]!(buffer, 0, s.length);
      }
      at += s.bytes;
      skip(pad8(at));
      return value;
    });
    if (at + 32 !== size) throw new Error('its length is wrong');
    const digest = Buffer.alloc(32);
    readExactly(fd, digest, at);
    if (!digest.equals(hash.digest())) throw new Error('its checksum does not match');
    return decode(header.body, sections) as { report: ReadReport; snapshot: ReferenceSnapshot };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and indexes the reference like `readReference`, through a cache file: when `cachePath` holds an
 * index built from a file with the same content (SHA-256), the same reading options and this doisoat
 * version, it is loaded instead of read and indexed again; otherwise the index is built (with `prepare`,
 * e.g. the fuzzy linker's structures) and written there, readable by its owner only. A cache that cannot
 * be written does not fail the run. A damaged cache (checksum, length or structure) fails with a clear
 * error rather than giving a wrong index, and a path naming some other file is refused, never overwritten.
 * With `{ shared: true }` a cached index's tables are loaded (or, on a miss, built) in SharedArrayBuffers,
 * so handing it to worker threads (`snapshotReference(…, { shared: true })`) copies none of them.
 *
 * @example
 * const { reference, cache } = await readReferenceCached('dan-cu.csv', {}, '.cache/dan-cu.doisoat-cache');
 * cache //=> 'hit' on the second run
 */
export async function readReferenceCached(
  path: string,
  options: ReadReferenceOptions,
  cachePath: string,
  prepare?: (reference: ReferenceIndex) => void,
  load: { readonly shared?: boolean } = {},
): Promise<CachedReference> {
  // Loading straight into shared memory spares a copy when the index is then handed to worker threads.
  const shared = load.shared === true && typeof SharedArrayBuffer === 'function';
  const before = statSync(path);
  const key = await keyOf(path, options);
  try {
    const cached = readCache(cachePath, key, shared);
    if (cached !== undefined) return { reference: restoreReference(cached.snapshot), report: cached.report, cache: 'hit' };
  } catch (e) {
    if (e instanceof ForeignCacheError) throw e;
    // Only our own wording: other messages may quote the file, and no path (it may name the person's folder).
    const why = e instanceof Error && !(e instanceof SyntaxError) && /^(it|its|a section|reference snapshot)/.test(e.message) ? e.message : 'it cannot be decoded';
    throw new ReadError(`the reference cache is damaged (${why}); delete it to rebuild`, 'reference_cache_damaged');
  }
  // Built in shared memory too when asked, so a miss hands workers its tables without a copy either.
  const { reference, report } = await readReference(path, shared ? { ...options, shared: true } : options);
  prepare?.(reference);
  const after = statSync(path);
  // The key hashed the file before it was read: if it changed meanwhile, the index may not match the key.
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) return { reference, report, cache: 'changed' };
  try {
    writeCache(cachePath, key, report, snapshotReference(reference));
    return { reference, report, cache: 'written' };
  } catch {
    return { reference, report, cache: 'unwritable' };
  }
}
