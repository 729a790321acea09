/** Placeholder written wherever a secret value would otherwise appear. */
export const REDACTED = '[REDACTED]';

/** Replaces every known secret value (and its URL-encoded forms) inside `text` with {@link REDACTED}. */
export type Redactor = (text: string) => string;

const MIN_SECRET_LENGTH = 4;

/**
 * Builds a redactor for a set of secret values. Secrets shorter than four characters are ignored:
 * scrubbing "a" out of every message would destroy the message without protecting anything.
 * Encoded variants are covered because secrets travel in query strings and JSON.
 */
export function createRedactor(secrets: Iterable<string | undefined | null>): Redactor {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    needles.add(encodeURIComponent(encodeURIComponent(secret)));
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  if (needles.size === 0) return (text) => text;
  // Longest first so that an encoded form is replaced whole rather than partially.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const needle of ordered) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  };
}

/** Deep-copies plain data, redacting every string. Non-plain objects become their redacted string form. */
export function redactValue(value: unknown, redact: Redactor, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[Truncated]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redactValue(item, redact, depth + 1);
  }
  return out;
}

const SECRET_KEY =
  /^(client[-_]?secret|app[-_]?secret|appsecret|secret|token|app[-_]?token|access[-_]?token|authorization|sign|client[-_]?sign|x-api-signature|app[-_]?signature|password)$/i;

/** True for header or field names whose values are credentials, whatever their value. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Redacts a URL or path: query values whose parameter name is a credential (`app_signature`,
 * `token`, `sign`, …, see {@link isSecretKey}) become {@link REDACTED}, then known secret values
 * are scrubbed from the rest. URLs reach logs and error messages; a signed query must not.
 */
export function redactUrl(url: string, redact: Redactor): string {
  const mark = url.indexOf('?');
  if (mark < 0) return redact(url);
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      // A malformed escape is judged as written.
      return isSecretKey(decodeLoosely(pair.slice(0, eq)))
        ? `${pair.slice(0, eq)}=${REDACTED}`
        : pair;
    })
    .join('&');
  return redact(`${url.slice(0, mark)}?${query}`);
}

const JSON_MEMBER = /"([^"\\]{1,64})"\s*:\s*("(?:[^"\\]|\\.)*"?|[^,{}[\]\s"]+)/g;

/**
 * Redacts a snippet of a response body before it goes into an error message: members whose key is a
 * credential (`"appSecret":"…"`, `"access_token":"…"`, even one cut off at the end of a truncated
 * body) become `"key":"[REDACTED]"`, then known secret values are scrubbed. Secrets arrive in
 * answers (token flows) before anyone could register them.
 */
export function redactBodySnippet(text: string, redact: Redactor): string {
  return redact(
    text.replace(JSON_MEMBER, (member, key: string) =>
      isSecretKey(key) ? `"${key}":"${REDACTED}"` : member,
    ),
  );
}

/**
 * The credential values one request carries (signatures, tokens): values of credential-named
 * headers, query parameters and JSON body members ({@link isSecretKey}). They are different for
 * every attempt and a gateway may echo them; the transport redacts them from that attempt's errors.
 */
export function requestSecretValues(
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) if (isSecretKey(name)) values.push(value);
  const mark = path.indexOf('?');
  if (mark >= 0) collectPairs(path.slice(mark + 1), values);
  if (body !== undefined) {
    if (/^\s*[{[]/.test(body)) {
      for (const [, key, raw] of body.matchAll(JSON_MEMBER)) {
        if (!isSecretKey(key as string) || !raw?.startsWith('"')) continue;
        try {
          values.push(JSON.parse(raw.endsWith('"') ? raw : `${raw}"`) as string);
        } catch {
          values.push(raw.slice(1, -1));
        }
      }
    } else {
      collectPairs(body, values);
    }
  }
  return values;
}

function collectPairs(query: string, values: string[]): void {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const raw = pair.slice(eq + 1);
    if (!isSecretKey(decodeLoosely(pair.slice(0, eq)))) continue;
    // Both forms: a gateway may echo the value as sent or decoded.
    values.push(raw, decodeLoosely(raw));
  }
}

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Copies headers, replacing the values of credential headers with {@link REDACTED}. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = isSecretKey(name) ? REDACTED : value;
  return out;
}
