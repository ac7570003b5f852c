/** The reference of a file run: read and indexed, or loaded from the opt-in cache. */
import { prepareFuzzyIndexes } from '../link/fuzzy/fuzzyLinker.js';
import type { Profile } from '../profiles/types.js';
import { profileOptions } from '../profiles/types.js';
import type { ReadReport } from '../read/table.js';
import { resolveOptions, type ReconcileOptions } from '../reconcile/options.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import { readReference, type ReadReferenceOptions } from './readFile.js';
import { readReferenceCached, type ReferenceCacheOutcome } from './referenceCache.js';

/**
 * Reads and indexes the reference, through the cache when one is given (building the fuzzy linker's
 * structures before caching them, so a cached index needs no first-record build either).
 */
export async function openReference(
  input: {
    readonly referencePath: string;
    readonly referenceOptions: ReadReferenceOptions;
    readonly referenceCache?: string;
    readonly reconcileOptions: Omit<ReconcileOptions, 'rules' | 'compare' | 'requiredFields'>;
  },
  profile: Profile,
): Promise<{ reference: ReferenceIndex; report: ReadReport; cache?: ReferenceCacheOutcome }> {
  if (input.referenceCache === undefined) return readReference(input.referencePath, input.referenceOptions);
  return readReferenceCached(input.referencePath, input.referenceOptions, input.referenceCache, (ref) => {
    const resolved = resolveOptions({ ...profileOptions(profile), ...input.reconcileOptions, idScheme: input.reconcileOptions.idScheme ?? ref.idScheme });
    if (resolved.linkers === undefined && resolved.fuzzy !== false) prepareFuzzyIndexes(ref, resolved.fuzzy ?? {});
  });
}
