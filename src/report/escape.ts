/**
 * HTML building with escaping by default: every interpolated value is escaped unless it is already
 * {@link SafeHtml}. Data (names, keys, file names) therefore cannot inject markup or script into the report.
 */

/** A fragment of HTML that is already safe to insert (built by {@link html} or {@link trusted}). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into {@link html}: safe fragments pass through, text is escaped, nullish and `false` vanish. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Escapes text for use in HTML content and quoted attribute values.
 *
 * @example
 * escapeHtml('<b>"Lê" & Co</b>') //=> '&lt;b&gt;&quot;Lê&quot; &amp; Co&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return escapeHtml(Number.isFinite(value) ? String(value) : '');
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/**
 * Tagged template that escapes every interpolation (arrays are concatenated).
 *
 * @example
 * html`<td>${'<script>'}</td>`.value //=> '<td>&lt;script&gt;</td>'
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/**
 * Marks a constant written in this code base (CSS, the script) as safe. Never pass data to it.
 *
 * @example
 * trusted('<br>').value //=> '<br>'
 */
export function trusted(constant: string): SafeHtml {
  return new SafeHtml(constant);
}
