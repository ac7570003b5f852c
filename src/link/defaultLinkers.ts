import type { FallbackLinker } from './types.js';
import type { ResolvedOptions } from '../reconcile/options.js';

/**
 * The linking stages tried after exact ID and former-ID lookup, in order.
 * ID-typo recovery and fuzzy linking plug in here.
 */
export function defaultLinkers(_options: ResolvedOptions): readonly FallbackLinker[] {
  return [];
}
