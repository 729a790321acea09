/**
 * What a gateway answers when it turns a request down, in one shape for both gateways. A refusal
 * says exactly why: the field at fault, the rule it broke, what the sandbox expected and, when one
 * is likely, the cause to look for. Each provider answers it in its own envelope
 * (`envelope.refuse`), so the reason reads the same whichever gateway a client talks to.
 */
import type { SignatureFailure } from './signature-failure.js';

export class Refusal {
  /** HTTP status of the answer (Kingdee 519 for gateway errors, 429, otherwise 200). */
  readonly status: number;
  /** The provider's code: Kingdee `errcode` (`4008`), Winit `code` (`1004`). */
  readonly code: string;
  /** The field at fault: a header, an envelope field, a parameter, or `body`. */
  readonly field: string;
  /** The rule it broke, phrased to follow the field: `is missing`, `"x" is not digits`. */
  readonly rule: string;
  /** What the sandbox expected instead, when one value or form would do. */
  readonly expected: string | undefined;
  /** The likely cause, when there is one worth naming. */
  readonly hint: string | undefined;
  /** Extra answer headers (the sandbox's string-to-sign on a signature failure). */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The client mistake a signature diagnosis named (`double-encoded-values`), for the log. */
  readonly mistake: string | undefined;
  /** On a signature failure: what the request inspector shows of it (issue #16). */
  readonly signature: SignatureFailure | undefined;

  constructor(init: RefusalInit) {
    this.status = init.status ?? 200;
    this.code = init.code;
    this.field = init.field;
    this.rule = init.rule;
    this.expected = init.expected;
    this.hint = init.hint;
    this.headers = init.headers;
    this.signature = init.signature;
    this.mistake = init.signature?.mistake?.name;
  }

  /** `field rule: expected … (hint)`, the detail every envelope carries. */
  describe(): string {
    const expected = this.expected === undefined ? '' : `: expected ${this.expected}`;
    const hint = this.hint === undefined ? '' : ` (${this.hint})`;
    return `${this.field} ${this.rule}${expected}${hint}`;
  }
}

export interface RefusalInit {
  status?: number | undefined;
  code: string;
  field: string;
  rule: string;
  expected?: string | undefined;
  hint?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  signature?: SignatureFailure | undefined;
}

/** What a gateway sends back; `verdict` goes to the request log (never a secret). */
export interface Answer {
  status: number;
  body: string | Uint8Array<ArrayBuffer>;
  /** The provider code of a refusal, for the log; absent on success. */
  code?: string | undefined;
  verdict: string;
  headers?: Readonly<Record<string, string>> | undefined;
  /** The client mistake a signature diagnosis named, for the log. */
  mistake?: string | undefined;
  /** What the log names as the route when it is not the path (Winit: the action). */
  route?: string | undefined;
}

/** How a provider answers, in its own envelope. */
export interface Envelope {
  /** A refusal, with its detail, in the provider's error envelope. */
  refuse(refusal: Refusal): Answer;
  /** The provider's internal-failure answer, never a 5xx; the cause goes to the log only. */
  internalFailure(error: unknown): Answer;
}

/** `text`, cut to `max` characters with an ellipsis: echoed input stays readable. */
export const clip = (text: string, max = 80): string =>
  text.length > max ? `${text.slice(0, max)}…` : text;

/** `text` clipped and JSON-quoted, as Winit refusals echo values. */
export const quote = (text: string, max = 60): string => JSON.stringify(clip(text, max));
