/**
 * Texts the request log keeps for the inspector are cut to a cap: the log holds 500 entries and
 * must stay bounded (docs/reliability.md), so no request body or data text is kept whole.
 */

const cutNote = (length: number): string => `… [cut: ${length} characters in all]`;
const CUT_NOTE = /… \[cut: \d+ characters in all\]$/;

/** Characters kept of one text (a header value, the body, a part of a string-to-sign). */
export const KEPT_TEXT_CHARS = 4096;

/**
 * `text`, or as much of its start as fits in `max` characters with a note saying it was cut (so
 * cutting a cut text again changes nothing). The kept part is copied so the log does not hold the
 * whole original through a V8 sliced string.
 */
export function keepText(text: string, max = KEPT_TEXT_CHARS): string {
  if (text.length <= max) return text;
  const note = cutNote(text.length);
  const head = Buffer.from(text.slice(0, Math.max(0, max - note.length)), 'utf8').toString('utf8');
  return `${head}${note}`;
}

/**
 * `edit` applied to what {@link keepText} kept of a text, its cut note left out of the edit: a cut
 * can fall inside a value, which then runs to the end of what `edit` sees (a redaction must take
 * it whole, not stop at the note).
 */
export function editKept(kept: string, edit: (head: string) => string): string {
  const note = CUT_NOTE.exec(kept);
  return note ? `${edit(kept.slice(0, note.index))}${note[0]}` : edit(kept);
}
