/**
 * Compares two row `version`s (`yyyyMMddHHmmssSSS` + 4 digits, 21 digits, beyond 2^53): by length,
 * then as text, never as numbers (docs/protocols/winit.md §11.2 [assumed]). Returns -1, 0 or 1.
 */
export function compareVersion(a: string, b: string): -1 | 0 | 1 {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
