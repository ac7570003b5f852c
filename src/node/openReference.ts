/** The reference of a file run: read and indexed, or loaded from the opt-in cache. */
import { prepareFuzzyIndexes } from '../link/fuzzy/fuzzyLinker.js';
import type { Profile } from '../profiles/types.js';
import { profileOptions } from '../profiles/types.js';
import type { ReadReport } from '../read/table.js';
import { resolveOptions, type ReconcileOptions, type ResolvedOptions } from '../reconcile/options.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';
import { allocateShared } from '../reference/sharedTables.js';
import { readReference, readReferenceInParts, type ReadReferenceOptions, type ReferencePartResult, type ReferencePartTask } from './readFile.js';
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
    /** Load a cached index into shared memory (it is about to be handed to worker threads). */
    readonly shared?: boolean;
    readonly reconcileOptions: Omit<ReconcileOptions, 'rules' | 'compare' | 'requiredFields'>;
    /** Another thread that reads the second part of a large reference CSV file (see `readReferenceInParts`). */
    readonly helper?: (task: ReferencePartTask) => Promise<ReferencePartResult>;
  },
  profile: Profile,
): Promise<{ reference: ReferenceIndex; report: ReadReport; cache?: ReferenceCacheOutcome }> {
  if (input.referenceCache === undefined) {
    // An index for worker threads is built in shared memory, so the snapshot for them copies none of it.
    const options = input.shared === true ? { ...input.referenceOptions, shared: true } : input.referenceOptions;
    if (input.helper === undefined) return readReference(input.referencePath, options);
    const { reference, report } = await readReferenceInParts(input.referencePath, options, input.helper);
    return { reference, report };
  }
  const prepare = (ref: ReferenceIndex): void => {
    if (input.shared === true) allocateShared(ref);
    prepareLinking(ref, resolveOptions(optionsFor(ref, profile, input.reconcileOptions)));
  };
  return readReferenceCached(input.referencePath, input.referenceOptions, input.referenceCache, prepare, {
    shared: input.shared === true,
  });
}

/** A run's reconciliation options for a reference: the profile's, then the caller's, the reference's ID scheme by default. */
export function optionsFor(ref: ReferenceIndex, profile: Profile, options: Omit<ReconcileOptions, 'rules' | 'compare' | 'requiredFields'>): ReconcileOptions {
  return { ...profileOptions(profile), ...options, idScheme: options.idScheme ?? ref.idScheme };
}

/** Builds what the run's default linkers will use (they would otherwise build it on the first record that needs it). */
export function prepareLinking(ref: ReferenceIndex, resolved: ResolvedOptions): void {
  if (usesFuzzy(resolved)) prepareFuzzyIndexes(ref, resolved.fuzzy || {});
}

/** Whether {@link prepareLinking} builds the fuzzy structures for a run (its linkers are the default ones, fuzzy linking on). */
export function usesFuzzy(resolved: ResolvedOptions): boolean {
  return resolved.linkers === undefined && resolved.fuzzy !== false;
}
