/**
 * Reading a Winit request (docs/protocols/winit.md §1–§3, §7 #1): one POSTed JSON object, whatever the
 * Content-Type, with the envelope fields of §2 and a `data` that canonicalises (§3).
 */
import {
  CanonicalDataError,
  canonicalData,
  type SignedFields,
  WINIT_CODES,
  winitReference,
} from '@inv/winit-protocol';
import type { Context } from 'hono';
import { quote, type Refusal } from '../../gateway/refusal.js';
import { readBody } from '../../http.js';
import { kindOf, winitRefusal } from './envelope.js';

const REQUIRED_FIELDS = [
  'action',
  'app_key',
  'format',
  'sign',
  'sign_method',
  'timestamp',
  'version',
] as const;
const OPTIONAL_FIELDS = ['platform', 'language', 'client_id', 'client_sign'] as const;

/** One request as the checks see it; each check fills in what it established. */
export interface WinitRequest {
  /** The body text as received (BOM removed), for `strictDataBytes`. */
  body: string;
  fields: SignedFields;
  sign: string;
  clientId: string | undefined;
  clientSign: string | undefined;
  data: unknown;
  /** canon(data), what the signatures cover (§3). */
  dataString: string;
  /** The sandbox clock when the request was read: every check uses the same instant. */
  now: number;
  /** Set by `identify`: the merchant token and, in app mode, the client secret. */
  token: string;
  clientSecret: string | undefined;
}

const invalid = (field: string, rule: string, expected?: string, hint?: string): Refusal =>
  winitRefusal(WINIT_CODES.invalidEnvelope, field, rule, expected, hint);

/** §7 #1: a POST whose body is one JSON object with a valid envelope. */
export async function readWinitRequest(
  c: Context,
  maxBodyBytes: number,
  now: number,
): Promise<WinitRequest | Refusal> {
  if (c.req.method !== 'POST') {
    return invalid('method', `${c.req.method} is not accepted`, 'POST (one JSON body)');
  }
  const text = await readBody(c, maxBodyBytes);
  if (text === undefined) return invalid('request body', `exceeds the ${maxBodyBytes}-byte limit`);
  const body = text.replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return invalid(
      'body',
      `is not valid JSON (${(error as Error).message})`,
      'one JSON object, UTF-8, whatever the Content-Type',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return invalid('body', `is ${kindOf(parsed)}`, 'a JSON object');
  }
  const envelope = parsed as Record<string, unknown>;
  for (const field of REQUIRED_FIELDS) {
    const value = envelope[field];
    if (value === undefined || value === null) {
      return invalid(
        field,
        'is missing',
        `a string (required envelope field, ${winitReference('2')})`,
      );
    }
    if (typeof value !== 'string') return invalid(field, `is ${kindOf(value)}`, 'a string');
    if (value.trim() === '') {
      return invalid(
        field,
        'is blank',
        `a value (required envelope field, ${winitReference('2')})`,
      );
    }
  }
  for (const field of OPTIONAL_FIELDS) {
    const value = envelope[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return invalid(field, `is ${kindOf(value)}`, 'a string');
    }
  }
  const str = (field: string): string | undefined => {
    const value = envelope[field];
    return typeof value === 'string' ? value : undefined;
  };
  const fields: SignedFields = {
    action: str('action') ?? '',
    app_key: str('app_key') ?? '',
    format: str('format') ?? '',
    platform: str('platform') ?? '',
    sign_method: str('sign_method') ?? '',
    timestamp: str('timestamp') ?? '',
    version: str('version') ?? '',
  };
  if (fields.format !== 'json') {
    return invalid('format', `${quote(fields.format)} is not supported`, '"json"');
  }
  if (fields.sign_method !== 'md5') {
    return invalid('sign_method', `${quote(fields.sign_method)} is not supported`, '"md5"');
  }
  if (fields.version !== '1.0') {
    return invalid(
      'version',
      `${quote(fields.version)} is not supported`,
      '"1.0"',
      'the API version, not a row version',
    );
  }
  const data = envelope.data;
  let dataString: string;
  try {
    dataString = canonicalData(data);
  } catch (error) {
    if (!(error instanceof CanonicalDataError)) throw error;
    return invalid('data', `cannot be canonicalised: ${error.message}`);
  }
  return {
    body,
    fields,
    sign: str('sign') ?? '',
    clientId: str('client_id'),
    clientSign: str('client_sign'),
    data,
    dataString,
    now,
    token: '',
    clientSecret: undefined,
  };
}
