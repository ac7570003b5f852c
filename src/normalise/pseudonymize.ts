/**
 * Pseudonymised matching: two agencies that share a secret key replace every ID by its keyed hash
 * (HMAC-SHA-256 of the normalised ID), exchange only the hashes, and reconcile with `idScheme: 'opaque'`.
 * Uses the Web Crypto API (`globalThis.crypto.subtle`: Node ≥ 20, browsers, Deno), so the core stays
 * runtime-neutral. What this does and does not protect is in docs/guarantees.md.
 */
import { OptionsError } from '../reconcile/options.js';
import { normaliseId, type IdScheme } from './id.js';

/** A pseudonymisation key: an imported HMAC key, raw secret bytes, or a secret passphrase (UTF-8). */
export type PseudonymKey = CryptoKey | Uint8Array | string;

/** Options of {@link pseudonymize} and {@link pseudonymizeRows}. */
export interface PseudonymizeOptions {
  /**
   * How the ID is normalised before hashing: `'vn'` (default) cleans Vietnamese IDs (spaces, dots, lost
   * leading zero, Unicode digits), so "001 089 012 345" and "001089012345" give the same pseudonym;
   * `'opaque'` only trims, removes spaces and upper-cases.
   */
  readonly scheme?: IdScheme;
}

/** Shortest accepted secret, in bytes: below 128 bits a key can be guessed. */
const MIN_SECRET_BYTES = 16;

function subtle(): SubtleCrypto {
  const s = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (s === undefined) throw new OptionsError('pseudonymisation needs the Web Crypto API (globalThis.crypto.subtle), which this runtime lacks');
  return s;
}

function isCryptoKey(key: PseudonymKey): key is CryptoKey {
  return typeof key === 'object' && !(key instanceof Uint8Array);
}

/**
 * Imports a shared secret as a non-extractable HMAC-SHA-256 key, to reuse across many calls.
 * Rejects with {@link OptionsError} when the secret is shorter than 16 bytes (the message never contains it).
 *
 * @param secret - Raw bytes (e.g. 32 random bytes) or a passphrase, encoded as UTF-8.
 * @returns A `CryptoKey` usable with {@link pseudonymize}.
 * @example
 * const key = await importPseudonymKey('a long secret shared by both agencies');
 * key.algorithm.name //=> 'HMAC'
 */
