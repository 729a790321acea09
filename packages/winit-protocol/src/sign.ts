import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The signed envelope members, docs/protocols/winit.md §2 and §4. `language` and `client_id` travel
 * in the body but are not signed; `data` is signed as DATA (§3), passed separately.
 */
export interface SignedFields {
  action: string;
  app_key: string;
  format: string;
  platform: string;
  sign_method: string;
  timestamp: string;
  version: string;
}

/** Placeholders used where a string-to-sign is shown without its secret (sandbox debug header, §7). */
export const TOKEN_PLACEHOLDER = '{token}';
export const CLIENT_SECRET_PLACEHOLDER = '{client_secret}';

/** One part of P(secret): what it is, its value, and the exact text it adds. */
export interface StringToSignPart {
  name: string;
  value: string;
  /** The characters this part adds to the string-to-sign (a member's name and value). */
  text: string;
}

/** The signed members in the fixed order of §4 (`data` is DATA, passed separately). */
const SIGNED_ORDER = [
  'action',
  'app_key',
  'data',
  'format',
  'platform',
  'sign_method',
  'timestamp',
  'version',
] as const;

/**
 * Visits the parts of P(secret) of §4 in order: the secret, each signed member's name and value
 * (no separators; a missing value contributes `""`), the secret again. The one place the layout
 * is written: {@link buildStringToSign} joins the texts, {@link stringToSignParts} lists the parts.
 */
function visitParts(
  fields: Partial<SignedFields>,
  dataString: string,
  secret: string,
  visit: (name: string, value: string, text: string) => void,
): void {
  visit('secret', secret, secret);
  for (const name of SIGNED_ORDER) {
    const value = name === 'data' ? dataString : (fields[name] ?? '');
    visit(name, value, name + value);
  }
  visit('secret', secret, secret);
}

/** The parts of P(secret) of §4, in order: what the sandbox's inspector shows (secret as a placeholder). */
export function stringToSignParts(
  fields: Partial<SignedFields>,
  dataString: string,
  secret: string,
): StringToSignPart[] {
  const parts: StringToSignPart[] = [];
  visitParts(fields, dataString, secret, (name, value, text) => parts.push({ name, value, text }));
  return parts;
}

/** P(secret) of §4: the texts of its parts joined (no allocation per part: it is on every request). */
export function buildStringToSign(
  fields: Partial<SignedFields>,
  dataString: string,
  secret: string,
): string {
  let text = '';
  visitParts(fields, dataString, secret, (_name, _value, part) => {
    text += part;
  });
  return text;
}

/** Uppercase hex MD5 of the UTF-8 bytes of `text` (§4: hex is uppercase everywhere). */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
}

/** `sign` (with the merchant token) or `client_sign` (with the client secret), §4. */
export function computeSign(
  fields: Partial<SignedFields>,
  dataString: string,
  secret: string,
): string {
  return md5Hex(buildStringToSign(fields, dataString, secret));
}

