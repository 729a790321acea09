import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { buildUrlQuery, canonicalizeRawQuery, gwEncode, type QueryParam } from './encoding.js';

/** Header names of docs/protocols/kingdee.md §3, spelled as the documentation and vectors spell them. */
export const KINGDEE_HEADERS = {
  contentType: 'Content-Type',
  clientId: 'X-Api-ClientID',
  authVersion: 'X-Api-Auth-Version',
  timestamp: 'X-Api-TimeStamp',
  nonce: 'X-Api-Nonce',
  signHeaders: 'X-Api-SignHeaders',
  signature: 'X-Api-Signature',
  appToken: 'app-token',
  routerAddr: 'X-GW-Router-Addr',
  /** Sandbox only: base64 of the string-to-sign the sandbox built, on a signature refusal (§5.3). */
  mockStringToSign: 'X-Kingdee-Mock-String-To-Sign',
} as const;

/** `X-Api-Auth-Version` value (§3). */
export const KINGDEE_AUTH_VERSION = '2.0';
/** `X-Api-SignHeaders` in its documented form (§3). */
export const KINGDEE_SIGN_HEADERS = 'X-Api-TimeStamp,X-Api-Nonce';

export interface StringToSignInput {
  method: string;
  /** Path only, without host or query. */
  path: string;
  /** `canonical_query` (§4), `""` without parameters. */
  canonicalQuery: string;
  nonce: string;
  timestamp: string;
}

/** One line of the string-to-sign: what it is, its value, and the exact text it adds. */
export interface StringToSignPart {
  name: string;
  value: string;
  /** The characters this part adds to the string-to-sign (the line and its newline). */
  text: string;
}

/**
 * Visits the lines of the string-to-sign `S` of §5.1 in order. Sign-header lines are lowercase
 * and sorted (nonce before timestamp); every line, the last included, ends with a newline: without
 * the final one the documented example fails. The one place the layout is written.
 */
function visitParts(
  input: StringToSignInput,
  visit: (name: string, value: string, text: string) => void,
): void {
  const method = input.method.toUpperCase();
  const path = gwEncode(input.path);
  visit('method', method, `${method}\n`);
  visit('path', path, `${path}\n`);
  visit('canonical_query', input.canonicalQuery, `${input.canonicalQuery}\n`);
  visit('x-api-nonce', input.nonce, `x-api-nonce:${input.nonce}\n`);
  visit('x-api-timestamp', input.timestamp, `x-api-timestamp:${input.timestamp}\n`);
}

/** The lines of the string-to-sign of §5.1, in order: what the sandbox's inspector shows. */
export function stringToSignParts(input: StringToSignInput): StringToSignPart[] {
  const parts: StringToSignPart[] = [];
  visitParts(input, (name, value, text) => parts.push({ name, value, text }));
  return parts;
}

/** The string-to-sign `S` of §5.1: the texts of its lines joined. */
export function buildStringToSign(input: StringToSignInput): string {
  let text = '';
  visitParts(input, (_name, _value, part) => {
    text += part;
  });
  return text;
}

/** Lowercase hex of HMAC-SHA256 over UTF-8 key and message. */
export function hmacSha256Hex(key: string, message: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8'))
    .update(Buffer.from(message, 'utf8'))
    .digest('hex');
}

/** Base64 of the ASCII hex text (not of the raw digest): always 88 characters (§5.1). */
export function hexToSignature(hex: string): string {
  return Buffer.from(hex, 'ascii').toString('base64');
}

/** `X-Api-Signature` for a string-to-sign (§5.1). */
export function signStringToSign(clientSecret: string, stringToSign: string): string {
  return hexToSignature(hmacSha256Hex(clientSecret, stringToSign));
}

/** `app_signature = Base64(hex(HMAC-SHA256(key = appSecret, msg = appKey)))` (§5.2). */
export function computeAppSignature(appSecret: string, appKey: string): string {
  return hexToSignature(hmacSha256Hex(appSecret, appKey));
}

/** Length-safe constant-time comparison of two ASCII/UTF-8 strings (§5.3 step 5). */
export function constantTimeEqual(a: string, b: string): boolean {
  // UTF-16 code units, not UTF-8: lone surrogates would all encode to U+FFFD and compare equal.
  const left = Buffer.from(a, 'utf16le');
  const right = Buffer.from(b, 'utf16le');
  if (left.length !== right.length) {
    // Still spend a comparison so the timing does not reveal where the lengths differ.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** A random positive integer as 16 decimal digits (§3: any positive integer). */
export function randomNonce(): string {
  // 16 digits, not the Java SDK's 10: within the 5-minute replay window, 10 random digits repeat
  // with a probability near n²/1.8·10¹⁰ (5 % at 100 requests a second), and a repeat is refused.
  // randomInt spans at most 2^48, so the number is drawn in two halves.
  return `${randomInt(10_000_000, 100_000_000)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface SignRequestInput {
  clientId: string;
  clientSecret: string;
  method: 'GET' | 'POST';
  path: string;
  /** Decoded parameters, in any order; they are encoded and sorted here. */
  query?: Iterable<QueryParam> | undefined;
  nonce: string;
  /** Epoch milliseconds as decimal text. */
  timestamp: string;
  /** Business calls only (§3). */
  appToken?: string | undefined;
  /** Business calls only: the account's `domain`; a trailing `/` is removed (§3). */
  domain?: string | undefined;
}

export interface SignedRequest {
  /** Request target: path, plus `?` and `urlQuery` when there are parameters. */
  url: string;
  urlQuery: string;
  canonicalQuery: string;
  stringToSign: string;
  hmacHex: string;
  signature: string;
  /** Every header the client sends, in the order of the documentation. */
  headers: Record<string, string>;
}

/** Builds the wire query, string-to-sign, signature and headers of one call (§3–§5). */
export function signRequest(input: SignRequestInput): SignedRequest {
  const urlQuery = buildUrlQuery(input.query ?? []);
  const canonicalQuery = canonicalizeRawQuery(urlQuery);
  const stringToSign = buildStringToSign({
    method: input.method,
    path: input.path,
    canonicalQuery,
    nonce: input.nonce,
    timestamp: input.timestamp,
  });
  const hmacHex = hmacSha256Hex(input.clientSecret, stringToSign);
  const signature = hexToSignature(hmacHex);
  const headers: Record<string, string> = {
    [KINGDEE_HEADERS.contentType]: 'application/json',
    [KINGDEE_HEADERS.clientId]: input.clientId,
    [KINGDEE_HEADERS.authVersion]: KINGDEE_AUTH_VERSION,
    [KINGDEE_HEADERS.timestamp]: input.timestamp,
    [KINGDEE_HEADERS.nonce]: input.nonce,
    [KINGDEE_HEADERS.signHeaders]: KINGDEE_SIGN_HEADERS,
    [KINGDEE_HEADERS.signature]: signature,
  };
  if (input.appToken !== undefined) headers[KINGDEE_HEADERS.appToken] = input.appToken;
  if (input.domain !== undefined) {
    headers[KINGDEE_HEADERS.routerAddr] = input.domain.replace(/\/+$/, '');
  }
  return {
    url: urlQuery === '' ? input.path : `${input.path}?${urlQuery}`,
    urlQuery,
    canonicalQuery,
    stringToSign,
    hmacHex,
    signature,
    headers,
  };
}
