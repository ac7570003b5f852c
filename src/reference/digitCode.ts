/**
 * Numeric code of a string of 1 to `maxLength` ASCII digits, or -1: `value × 16 + length`, so "012" and
 * "12" differ. Exact for up to 14 digits. Lets ID tables and unit-code interners key on a number instead
 * of hashing a fresh string per row.
 *
 * @example
 * digitCode('012', 14) //=> 195
 */
export function digitCode(s: string, maxLength: number): number {
  const n = s.length;
  if (n === 0 || n > maxLength) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v * 16 + n;
}
