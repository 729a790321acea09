/**
 * The inventory-change push of docs/protocols/kingdee.md §10.1. Kingdee documents only that it
 * pushes changed inventory ids to subscribers (§9.1, §10); the transport, body, headers and
 * signature below are **[assumed]**, defined once here for the sandbox (which sends them) and the
 * client (which verifies them). Every name is a constant or an option, so the real format can be
 * swapped in when it is known.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { KINGDEE_MAX_IDS } from './constants.js';
import { parseJsonPreservingIntegers } from './json.js';
import { constantTimeEqual } from './signing.js';

/** `event` of an inventory-change delivery [assumed]. */
export const KINGDEE_PUSH_EVENT = 'inv.change';

/** Most ids one delivery carries: what one `inv_synchronous` call accepts (§9.1). */
export const KINGDEE_PUSH_MAX_IDS = KINGDEE_MAX_IDS;

/** Default tolerance between the delivery timestamp and the receiver's clock, as the gateway's (§5.3). */
export const KINGDEE_PUSH_TIMESTAMP_WINDOW_MS = 300_000;

/** Header names of a delivery [assumed]. */
export const KINGDEE_PUSH_HEADERS = {
  /** Unique per delivery, the same on every retry of it. */
  deliveryId: 'X-Inv-Push-Delivery',
  /** Epoch milliseconds as decimal digits, fresh on every attempt. */
  timestamp: 'X-Inv-Push-Timestamp',
  /** HMAC-SHA256 of {@link pushStringToSign} with the subscription secret. */
  signature: 'X-Inv-Push-Signature',
} as const;

export const PUSH_SIGNATURE_ENCODINGS = ['hex', 'base64'] as const;
export type PushSignatureEncoding = (typeof PUSH_SIGNATURE_ENCODINGS)[number];

/** What can differ between the assumed format and the real one without changing code. */
export interface KingdeePushFormat {
  headers: { deliveryId: string; timestamp: string; signature: string };
  /** How the 32-byte HMAC is written in the signature header (default lowercase `hex`). */
  signatureEncoding: PushSignatureEncoding;
}

/** The assumed format (§10.1). */
export const KINGDEE_PUSH_FORMAT: KingdeePushFormat = {
  headers: KINGDEE_PUSH_HEADERS,
  signatureEncoding: 'hex',
};

/** Validates a partial format override (sandbox and receiver options). */
export const kingdeePushFormatSchema = z.object({
  headers: z
    .object({
      deliveryId: z.string().min(1).optional(),
      timestamp: z.string().min(1).optional(),
      signature: z.string().min(1).optional(),
    })
    .optional(),
  signatureEncoding: z.enum(PUSH_SIGNATURE_ENCODINGS).optional(),
});
export type KingdeePushFormatInput = z.input<typeof kingdeePushFormatSchema>;

/** The format with an override applied over the assumed default. */
export function resolvePushFormat(input: KingdeePushFormatInput = {}): KingdeePushFormat {
  return {
    headers: { ...KINGDEE_PUSH_HEADERS, ...stripUndefined(input.headers ?? {}) },
    signatureEncoding: input.signatureEncoding ?? KINGDEE_PUSH_FORMAT.signatureEncoding,
  };
}

const stripUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** An inventory-row id as pushed: 1 to 19 digits, as `inv_synchronous` accepts them (§9.1). */
const pushedIdSchema = z
  .union([z.string(), z.number()], { error: 'expected an id as a string of digits' })
  .transform((input) => String(input))
  .pipe(z.string().regex(/^\d{1,19}$/, { error: 'expected an id of 1 to 19 digits' }));

/**
 * The delivery body [assumed]: `{"event":"inv.change","ids":["…"],"created_at":<epoch ms>}`.
 * `created_at` is when the sandbox batched the changes; retries resend the same body. Unknown
 * members are kept, so an extended body still verifies and parses.
 */
export const kingdeePushBodySchema = z.looseObject({
  event: z.literal(KINGDEE_PUSH_EVENT, { error: `expected event "${KINGDEE_PUSH_EVENT}"` }),
  ids: z
    .array(pushedIdSchema)
    .min(1)
    .max(KINGDEE_PUSH_MAX_IDS, {
      error: `at most ${KINGDEE_PUSH_MAX_IDS} ids per delivery (§9.1)`,
    }),
  created_at: z.number().int().nonnegative(),
});
export type KingdeePushBody = z.output<typeof kingdeePushBodySchema>;

/** The JSON text of a delivery body. Throws a `RangeError` outside 1..100 ids. */
export function buildPushBody(ids: readonly string[], createdAt: number): string {
  if (ids.length === 0 || ids.length > KINGDEE_PUSH_MAX_IDS) {
    throw new RangeError(`a delivery carries 1 to ${KINGDEE_PUSH_MAX_IDS} ids, got ${ids.length}`);
  }
  return JSON.stringify({ event: KINGDEE_PUSH_EVENT, ids, created_at: createdAt });
}