export async function importPseudonymKey(secret: Uint8Array | string): Promise<CryptoKey> {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (!(bytes instanceof Uint8Array) || bytes.length < MIN_SECRET_BYTES) {
    throw new OptionsError(`pseudonymisation key must be at least ${MIN_SECRET_BYTES} bytes long`);
  }
  // Copy into a fresh ArrayBuffer: Web Crypto rejects views on shared or resizable buffers in some runtimes.
  const raw = new Uint8Array(bytes.length);
  raw.set(bytes);
  return subtle().importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

async function toCryptoKey(key: PseudonymKey): Promise<CryptoKey> {
  return isCryptoKey(key) ? key : importPseudonymKey(key);
}

const HEX = '0123456789ABCDEF';

function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

/** The normalised text that is hashed, or `''` for an empty or unusable cell. */
function normalisedText(cell: unknown, scheme: IdScheme): string {
  return normaliseId(cell, { scheme })?.value ?? '';
}

async function sign(key: CryptoKey, text: string): Promise<string> {
  if (text === '') return '';
  return hex(await subtle().sign('HMAC', key, new TextEncoder().encode(text)));
}

/**
 * Replaces an ID by its pseudonym: HMAC-SHA-256, keyed with the shared secret, of the normalised ID
 * (UTF-8), written as 64 upper-case hexadecimal digits. Upper-case hex passes unchanged through the
 * `opaque` ID scheme (which upper-cases), and any tool can reproduce it, e.g.
 * `printf %s 001089012345 | openssl dgst -sha256 -hmac "$KEY"` (lower-case there).
 * An empty cell gives `''`, so empty IDs stay empty rather than all sharing one pseudonym.
 * Structure checks of the `vn` scheme (length, province, gender/year digits) must be done before: after
 * hashing, IDs are opaque.
 *
 * @param value - The ID as found in a register.
 * @param key - The shared key (a `CryptoKey` from {@link importPseudonymKey} is fastest for many calls).
 * @param options - See {@link PseudonymizeOptions}.
 * @returns The pseudonym, or `''` for an empty value.
 * @example
 * await pseudonymize('001 089 012 345', key) === await pseudonymize('001089012345', key) //=> true
 * (await pseudonymize('001089012345', key)).length //=> 64
 */
export async function pseudonymize(value: string, key: PseudonymKey, options: PseudonymizeOptions = {}): Promise<string> {
  const k = await toCryptoKey(key);
  return sign(k, normalisedText(value, options.scheme ?? 'vn'));
}

/** Model fields that hold IDs, pseudonymised by default by {@link pseudonymizeRows}. */
export const ID_FIELDS = ['citizenId', 'id', 'formerIds'] as const;

/**
 * Copies rows with their ID fields replaced by pseudonyms, so two agencies can each pseudonymise their
 * own register with a shared key, exchange the results, and reconcile them with `idScheme: 'opaque'`.
 * A list of IDs (an array, or text separated by `,` `;` `|`, as in `formerIds`) becomes an array of
 * pseudonyms. Number cells (Excel) are normalised like text. Cells that are not text or numbers become
 * `''` rather than pass through unhashed. Rows that are not objects are copied as they are (they hold no
 * field to hash, and reconcile reports them). Other fields are copied unchanged: names and dates are
 * still exchanged in clear unless the caller removes them.
 *
 * @param rows - Input rows with model field names.
 * @param fields - Fields to pseudonymise, e.g. {@link ID_FIELDS}.
 * @param key - The shared key.
 * @param options - See {@link PseudonymizeOptions}.
 * @returns New rows, in input order; the input is not modified.
 * @example
 * const [row] = await pseudonymizeRows([{ citizenId: '001089012345', fullName: 'Nguyễn Văn An' }], ['citizenId'], key);
 * row.citizenId.length //=> 64
 * row.fullName //=> 'Nguyễn Văn An'
 */
export async function pseudonymizeRows(
  rows: Iterable<unknown>,
  fields: readonly string[],
  key: PseudonymKey,
  options: PseudonymizeOptions = {},
): Promise<unknown[]> {
  const k = await toCryptoKey(key);
  const scheme = options.scheme ?? 'vn';
  // The same ID often appears many times (duplicates, former IDs); hash each once per call.
  const cache = new Map<string, Promise<string>>();
  const hash = (cell: unknown): Promise<string> => {
    if (typeof cell !== 'string' && typeof cell !== 'number' && typeof cell !== 'bigint') return Promise.resolve('');
    const text = normalisedText(cell, scheme);
    let p = cache.get(text);
    if (p === undefined) {
      p = sign(k, text);
      cache.set(text, p);
    }
    return p;
  };
  const out: unknown[] = [];
  for (const row of rows) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      out.push(row);
      continue;
    }
    const copy: Record<string, unknown> = {};
    for (const [name, cell] of Object.entries(row)) {
      let value: unknown = cell;
      if (fields.includes(name) && cell !== undefined && cell !== null) {
        const list = Array.isArray(cell) ? cell : typeof cell === 'string' && /[,;|]/.test(cell) ? cell.split(/[,;|]/) : undefined;
        if (list !== undefined) {
          const hashed = await Promise.all(list.map(hash));
          value = hashed.filter((h) => h !== '');
        } else {
          value = await hash(cell);
        }
      }
      // defineProperty keeps a "__proto__" field an ordinary own field instead of changing the prototype.
      Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
    }
    out.push(copy);
  }
  return out;
}
