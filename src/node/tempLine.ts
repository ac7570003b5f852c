import type { RecordResult } from '../model/types.js';
import { worklistLine, type WorklistOptions } from '../write/worklistCsv.js';

/**
 * One record's line in the streaming runner's temporary file: its worklist line, a tab, and its result as
 * JSON. JSON text never holds a raw tab or newline, so the line splits at the first tab. The worklist line
 * is stored as is (its CRLF dropped) when it has no tab or line break inside, else as a JSON string; the
 * first character tells which (`R` raw, `J` JSON). The second pass copies both parts without re-serialising.
 */
export function tempLine(result: RecordResult, worklistOptions: WorklistOptions): string {
  const line = worklistLine(result, worklistOptions);
  const body = line.slice(0, -2);
  const head = /[\t\r\n]/.test(body) ? `J${JSON.stringify(line)}` : `R${body}`;
  return `${head}\t${JSON.stringify(result)}\n`;
}

/** The worklist line stored by {@link tempLine} (the part before the first tab). */
export function worklistFromTemp(head: string): string {
  return head.startsWith('R') ? `${head.slice(1)}\r\n` : (JSON.parse(head.slice(1)) as string);
}
