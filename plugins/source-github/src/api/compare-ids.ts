/** Orders GitHub's numeric ids given as strings (event ids pass 2^32): by length, then digit by digit. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
