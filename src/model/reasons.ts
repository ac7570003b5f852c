/**
 * Reason codes and difference kinds: the stable, documented vocabulary of results.
 * docs/reasons.md is generated from the descriptions below; never rename a code, add new ones.
 */

/** Every reason code with its one-line meaning. */
export const REASONS = {
  // missing
  'id-not-in-reference': 'The record has a well-formed ID that the reference does not hold (neither as current nor as former ID), and no other link was found.',
  'no-identifying-fields': 'The record has neither a usable ID nor the name and birth date needed to search for the citizen.',
  'invalid-id': 'The ID on the record is malformed (wrong length, letters, scientific notation) and could not be used.',
  'needs-review': 'A candidate citizen was found but its score lies between the review and accept thresholds; see candidates.',
  'ambiguous': 'Two or more candidates fit almost equally well; none was linked; see candidates.',
  'no-candidate': 'No ID link and no citizen fitting the name and birth date was found.',
  // stale
  'citizen-deceased': 'The linked citizen is recorded as deceased in the reference (on or before the as-of date).',
  'superseded-id': 'The record uses a former ID (old CMND) that the reference has replaced by a new personal ID.',
  'reference-newer': 'A differing field changed in the reference after the record was last updated: the record was right once.',
  'card-expired': 'The sector document (e.g. BHYT card) expired before the as-of date.',
  'abolished-unit': 'The record names an administrative unit that no longer exists after the 2025 reorganisation.',
  // mismatched
  'name-differs': 'The full name differs from the reference (see the diff kind: diacritics, typo, token order, …).',
  'birth-date-differs': 'The birth date differs from the reference (see the diff kind).',
  'gender-differs': 'The gender differs from the reference.',
  'province-differs': 'The province code differs from the reference.',
  'commune-differs': 'The commune code differs from the reference.',
  'address-differs': 'The free-text address differs from the reference.',
  'id-differs': 'The record was linked by a corrected ID (typo) or fuzzily, and its ID differs from the citizen\'s.',
  'id-structure-inconsistent': 'The 12-digit ID encodes a gender, century or birth year that disagrees with the record.',
  'id-conflicts-with-identity': 'The ID links to a citizen whose name and birth date both disagree strongly: the ID may belong to someone else.',
  // other flags
  'duplicate-record': 'Another record in the same input links to the same citizen.',
  'invalid-row': 'The row failed validation on at least one field; see problems.',
  // sector profiles (src/profiles/)
  'reference-missing-death': 'A death is registered for a citizen the reference still lists as alive: the reference should be updated (see reference updates).',
  'payment-review': 'The beneficiary is deceased in the reference: payments to this record should be reviewed.',
  'bhxh-card-inconsistent': 'The 10-digit BHXH code does not match the last 10 characters of the 15-character BHYT card number.',
  'bhyt-card-invalid': 'The BHYT card number is neither a 15-character card (group code, benefit level, province, BHXH code) nor a 10-digit BHXH code.',
  'sector-field-invalid': 'A field specific to the register (card dates, BHXH code, registration type, …) is malformed or impossible; see the profile docs.',
  'below-minimum-age': 'The person is younger than the register allows (e.g. under 60 in an elderly association list) on the as-of date.',
  'outside-working-age': 'The worker is below the minimum working age or above the statutory retirement age on the as-of date.',
} as const;

/** A stable, machine-readable reason code. */
export type ReasonCode = keyof typeof REASONS;

/** All reason codes, in documentation order. */
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

/** Every kind of field difference with its meaning. */
export const DIFF_KINDS = {
  'missing-in-record': 'The record leaves the field empty while the reference has a value.',
  'invalid-in-record': 'The record\'s value could not be read (e.g. a birth date of 31/02); the reference value is the suggested correction.',
  'diacritics': 'Equal once diacritics are removed (e.g. "Nguyen Van Duc" vs "Nguyễn Văn Đức").',
  'case-or-spacing': 'Equal once case, spacing and tone-mark placement are normalised.',
  'typo': 'One or two character edits apart.',
  'token-order': 'The same words in a different order.',
  'middle-name': 'The middle name is missing or abbreviated; surname and given name agree.',
  'day-month-swapped': 'Day and month are swapped.',
  'digit-typo': 'One digit is wrong or two adjacent digits are transposed.',
  'year-off-by-one': 'Only the year differs, by one.',
  'less-precise': 'The record holds only the year or month of a full reference date: compatible, informational, not a mismatch.',
  'structure': 'The ID\'s encoded gender, century or birth year disagrees with the record.',
  'former-id': 'The record holds a superseded ID; the reference has a newer one.',
  'different': 'The values differ beyond the kinds above.',
} as const;

/** Kind of a field difference. */
export type DiffKind = keyof typeof DIFF_KINDS;

/** All diff kinds, in documentation order. */
export const DIFF_KIND_CODES = Object.keys(DIFF_KINDS) as DiffKind[];

/**
 * Diff kinds that are reported for the officer's benefit but do not by themselves make a record
 * `mismatched`: an empty field is incomplete (đủ), not wrong (đúng); a year-only birth date is compatible.
 */
export const INFORMATIONAL_DIFF_KINDS: ReadonlySet<DiffKind> = new Set<DiffKind>(['missing-in-record', 'less-precise']);

/**
 * Diff kinds that look like data-entry errors in the record (it was never right), as opposed to
 * substantive changes that a newer reference row can explain (`reference-newer` → stale).
 */
export const ENTRY_ERROR_DIFF_KINDS: ReadonlySet<DiffKind> = new Set<DiffKind>([
  'diacritics',
  'case-or-spacing',
  'typo',
  'day-month-swapped',
  'digit-typo',
  'year-off-by-one',
  'token-order',
  'middle-name',
  'structure',
]);
