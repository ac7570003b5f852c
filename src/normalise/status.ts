import { memoizeText } from './memo.js';
import type { CitizenStatus } from '../model/types.js';
import { foldDiacritics } from './text.js';

/** Result of {@link parseCitizenStatus}. */
export type StatusParseResult =
  | { readonly ok: true; readonly value: CitizenStatus | undefined }
  | { readonly ok: false; readonly code: 'invalid_status'; readonly message: string };

const ALIVE = new Set(['alive', 'living', 'con song', 'song', 'dang song', 'binh thuong', 'active', '1', 'true', 'yes', 'co']);
const DECEASED = new Set(['deceased', 'dead', 'died', 'da mat', 'mat', 'da chet', 'chet', 'tu vong', 'da tu vong', 'qua doi', 'da qua doi', 'khai tu', 'da khai tu', '0', 'false']);

/**
 * Reads a citizen's vital status in the forms officers use ("Còn sống", "Đã mất", "Đã chết", alive, deceased).
 *
 * @param input - The raw cell value.
 * @returns `value: undefined` for an empty cell; an `invalid_status` problem for anything unrecognised.
 * @example
 * parseCitizenStatus('Đã mất') //=> { ok: true, value: 'deceased' }
 */
export function parseCitizenStatus(input: unknown): StatusParseResult {
  return typeof input === 'string' ? CACHED(input) : parseUncached(input);
}

const CACHED = /* @__PURE__ */ memoizeText(parseUncached, 64);

function parseUncached(input: unknown): StatusParseResult {
  if (input === undefined || input === null) return { ok: true, value: undefined };
  if (typeof input === 'boolean') return { ok: true, value: input ? 'alive' : 'deceased' };
  if (typeof input !== 'string' && typeof input !== 'number') {
    return { ok: false, code: 'invalid_status', message: 'status must be text such as "Còn sống" or "Đã mất"' };
  }
  const s = foldDiacritics(String(input)).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (s === '') return { ok: true, value: undefined };
  if (ALIVE.has(s)) return { ok: true, value: 'alive' };
  if (DECEASED.has(s)) return { ok: true, value: 'deceased' };
  return { ok: false, code: 'invalid_status', message: 'status is not recognised (expected e.g. "Còn sống", "Đã mất", alive, deceased)' };
}
