/**
 * The Winit envelope (docs/protocols/winit.md §6–§7): every answer is HTTP 200; a refusal is
 * `{"code":"<code>","msg":"<prefix>: <detail>","data":""}` with the assumed codes of §7.
 */
import { WINIT_CODES, WINIT_MESSAGES } from '@inv/winit-protocol';
import { type Answer, type Envelope, Refusal } from '../../gateway/refusal.js';
import type { SignatureFailure } from '../../gateway/signature-failure.js';

export const winitEnvelope: Envelope = {
  refuse(refusal) {
    const msg = `${WINIT_MESSAGES[refusal.code] ?? ''}: ${refusal.describe()}`;
    return {
      status: 200,
      body: JSON.stringify({ code: refusal.code, msg, data: '' }),
      code: refusal.code,
      verdict: `refused: ${msg}`,
      headers: refusal.headers,
      mistake: refusal.mistake,
    };
  },
  internalFailure(error) {
    return winitEnvelope.refuse(
      winitRefusal(
        WINIT_CODES.internal,
        'request',
        `hit a sandbox failure: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  },
};

/** A Winit refusal (always HTTP 200). */
export const winitRefusal = (
  code: string,
  field: string,
  rule: string,
  expected?: string,
  hint?: string,
  headers?: Record<string, string>,
  signature?: SignatureFailure,
): Refusal => new Refusal({ code, field, rule, expected, hint, headers, signature });

/** How a JSON value reads in a refusal: `null`, `an array`, `a number`. */
export const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/** A successful answer's bytes, for `action`. */
export function successAnswer(body: Uint8Array<ArrayBuffer>, action: string): Answer {
  return { status: 200, body, verdict: 'accepted', route: action };
}
