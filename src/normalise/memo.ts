/**
 * Remembers a parser's result for short text cells (bounded: cleared when full). Columns such as gender or
 * vital status hold a handful of distinct strings, so a million rows cost a handful of parses.
 *
 * @example
 * const parse = memoizeText((s) => s.trim().toLowerCase(), 32);
 * parse(' Nam ') //=> 'nam'
 */
export function memoizeText<R>(parse: (text: string) => R, maxLength: number, maxEntries = 4096): (text: string) => R {
  const memo = new Map<string, R>();
  return (text) => {
    if (text.length > maxLength) return parse(text);
    let r = memo.get(text);
    if (r === undefined) {
      r = parse(text);
      if (memo.size >= maxEntries) memo.clear();
      memo.set(text, r);
    }
    return r;
  };
}
