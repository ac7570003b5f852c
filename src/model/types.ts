/**
 * The domain model shared by every pipeline stage: plain, typed, readonly data.
 * Untrusted input enters through the zod schemas in `schema.ts` and leaves as these types.
 */
import type { DiffKind, ReasonCode } from './reasons.js';

/** A date whose precision may be only a year or a month, as often in older Vietnamese records. */
export interface PartialDate {
  /** Four-digit year. */
  readonly year: number;
  /** 1–12, absent when only the year is known. */
  readonly month?: number;
  /** 1–31, absent when only the year or month is known. */
  readonly day?: number;
}

/** Gender as recorded; `undefined` elsewhere means "not stated". */
export type Gender = 'male' | 'female';

/** Vital status of a citizen in the reference dataset. */
export type CitizenStatus = 'alive' | 'deceased';

/** A problem found on one input row while validating or normalising it. */
export interface RowProblem {
  /** Field (model name) the problem is about, or `'row'` for the whole row. */
  readonly field: string;
  /** Stable snake_case code, e.g. `invalid_date`, `impossible_date`, `invalid_id`. */
  readonly code: string;
  /** Human-readable explanation; never contains the field's value (personal data). */
  readonly message: string;
}

/** A reference citizen after normalisation. */
export interface Citizen {
  /** Normalised personal ID (digits only for the `vn` scheme). */
  readonly id: string;
  /** Superseded IDs (old 9- or 12-digit CMND numbers). */
  readonly formerIds: readonly string[];
  /** Full name, NFC, whitespace collapsed, as written. */
  readonly fullName?: string;
  readonly birthDate?: PartialDate;
  readonly gender?: Gender;
  readonly provinceCode?: string;
  readonly communeCode?: string;
  readonly address?: string;
  readonly status: CitizenStatus;
  readonly deathDate?: PartialDate;
  /** When the reference row last changed. */
  readonly updatedAt?: PartialDate;
}

/** A sector record after normalisation. Fields the model does not know are kept in `extra`. */
export interface SectorRecord {
  /** The record's own key, or its 1-based row number when it has none. */
  readonly key: string;
  /** 1-based position in the input (data rows, header excluded). */
  readonly row: number;
  /** Normalised ID as found (may be a personal ID, an old CMND, or unusable). */
  readonly citizenId?: string;
  readonly fullName?: string;
  readonly birthDate?: PartialDate;
  readonly gender?: Gender;
  readonly provinceCode?: string;
  readonly communeCode?: string;
  readonly address?: string;
  readonly updatedAt?: PartialDate;
  /** Other columns, kept verbatim. */
  readonly extra: Readonly<Record<string, string>>;
  /** What could not be validated or normalised on this row. */
  readonly problems: readonly RowProblem[];
  /** Raw text of model fields that failed validation (e.g. a birth date of 31/02), kept so the worklist can show it. */
  readonly invalid?: Readonly<Record<string, string>>;
}

/** How a record was linked to a citizen. */
export type LinkMethod = 'id' | 'former-id' | 'id-typo' | 'fuzzy';

/** Final classification of one sector record (see docs/statuses.md). */
export type Status = 'matched' | 'mismatched' | 'missing' | 'stale';

/** Fields compared between a record and its citizen. */
export type ComparedField = 'citizenId' | 'fullName' | 'birthDate' | 'gender' | 'provinceCode' | 'communeCode' | 'address';

/** One field that differs between record and reference. */
export interface FieldDiff {
  readonly field: ComparedField | (string & {});
  readonly kind: DiffKind;
  /** Value held by the sector record (display form). */
  readonly record: string;
  /** Value held by the reference: the suggested correction. */
  readonly reference: string;
}

/** One field's contribution to a match score (Fellegi–Sunter). */
export interface FieldEvidence {
  readonly field: string;
  /** Comparison level label, e.g. `exact`, `diacritics`, `jaro-winkler-0.92`, `year-only`. */
  readonly level: string;
  /** log2(m/u) for that level, after any term-frequency adjustment. */
  readonly weight: number;
}

/** A candidate citizen considered for a record. */
export interface Candidate {
  readonly citizenId: string;
  /** Match probability 0–1. */
  readonly score: number;
  /** Sum of weights plus the prior, in bits. */
  readonly weight: number;
  readonly evidence: readonly FieldEvidence[];
}

/** The reconciliation result of one sector record. Every input row produces exactly one. */
export interface RecordResult {
  readonly key: string;
  readonly row: number;
  readonly status: Status;
  readonly citizenId?: string;
  readonly linkedBy?: LinkMethod;
  /** Match probability 0–1 (1 for an exact ID link that the identity supports). */
  readonly score?: number;
  readonly diffs: readonly FieldDiff[];
  readonly reasons: readonly ReasonCode[];
  /** Validation problems of the input row. */
  readonly problems: readonly RowProblem[];
  /** Required fields (see `requiredFields`) that the record leaves empty: what makes it incomplete (đủ). */
  readonly missingFields: readonly string[];
  /** True when another record in the same run links to the same citizen. */
  readonly duplicate: boolean;
  /**
   * Records linked to the same citizen: on a duplicate, the key of the original; on the original, the keys of
   * its duplicates (at most 20). Absent when the record is alone.
   */
  readonly duplicateOf?: readonly string[];
  /** Per-field evidence behind `score` (fuzzy and id-typo links, and reviews). */
  readonly evidence?: readonly FieldEvidence[];
  /** Candidates offered for review when not linked, or when the ID conflicts with the identity. */
  readonly candidates?: readonly Candidate[];
  /** Province used for breakdowns: the citizen's, else the record's, else the ID prefix's. */
  readonly provinceCode?: string;
  /** Commune used for breakdowns: the citizen's, else the record's. */
  readonly communeCode?: string;
}
