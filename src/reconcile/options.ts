import { z } from 'zod';
import type { ComparedField, PartialDate } from '../model/types.js';
import { parsePartialDate } from '../normalise/date.js';
import type { FallbackLinker } from '../link/types.js';
import type { ParseRowOptions } from '../model/schema.js';
import type { SectorRule } from '../classify/rules.js';
import { fuzzyOptionsSchema, type FuzzyOptions } from '../link/fuzzy/config.js';
import type { Partition } from './partition.js';

const partialDateSchema = z.object({
  year: z.number().int().min(1000).max(9999),
  month: z.number().int().min(1).max(12).optional(),
  day: z.number().int().min(1).max(31).optional(),
});

/** Zod schema of the serialisable reconciliation options (config files, CLI flags). */
export const reconcileOptionsSchema = z.object({
  asOf: z.union([z.string(), z.date(), partialDateSchema]).optional(),
  idScheme: z.enum(['vn', 'opaque']).optional(),
  compare: z.array(z.enum(['citizenId', 'fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode', 'address'])).optional(),
  requiredFields: z.array(z.string()).optional(),
  maxFieldLength: z.number().int().positive().optional(),
  partition: z
    .object({ index: z.number().int().nonnegative(), count: z.number().int().positive() })
    .refine((p) => p.index < p.count, 'partition index must be below the count')
    .optional(),
  dates: z
    .object({ dateOrder: z.enum(['dmy', 'mdy']).optional(), excelEpoch: z.union([z.literal(1900), z.literal(1904)]).optional() })
    .optional(),
  fuzzy: z.union([z.literal(false), fuzzyOptionsSchema]).optional(),
});

/** Options of `reconcile` and `reconcileRecord`. */
export interface ReconcileOptions extends ParseRowOptions {
  /** The date the reconciliation speaks for (deaths, card expiry). A string such as "2026-01-01" or "01/01/2026" is parsed. */
  readonly asOf?: PartialDate | string | Date;
  /** Fields compared between a record and its citizen. */
  readonly compare?: readonly ComparedField[];
  /** Fields a complete record must hold (đủ). */
  readonly requiredFields?: readonly string[];
  /**
   * Linking stages tried, in order, when exact ID and former-ID lookup fail. Defaults to ID-typo recovery then
   * fuzzy linking where available; pass `[]` to link by ID only.
   */
  readonly linkers?: readonly FallbackLinker[];
  /**
   * Handle only partition `index` of `count` (see `partitionKey`): for running a national reconciliation as
   * independent jobs whose statistics `mergeStats` adds up to the single-run figures.
   */
  readonly partition?: Partition;
  /** Sector rules applied after classification (a profile's `rules`). */
  readonly rules?: readonly SectorRule[];
  /**
   * ID-typo recovery and fuzzy linking (thresholds, m/u parameters, blocking rules; see docs/linking.md),
   * or `false` to link by exact and former ID only. Ignored when `linkers` is given.
   */
  readonly fuzzy?: FuzzyOptions | false;
}

/** Options after validation, with the as-of date parsed. */
export interface ResolvedOptions extends Omit<ReconcileOptions, 'asOf'> {
  readonly asOf?: PartialDate;
}

/** Thrown for options that cannot be used (a programming error, not bad data). */
export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionsError';
  }
}

/**
 * Validates options and parses `asOf`. Throws {@link OptionsError} for invalid options: they come from
 * the caller, not from the data, so failing fast is right.
 *
 * @example
 * resolveOptions({ asOf: '2026-01-01' }).asOf //=> { year: 2026, month: 1, day: 1 }
 */
export function resolveOptions(options: ReconcileOptions = {}): ResolvedOptions {
  const { linkers, rules, ...rest } = options;
  const parsed = reconcileOptionsSchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OptionsError(`invalid option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  let asOf: PartialDate | undefined;
  if (options.asOf !== undefined) {
    if (typeof options.asOf === 'object' && !(options.asOf instanceof Date)) asOf = options.asOf;
    else {
      const r = parsePartialDate(options.asOf);
      if (!r.ok) throw new OptionsError('invalid option asOf: expected a date such as 2026-01-01');
      asOf = r.value;
    }
  }
  const out: Record<string, unknown> = { ...options };
  delete out['asOf'];
  if (asOf !== undefined) out['asOf'] = asOf;
  if (linkers !== undefined) out['linkers'] = linkers;
  if (rules !== undefined) out['rules'] = rules;
  return out as ResolvedOptions;
}
