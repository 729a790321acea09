/**
 * What the request log keeps of one request for the request inspector (issue #16). Recording it
 * must stay cheap on the benchmarked routes: it holds references the pipeline already has (the
 * parsed headers, the query or body text, the refusal) and builds nothing until a detail is asked
 * for (`request-detail.ts`). Never a secret: no client secret, token or signing key is held.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Refusal } from './refusal.js';
import type { StringToSignPart } from './signature-mistake.js';

/** Headers as received: Node's parsed object under @hono/node-server, fetch `Headers` otherwise. */
export type HeaderSource = IncomingHttpHeaders | Headers;

/** What a gateway adds for the inspector once it has read a request. */
export interface Inspection {
  /** The query text as received (Kingdee). */
  query?: string | undefined;
  /**
   * The body text as received, already cut to the log's cap: Winit's envelope; Kingdee's when it
   * read one (a GET's JSON parameters, docs/protocols/kingdee.md §11.5, or a POST's body).
   */
  body?: string | undefined;
  /**
   * The sandbox's string-to-sign in parts, secrets as placeholders, built only when shown;
   * `undefined` when the request was refused before it was signed.
   */
  stringToSign?: (() => readonly StringToSignPart[]) | undefined;
}

/** Everything the inspector can show of a logged request. */
export interface RequestEvidence {
  headers: HeaderSource;
  /** The refusal that answered, with its signature failure if the signature was refused. */
  refusal: Pick<Refusal, 'code' | 'field' | 'rule' | 'expected' | 'hint' | 'signature'> | undefined;
  inspection: Inspection | undefined;
}