/** Constant-time comparison of two signatures; `false` for different lengths. */
export function signaturesEqual(expected: string, actual: string): boolean {
  // UTF-16 code units, not UTF-8: lone surrogates would all encode to U+FFFD and compare equal.
  const a = Buffer.from(expected, 'utf16le');
  const b = Buffer.from(actual, 'utf16le');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every member of a request body, values as sent (all strings, §2). */
export interface EnvelopeFields extends SignedFields {
  language: string;
  sign: string;
  client_id?: string | undefined;
  client_sign?: string | undefined;
}

/**
 * Builds the request body with DATA spliced in verbatim (§5: the bytes sent are the bytes signed):
 * compact JSON, members in ascending key order as in the documented example, `data` as `""` when
 * DATA is empty. Client fields appear only when present (app mode).
 */
export function buildRequestBody(fields: EnvelopeFields, dataString: string): string {
  const members: [string, string][] = [
    ['action', JSON.stringify(fields.action)],
    ['app_key', JSON.stringify(fields.app_key)],
  ];
  if (fields.client_id !== undefined) members.push(['client_id', JSON.stringify(fields.client_id)]);
  if (fields.client_sign !== undefined) {
    members.push(['client_sign', JSON.stringify(fields.client_sign)]);
  }
  members.push(
    ['data', dataString === '' ? '""' : dataString],
    ['format', JSON.stringify(fields.format)],
    ['language', JSON.stringify(fields.language)],
    ['platform', JSON.stringify(fields.platform)],
    ['sign', JSON.stringify(fields.sign)],
    ['sign_method', JSON.stringify(fields.sign_method)],
    ['timestamp', JSON.stringify(fields.timestamp)],
    ['version', JSON.stringify(fields.version)],
  );
  return `{${members.map(([key, value]) => `"${key}":${value}`).join(',')}}`;
}

/** Who signs one request, what and when (§2, §4). */
export interface SignRequestBodyInput {
  action: string;
  /** DATA as `canonicalData` computes it; spliced into the body verbatim (§5). */
  dataString: string;
  /** Merchant account (`app_key`). */
  appKey: string;
  /** Merchant token that signs `sign` (§4). */
  token: string;
  /** `yyyy-MM-dd HH:mm:ss` in the gateway's offset ({@link formatWinitTimestamp}, §9). */
  timestamp: string;
  /** `platform` envelope value; default `""` (merchants). */
  platform?: string | undefined;
  /** `language` envelope value, not signed; default `zh_CN`. */
  language?: string | undefined;
  /** App mode (§2): with `clientSecret`, the body also carries `client_id` and `client_sign`. */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

/**
 * The request body of one call: the envelope of §2 with `sign` (and `client_sign` in app mode)
 * over `dataString`, which is spliced in verbatim (§5: the bytes signed are the bytes sent).
 */
export function signRequestBody(input: SignRequestBodyInput): string {
  const fields: SignedFields = {
    action: input.action,
    app_key: input.appKey,
    format: 'json',
    platform: input.platform ?? '',
    sign_method: 'md5',
    timestamp: input.timestamp,
    version: '1.0',
  };
  const appMode = input.clientId !== undefined && input.clientSecret !== undefined;
  return buildRequestBody(
    {
      ...fields,
      language: input.language ?? 'zh_CN',
      sign: computeSign(fields, input.dataString, input.token),
      client_id: appMode ? input.clientId : undefined,
      client_sign: appMode
        ? computeSign(fields, input.dataString, input.clientSecret ?? '')
        : undefined,
    },
    input.dataString,
  );
}

/**
 * The account a request is signed for: `@inv/winit`'s resolved client options, and any
 * credentials of the same names, have these members.
 */
export interface WinitSigningAccount {
  /** Merchant account (`app_key`). */
  appKey: string;
  /** Merchant token that signs `sign` (§4). */
  token: string;
  /** `platform` envelope value; default `""` (merchants). */
  platform?: string | undefined;
  /** `language` envelope value, not signed; default `zh_CN`. */
  language?: string | undefined;
  /** App mode (§2): with `clientSecret`, the body also carries `client_id` and `client_sign`. */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** The gateway's offset `timestamp` is written in; default UTC+8 (§9). */
  utcOffsetMinutes?: number | undefined;
}

/**
 * The request body of one call of `account`, signed at `epochMs` ({@link signRequestBody} with the
 * `timestamp` of §9): what the client sends on each attempt, and what every other signer of
 * Winit requests (contract probes, the sandbox's signing helper) must send too.
 */
export function signRequestBodyAt(
  account: WinitSigningAccount,
  action: string,
  dataString: string,
  epochMs: number,
): string {
  return signRequestBody({
    action,
    dataString,
    appKey: account.appKey,
    token: account.token,
    timestamp: formatWinitTimestamp(epochMs, account.utcOffsetMinutes),
    platform: account.platform,
    language: account.language,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
}

/** Protocol default: UTC+8 (Asia/Shanghai, no DST), §9 [assumed]. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Formats an instant as `yyyy-MM-dd HH:mm:ss` in a fixed UTC offset (default UTC+8), never the
 * host's zone (§9).
 */
export function formatWinitTimestamp(
  epochMs: number,
  offsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES,
): string {
  const d = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMinutes * 60_000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/**
 * Parses `yyyy-MM-dd HH:mm:ss` read in a fixed UTC offset into epoch milliseconds; `undefined`
 * when the text is malformed or names a date that does not exist (2024-02-30, 24:00:00).
 */
export function parseWinitTimestamp(
  text: string,
  offsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES,
): number | undefined {
  const match = TIMESTAMP_TEXT.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const local = new Date(utc);
  if (
    local.getUTCFullYear() !== year ||
    local.getUTCMonth() !== month - 1 ||
    local.getUTCDate() !== day ||
    local.getUTCHours() !== hour ||
    local.getUTCMinutes() !== minute ||
    local.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  return utc - offsetMinutes * 60_000;
}
