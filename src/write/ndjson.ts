/**
 * Full results as NDJSON (one JSON object per line) for programs. Not masked: it is the complete output.
 */
import type { RecordResult } from '../model/types.js';

/**
 * One result as an NDJSON line.
 *
 * @example
 * resultLine({ key: '1', row: 1, status: 'missing', diffs: [], reasons: ['no-candidate'], problems: [], missingFields: [], duplicate: false })
 * //=> '{"key":"1","row":1,"status":"missing","diffs":[],"reasons":["no-candidate"],"problems":[],"missingFields":[],"duplicate":false}\n'
 */
export function resultLine(result: RecordResult): string {
  return `${JSON.stringify(result)}\n`;
}

/**
 * All results as NDJSON, in the order given.
 *
 * @example
 * resultsNdjson(results).split('\n').length - 1 === results.length //=> true
 */
export function resultsNdjson(results: Iterable<RecordResult>): string {
  const parts: string[] = [];
  for (const r of results) parts.push(resultLine(r));
  return parts.join('');
}
