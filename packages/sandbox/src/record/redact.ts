/**
 * Redaction of recorded exchanges: no secret, signature, token or nonce is written to a recording
 * file. Everything else keeps its bytes, so a replayed answer is the recorded one exactly (JSON
 * bodies are edited as text, never re-serialised: Winit quantities are exact decimals).
 * docs/protocols/kingdee.md §5–§6 (X-Api-Signature, X-Api-Nonce, app_signature, app-token,
 * access_token, appSecret), docs/protocols/winit.md §2–§3 (sign, client_sign, token).
 */

export const REDACTED = '[redacted]';

/** Headers whose value is a signature, nonce, token or session. */
const SECRET_HEADERS = new Set([
  'x-api-signature',
  'x-api-nonce',
  'app-token',
  'authorization',
  'cookie',
  'set-cookie',
]);

/** Query parameters and JSON fields whose value is a secret, signature, token or nonce. */
const SECRET_FIELDS = [
  'app_signature',
  'signature',
  'sign',
  'client_sign',
  'token',
  'client_secret',
  'access_token',
  'app-token',
  'app_token',
  'appSecret',
  'app_secret',
  'secret',
  'nonce',
];
const SECRET_FIELD_SET = new Set(SECRET_FIELDS);

/**
 * The headers without their secret values (names lower-cased). `keep` names headers of the list
 * to show anyway, for a view that is not a recording.
 */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  keep: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    out[lower] = SECRET_HEADERS.has(lower) && !keep.has(lower) ? REDACTED : value;
  }
  return out;
}

/** The query text with the value of every secret parameter replaced; the rest byte for byte. */
export function redactQuery(query: string): string {
  return query
    .split('&')
    .map((part) => {
      const at = part.indexOf('=');
      if (at === -1) return part;
      let name = part.slice(0, at);
      try {
        name = decodeURIComponent(name);
      } catch {
        // An undecodable name is compared as sent.
      }
      return SECRET_FIELD_SET.has(name)
        ? `${part.slice(0, at)}=${encodeURIComponent(REDACTED)}`
        : part;
    })
    .join('&');
}

const escaped = SECRET_FIELDS.map((name) => name.replace(/[-]/g, '\\-')).join('|');
/**
 * `"field": "string"` or `"field": scalar`, for any secret field, anywhere in a JSON text; a string
 * left open runs to the end (a text cut inside the value, gateway/kept-text.ts).
 */
const SECRET_MEMBER = new RegExp(
  `("(?:${escaped})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*(?:"|\\\\?$)|[^,}\\]\\s]+)`,
  'g',
);

/** A JSON (or any) text with the value of every secret member replaced; the rest byte for byte. */
export function redactJsonText(text: string): string {
  return text.replace(SECRET_MEMBER, (_, member: string) => `${member}"${REDACTED}"`);
}
