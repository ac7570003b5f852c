/**
 * Sector rules: checks a profile adds on top of the generic classification (card expiry, age limits,
 * registered deaths). A rule sees one record and its result and may add reasons, make the record stale
 * or mismatched, and suggest an update to the reference. A rule may also declare a generic finding expected
 * for its register (`clears`): a death registration of a citizen the reference already lists as deceased
 * agrees with the reference, so `citizen-deceased` is removed and the status recomputed from what remains.
 * That is the only way a rule makes a status less serious, and it never moves a record away from `missing`.
 */
import type { Citizen, PartialDate, RecordResult, SectorRecord, Status } from '../model/types.js';
import type { ReasonCode } from '../model/reasons.js';

/** A change the reference should consider, found in a sector register (e.g. a registered death). */
export interface ReferenceUpdate {
  /** The citizen concerned. */
  readonly citizenId: string;
  /** Key of the sector record that shows it. */
  readonly recordKey: string;
  /** e.g. `reference-missing-death`. */
  readonly reason: ReasonCode;
  readonly field: string;
  /** Current reference value ('' when empty). */
  readonly current: string;
  /** Value the sector record suggests. */
  readonly suggested: string;
}

/** What a rule found about one record. */
export interface RuleFinding {
  readonly reasons: readonly ReasonCode[];
  /** Status the finding implies; the more serious of this and the current status wins (stale > mismatched > matched). */
  readonly status?: Exclude<Status, 'missing'>;
  /**
   * Reasons that are the expected state for this register rather than a finding (e.g. `citizen-deceased`
   * on a death registration). They are removed before this finding's own reasons are added, and the status
   * is recomputed from the reasons that remain (see {@link statusFromReasons}) and the statuses of earlier
   * findings whose reasons remain. A `missing` record is left as it is.
   */
  readonly clears?: readonly ReasonCode[];
  readonly referenceUpdates?: readonly ReferenceUpdate[];
}

/** The context a rule sees. */
export interface RuleContext {
  readonly record: SectorRecord;
  readonly result: RecordResult;
  readonly citizen?: Citizen;
  readonly asOf?: PartialDate;
}

/** A sector rule. Must be pure and total. */
export interface SectorRule {
  /** Stable name, e.g. `bhyt-card-expiry`. */
  readonly name: string;
  /** One line for docs and reports. */
  readonly description: string;
  readonly check: (context: RuleContext) => RuleFinding | undefined;
}

const SEVERITY: Record<Status, number> = { matched: 0, mismatched: 1, stale: 2, missing: 3 };

// The classification's own reasons, by the status they imply (src/classify/classifyRecord.ts, docs/statuses.md).
const STALE_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['citizen-deceased', 'superseded-id', 'reference-newer', 'card-expired', 'abolished-unit']);
const MISMATCH_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'name-differs',
  'birth-date-differs',
  'gender-differs',
  'province-differs',
  'commune-differs',
  'address-differs',
  'id-differs',
  'id-structure-inconsistent',
  'id-conflicts-with-identity',
]);

/**
 * The status a linked record's reasons imply, as the classification decides it: a deceased citizen makes
 * it stale whatever else is wrong; otherwise a difference makes it mismatched, then a stale reason stale.
 * Flags (`duplicate-record`, `invalid-row`) and profile reasons imply nothing by themselves.
 *
 * @example
 * statusFromReasons(['superseded-id', 'name-differs']) //=> 'mismatched'
 */
export function statusFromReasons(reasons: readonly ReasonCode[]): Exclude<Status, 'missing'> {
  if (reasons.includes('citizen-deceased')) return 'stale';
  if (reasons.some((r) => MISMATCH_REASONS.has(r))) return 'mismatched';
  if (reasons.some((r) => STALE_REASONS.has(r))) return 'stale';
  return 'matched';
}

/**
 * Applies rules to a result: reasons a finding `clears` are removed and the status recomputed from what
 * remains, then its reasons are appended, the status moves to the most serious one implied (never away
 * from `missing`), and reference updates are collected.
 *
 * @example
 * applyRules(ctx, [cardExpiry]).result.status //=> 'stale'
 */
export function applyRules(
  context: RuleContext,
  rules: readonly SectorRule[],
): { result: RecordResult; referenceUpdates: ReferenceUpdate[] } {
  let result = context.result;
  const updates: ReferenceUpdate[] = [];
  // Statuses set by earlier findings, kept while one of their reasons remains.
  const implied: { status: Exclude<Status, 'missing'>; reasons: readonly ReasonCode[] }[] = [];
  for (const rule of rules) {
    const finding = rule.check({ ...context, result });
    if (finding === undefined) continue;
    let reasons = [...result.reasons];
    let status = result.status;
    const clears = finding.clears ?? [];
    if (status !== 'missing' && reasons.some((r) => clears.includes(r))) {
      reasons = reasons.filter((r) => !clears.includes(r));
      status = statusFromReasons(reasons);
      for (const i of implied) {
        const holds = i.reasons.length === 0 || i.reasons.some((r) => reasons.includes(r));
        if (holds && SEVERITY[i.status] > SEVERITY[status]) status = i.status;
      }
    }
    for (const r of finding.reasons) if (!reasons.includes(r)) reasons.push(r);
    if (finding.status !== undefined) {
      implied.push({ status: finding.status, reasons: finding.reasons });
      if (status !== 'missing' && SEVERITY[finding.status] > SEVERITY[status]) status = finding.status;
    }
    result = { ...result, status, reasons };
    if (finding.referenceUpdates !== undefined) updates.push(...finding.referenceUpdates);
  }
  return { result, referenceUpdates: updates };
}
