/**
 * A copy of `s` that does not keep a larger string alive. Engines represent a substring (a CSV cell cut
 * from its line, a line cut from a read chunk) as a view into its parent, so keeping a cell kept its
 * whole line: a 1M-citizen reference held ~125 MB of lines that way. Concatenating then cutting forces
 * a fresh copy of just the characters; elsewhere it is merely a cheap copy.
 *
 * @example
 * ownString('Nguyễn Văn An') //=> 'Nguyễn Văn An'
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : `${s} `.slice(0, -1);
}
