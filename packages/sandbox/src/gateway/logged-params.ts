/**
 * What the request log keeps of a request so tests can match on it (`/_sandbox/requests/find`):
 * the Kingdee query parameters and the Winit `data`. Neither carries a credential: Kingdee signs in
 * headers, except `app_signature` on `kingdee_auth_token` (docs/protocols/kingdee.md §5.2), which
 * is left out; Winit's `sign`, `client_sign` and `app_key` sit in the envelope, not in `data` (§2).
 */

/** Query parameters the log never keeps: they are derived from a secret. */
const SECRET_QUERY_PARAMETERS = new Set(['app_signature', 'access_token', 'app_secret']);

/** Larger `data` is not kept: the log holds 500 entries and must stay bounded (docs/reliability.md). */
export const MAX_LOGGED_DATA_CHARS = 4096;

/** Kingdee query parameters, decoded; a repeated name keeps its values in order. */
export function kingdeeLoggedParams(rawQuery: string): Record<string, unknown> | undefined {
  if (rawQuery === '') return undefined;
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    if (SECRET_QUERY_PARAMETERS.has(name.toLowerCase())) continue;
    const held = params[name];
    params[name] = held === undefined ? value : [...(Array.isArray(held) ? held : [held]), value];
  }
  return params;
}

/** Winit `data` when it is an object of a loggable size. */
export function winitLoggedParams(
  data: unknown,
  dataString: string,
): Readonly<Record<string, unknown>> | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return dataString.length <= MAX_LOGGED_DATA_CHARS ? (data as Record<string, unknown>) : undefined;
}