/**
 * Parses a delivery body: ids sent as long JSON numbers keep their digits (§11.2). Returns the
 * body or the reason it is not one.
 */
export function parsePushBody(
  text: string,
): { ok: true; body: KingdeePushBody } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = parseJsonPreservingIntegers(text);
  } catch {
    return { ok: false, message: 'body is not JSON' };
  }
  const parsed = kingdeePushBodySchema.safeParse(value);
  if (parsed.success) return { ok: true, body: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `body ${issue?.path.map(String).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
  };
}

/** The signed text: `timestamp + "\n" + deliveryId + "\n" + body` (UTF-8). */
export function pushStringToSign(timestamp: string, deliveryId: string, body: string): string {
  return `${timestamp}\n${deliveryId}\n${body}`;
}

export interface SignPushDeliveryInput {
  secret: string;
  deliveryId: string;
  /** Epoch milliseconds. */
  timestamp: number;
  /** The exact body text sent. */
  body: string;
  format?: KingdeePushFormat | undefined;
}

/** The signature of one delivery attempt and the headers that carry it. */
export function signPushDelivery(input: SignPushDeliveryInput): {
  signature: string;
  headers: Record<string, string>;
} {
  const format = input.format ?? KINGDEE_PUSH_FORMAT;
  const timestamp = String(Math.trunc(input.timestamp));
  const signature = createHmac('sha256', Buffer.from(input.secret, 'utf8'))
    .update(Buffer.from(pushStringToSign(timestamp, input.deliveryId, input.body), 'utf8'))
    .digest(format.signatureEncoding);
  return {
    signature,
    headers: {
      'Content-Type': 'application/json',
      [format.headers.deliveryId]: input.deliveryId,
      [format.headers.timestamp]: timestamp,
      [format.headers.signature]: signature,
    },
  };
}

/** Why a delivery was refused; stable, shown to senders in the JSON answer. */
export type PushRefusal = 'bad_header' | 'bad_signature' | 'stale_timestamp';

export interface VerifyPushDeliveryInput {
  secret: string;
  /** Request headers (case-insensitive when a `Headers`). */
  headers: Headers | Readonly<Record<string, string | undefined>>;
  /** The exact body text received. */
  body: string;
  /** Receiver clock, epoch ms. */
  now: number;
  /** Largest accepted |now − timestamp| (default 300 000 ms). */
  timestampWindowMs?: number | undefined;
  format?: KingdeePushFormat | undefined;
}

export type VerifyPushDeliveryResult =
  | { ok: true; deliveryId: string; timestamp: number }
  | { ok: false; reason: PushRefusal; message: string };

function header(headers: VerifyPushDeliveryInput['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * Checks the headers and signature of a delivery (§10.1): the three headers are present, the
 * timestamp is within the window, and the signature matches (compared in constant time). Replays
 * are the receiver's to refuse: it alone remembers what it has seen.
 */
export function verifyPushDelivery(input: VerifyPushDeliveryInput): VerifyPushDeliveryResult {
  const format = input.format ?? KINGDEE_PUSH_FORMAT;
  const windowMs = input.timestampWindowMs ?? KINGDEE_PUSH_TIMESTAMP_WINDOW_MS;
  const deliveryId = header(input.headers, format.headers.deliveryId);
  const timestampText = header(input.headers, format.headers.timestamp);
  const signature = header(input.headers, format.headers.signature);
  for (const [name, value] of [
    [format.headers.deliveryId, deliveryId],
    [format.headers.timestamp, timestampText],
    [format.headers.signature, signature],
  ] as const) {
    if (value === undefined || value === '') {
      return { ok: false, reason: 'bad_header', message: `header ${name} is missing` };
    }
  }
  if (!/^\d{1,16}$/.test(timestampText as string)) {
    return {
      ok: false,
      reason: 'bad_header',
      message: `header ${format.headers.timestamp} must be epoch milliseconds, got "${timestampText}"`,
    };
  }
  const timestamp = Number(timestampText);
  const expected = signPushDelivery({
    secret: input.secret,
    deliveryId: deliveryId as string,
    timestamp,
    body: input.body,
    format,
  }).signature;
  // Signature first: an unsigned sender learns nothing about the clock from the answer.
  if (!constantTimeEqual(expected, signature as string)) {
    return {
      ok: false,
      reason: 'bad_signature',
      message: `header ${format.headers.signature} does not match the body signed with the subscription secret`,
    };
  }
  const skew = input.now - timestamp;
  if (Math.abs(skew) > windowMs) {
    return {
      ok: false,
      reason: 'stale_timestamp',
      message: `timestamp ${timestamp} is ${Math.abs(skew)} ms ${skew > 0 ? 'old' : 'ahead'}; at most ${windowMs} ms accepted`,
    };
  }
  return { ok: true, deliveryId: deliveryId as string, timestamp };
}
