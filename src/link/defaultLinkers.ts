import type { FallbackLinker } from './types.js';
import type { ResolvedOptions } from '../reconcile/options.js';
import { createFuzzyLinker, createIdTypoLinker } from './fuzzy/fuzzyLinker.js';

// One set of linkers per options object: linkers hold per-reference caches (weights, prior).
const cache = new WeakMap<ResolvedOptions, readonly FallbackLinker[]>();

/**
 * The linking stages tried after exact ID and former-ID lookup, in order: ID-typo recovery, then fuzzy
 * linking, configured from `options.fuzzy` (`false` turns both off).
 *
 * @example
 * defaultLinkers({}).length //=> 2
 */
export function defaultLinkers(options: ResolvedOptions): readonly FallbackLinker[] {
  const hit = cache.get(options);
  if (hit !== undefined) return hit;
  const fuzzy = options.fuzzy;
  const linkers = fuzzy === false ? [] : [createIdTypoLinker(fuzzy ?? {}), createFuzzyLinker(fuzzy ?? {})];
  cache.set(options, linkers);
  return linkers;
}
