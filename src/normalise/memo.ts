import { ownString } from '../reference/ownString.js';

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
      // Kept as a copy: a cell cut from a large read chunk would otherwise keep the chunk alive.
      memo.set(ownString(text), r);
    }
    return r;
  };
}
