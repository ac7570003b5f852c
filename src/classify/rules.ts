/**
 * Sector rules: checks a profile adds on top of the generic classification (card expiry, age limits,
 * registered deaths). A rule sees one record and its result and may add reasons, make the record stale
 * or mismatched, and suggest an update to the reference.
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

/**
 * Applies rules to a result: reasons are appended, the status moves to the most serious one implied
 * (never away from `missing`), and reference updates are collected.
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
  for (const rule of rules) {
    const finding = rule.check({ ...context, result });
    if (finding === undefined) continue;
    const reasons = [...result.reasons];
    for (const r of finding.reasons) if (!reasons.includes(r)) reasons.push(r);
    let status = result.status;
    if (finding.status !== undefined && status !== 'missing' && SEVERITY[finding.status] > SEVERITY[status]) status = finding.status;
    result = { ...result, status, reasons };
    if (finding.referenceUpdates !== undefined) updates.push(...finding.referenceUpdates);
  }
  return { result, referenceUpdates: updates };
}
