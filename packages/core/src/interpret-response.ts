import { RateLimitedError, ResponseShapeError, TransportError } from './errors.js';
import { parseExactJson } from './exact-json.js';
import { createRedactor, type Redactor, redactBodySnippet } from './redact.js';
import type { TransportResponse } from './transport-types.js';

const NO_SECRETS: Redactor = createRedactor([]);

/** Parses a `Retry-After` header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Standard handling of HTTP statuses a provider does not answer with its own envelope:
 * 429 → {@link RateLimitedError} (honouring Retry-After), 408/5xx → retryable {@link TransportError},
 * other non-2xx → non-retryable {@link TransportError}. Returns nothing for statuses the caller handles.
 */
export function assertHttpStatus(
  response: TransportResponse,
  provider: string,
  handled: readonly number[] = [],
): void {
  const { status } = response;
  if ((status >= 200 && status < 300) || handled.includes(status)) return;
  const snippet = redactBodySnippet(response.text.slice(0, 200).replace(/\s+/g, ' '), NO_SECRETS);
  if (status === 429) {
    throw new RateLimitedError(`${provider} answered HTTP 429 (too many requests)`, {
      provider,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      details: { status },
    });
  }
  throw new TransportError(`${provider} answered HTTP ${status}${snippet ? `: ${snippet}` : ''}`, {
    provider,
    status,
    retryable: status === 408 || status >= 500,
  });
}

/**
 * Parses a JSON body exactly ({@link parseExactJson}: numbers a double would change arrive as their
 * text, a repeated key is a `DuplicateKeyError`). An empty, truncated or non-JSON body (an HTML
 * error page from a proxy, a cut connection) is a retryable {@link TransportError}: the request may
 * succeed when repeated.
 */
export function parseJsonResponse(response: TransportResponse, provider: string): unknown {
  const text = response.text;
  if (text.trim() === '') {
    throw new TransportError(`${provider} answered HTTP ${response.status} with an empty body`, {
      provider,
      status: response.status,
      retryable: true,
    });
  }
  try {
    return parseExactJson(text, { provider });
  } catch (cause) {
    if (cause instanceof ResponseShapeError) throw cause;
    const looksHtml = /^\s*</.test(text);
    throw new TransportError(
      `${provider} answered HTTP ${response.status} with ${looksHtml ? 'an HTML page' : 'a body that is not valid JSON'} (${text.length} bytes): ${redactBodySnippet(text.slice(0, 120).replace(/\s+/g, ' '), NO_SECRETS)}`,
      { provider, status: response.status, cause, retryable: true },
    );
  }
}
