import type { Candidate, FieldEvidence, LinkMethod, SectorRecord } from '../model/types.js';
import type { ReasonCode } from '../model/reasons.js';
import type { ReferenceIndex } from '../reference/referenceIndex.js';

/** A record linked to the citizen at position `index` of the reference. */
export interface Link {
  readonly index: number;
  readonly linkedBy: LinkMethod;
  /** Match probability 0–1 when the link was scored (typo and fuzzy links). */
  readonly score?: number;
  readonly evidence?: readonly FieldEvidence[];
}

/** What a linking stage decided for one record. */
export interface LinkOutcome {
  readonly link?: Link;
  /** Candidates shown for review (unlinked records, or conflicting ID links). */
  readonly candidates?: readonly Candidate[];
  /** Why the record stayed unlinked, or flags about the link (e.g. `needs-review`, `ambiguous`). */
  readonly reasons?: readonly ReasonCode[];
}

/**
 * A linking stage tried after exact ID and former-ID lookup failed (ID typo recovery, fuzzy linking).
 * Returns `undefined` when it has nothing to say, so the next stage runs.
 */
export type FallbackLinker = (reference: ReferenceIndex, record: SectorRecord) => LinkOutcome | undefined;
