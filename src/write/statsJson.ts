/**
 * Statistics as JSON, with a JSON Schema generated from the zod schema (published as docs/stats.schema.json).
 */
import { z } from 'zod';
import { statsSchema, scorecard, type ReconcileStats } from '../stats/stats.js';

/**
 * The JSON Schema of the stats object (draft 2020-12), generated from `statsSchema`.
 *
 * @example
 * statsJsonSchema().type //=> 'object'
 */
export function statsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(statsSchema) as Record<string, unknown>;
  return { title: 'doisoat reconciliation statistics', ...schema };
}

/**
 * The statistics as pretty JSON (with a `version` field; the scorecard is added under `scorecard` for readers
 * that do not want to derive it). The counts are checked against the schema first.
 *
 * @example
 * JSON.parse(statsJson(emptyStats())).version //=> 1
 */
export function statsJson(stats: ReconcileStats): string {
  const parsed = statsSchema.parse(stats);
  return `${JSON.stringify({ ...parsed, scorecard: scorecard(parsed) }, null, 2)}\n`;
}
