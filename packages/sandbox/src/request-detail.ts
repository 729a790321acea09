/**
 * The detail of one logged request, as `GET /_sandbox/requests/:id` answers it and the request
 * inspector shows it (issue #16): headers and body with secrets redacted, the sandbox's
 * string-to-sign and its parts, and for a signature failure both signatures and the first point
 * where the diagnosed mistake's string-to-sign differs. Built only when asked for.
 */
import type { RequestLogEntry } from './context.js';
import type { HeaderSource, RequestEvidence } from './gateway/inspection.js';
import { editKept, keepText } from './gateway/kept-text.js';
import type { Difference } from './gateway/signature-failure.js';
import type { StringToSignPart } from './gateway/signature-mistake.js';
import { redactHeaders, redactJsonText, redactQuery } from './record/redact.js';

export interface RequestDetail {
  request: RequestLogEntry;
  /** Names lower-cased; signatures, nonces, tokens and authorizations redacted. */
  headers: Record<string, string>;
  /** Kingdee: the query as sent, secret parameters redacted. */
  query?: string | undefined;
  /**
   * The body as sent (Winit; Kingdee when the sandbox read one), `sign`, `client_sign` and any
   * secret member redacted.
   */
  body?: string | undefined;
  /** The check that refused the request. */
  refusal?:
    | { code: string; field: string; rule: string; expected?: string; hint?: string }
    | undefined;
  /** The sandbox's string-to-sign (secrets as placeholders) and the parts it joined. */
  stringToSign?: { text: string; parts: { name: string; value: string }[] } | undefined;
  /** On a signature failure: what the sandbox computed beside what the request carried. */
  signature?:
    | {
        expected: string;
        carried: string;
        mistake?: {
          name: string;
          hint: string;
          stringToSign: string;
          key?: string | undefined;
          difference?: Difference | undefined;
        };
        note?: string;
      }
    | undefined;
}

/**
 * Headers the inspector shows although a recording redacts them: the nonce is no secret (sent in
 * clear, spent once, part of the string-to-sign shown beside it), and a refusal of a reused nonce
 * is only understood by seeing it (docs/protocols/kingdee.md §5.3).
 */
const SHOWN_HEADERS: ReadonlySet<string> = new Set(['x-api-nonce']);

const NO_MISTAKE =
  'no known client mistake reproduces the carried signature: compare the string-to-sign above with the one your client signed';

/** Headers as a plain record, repeated values joined as Node joins them. */
function headerRecord(source: HeaderSource): Record<string, string> {
  const out: Record<string, string> = {};
  if (source instanceof Headers) {
    for (const [name, value] of source) out[name] = value;
    return out;
  }
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const shown = (parts: readonly StringToSignPart[]): RequestDetail['stringToSign'] => ({
  text: keepText(parts.map((part) => part.text).join('')),
  parts: parts.map(({ name, value }) => ({ name, value: keepText(value) })),
});

/** The detail of `entry` from what the log kept of it. */
export function requestDetail(
  entry: RequestLogEntry,
  evidence: RequestEvidence | undefined,
): RequestDetail {
  const detail: RequestDetail = { request: entry, headers: {} };
  if (!evidence) return detail;
  const { refusal, inspection } = evidence;
  for (const [name, value] of Object.entries(
    redactHeaders(headerRecord(evidence.headers), SHOWN_HEADERS),
  )) {
    detail.headers[name] = keepText(value, 1024);
  }
  if (inspection?.query !== undefined) detail.query = keepText(redactQuery(inspection.query));
  if (inspection?.body !== undefined) {
    detail.body = keepText(editKept(inspection.body, redactJsonText));
  }
  if (refusal) {
    const { code, field, rule, expected, hint } = refusal;
    detail.refusal = { code, field, rule };
    if (expected !== undefined) detail.refusal.expected = expected;
    if (hint !== undefined) detail.refusal.hint = hint;
  }
  const failure = refusal?.signature;
  const parts = failure?.parts ?? inspection?.stringToSign?.();
  if (parts) detail.stringToSign = shown(parts);
  if (failure) {
    const { expected, carried, mistake } = failure;
    detail.signature = mistake
      ? {
          expected,
          carried,
          mistake: {
            name: mistake.name,
            hint: mistake.hint,
            stringToSign: mistake.stringToSign,
            key: mistake.key,
            difference: mistake.difference,
          },
        }
      : { expected, carried, note: NO_MISTAKE };
  }
  return detail;
}
