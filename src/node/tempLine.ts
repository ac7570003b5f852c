import type { RecordResult } from '../model/types.js';
import { worklistLine, type WorklistOptions } from '../write/worklistCsv.js';

/**
 * One record's line in the streaming runner's temporary file: its worklist line as a JSON string, a tab,
 * and its result as JSON. JSON text never holds a raw tab or newline, so the line splits unambiguously and
 * the second pass copies both parts without re-serialising.
 */
export function tempLine(result: RecordResult, worklistOptions: WorklistOptions): string {
  return `${JSON.stringify(worklistLine(result, worklistOptions))}\t${JSON.stringify(result)}\n`;
}
