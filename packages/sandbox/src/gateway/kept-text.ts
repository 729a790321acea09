/**
 * Texts the request log keeps for the inspector are cut to a cap: the log holds 500 entries and
 * must stay bounded (docs/reliability.md), so no request body or data text is kept whole.
 */

/** Characters kept of one text (a header value, the body, a part of a string-to-sign). */
export const KEPT_TEXT_CHARS = 4096;

/**
 * `text`, or as much of its start as fits in `max` characters with a note saying it was cut (so
 * cutting a cut text again changes nothing). The kept part is copied so the log does not hold the
 * whole original through a V8 sliced string.
 */
export function keepText(text: string, max = KEPT_TEXT_CHARS): string {
  if (text.length <= max) return text;
  const note = `… [cut: ${text.length} characters in all]`;
  const head = Buffer.from(text.slice(0, Math.max(0, max - note.length)), 'utf8').toString('utf8');
  return `${head}${note}`;
}
