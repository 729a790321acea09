/**
 * Receiver of Kingdee inventory-change pushes (docs/protocols/kingdee.md §10.1, [assumed]): a
 * Web-standard `(request) => Promise<Response>` for any server that speaks fetch `Request`s.
 */
import { parseOptions } from '@inv/core';
import {
  KINGDEE_PUSH_TIMESTAMP_WINDOW_MS,
  type KingdeePushBody,
  type KingdeePushFormatInput,
  kingdeePushFormatSchema,
  parsePushBody,
  resolvePushFormat,
  verifyPushDelivery,
} from '@inv/kingdee-protocol';
import { z } from 'zod';
import { KINGDEE_PROVIDER_ID } from './constants.js';
import { createExpiringKeys } from './push-memory.js';

/** One accepted delivery, as `onChange` receives it. */
export interface InventoryPushChange {
  /** Changed inventory-row ids (1..100), to read back with `inventory.byIds` (§9.1). */
  ids: string[];
  /** The sender's id of this delivery, the same on every retry of it. */
  deliveryId: string;
  /** The whole parsed body, unknown members included. */
  body: KingdeePushBody;
}

export interface InventoryPushHandlerOptions {
  /** Secret of the subscription, the HMAC key of every delivery. Required; never logged. */
  secret: string;
  /**
   * Called once per delivery id. The answer waits for it: when it throws, the sender gets a 500
   * and delivers again, so keep it short or hand the ids to your own queue.
   */
  onChange(change: InventoryPushChange): void | Promise<void>;
  /** Largest accepted |now − timestamp|, in ms. Default 300 000 (the gateway's window, §5.3). */
  timestampWindowMs?: number | undefined;
  /** Deliveries remembered for duplicate and replay checks. Default 10 000. */
  maxRemembered?: number | undefined;
  /** How long an applied delivery id is remembered, in ms. Default 24 h. */
  dedupeMs?: number | undefined;
  /** Largest accepted body, in bytes. Default 65 536 (100 ids take about 2.5 KiB). */
  maxBodyBytes?: number | undefined;
  /** [assumed] Header names and signature encoding, over the assumed format's. */
  format?: KingdeePushFormatInput | undefined;
  /** Called with what `onChange` threw, before the 500 goes out. */
  onError?: ((error: unknown, change: InventoryPushChange) => void) | undefined;
  /** Clock in epoch ms, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** A Web-standard handler: mount it in Hono, Node's `http` (via `@hono/node-server`), Deno, Bun. */
export type InventoryPushHandler = (request: Request) => Promise<Response>;

const fn = (what: string) =>
  z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
    message: `must be a function (${what})`,
  });

const optionsSchema = z.object({
  secret: z
    .string({ error: 'is required: pass the secret of the push subscription' })
    .min(1, 'must not be empty: pass the secret of the push subscription'),
  onChange: fn('called with the ids of each delivery'),
  timestampWindowMs: z.number().int().positive().default(KINGDEE_PUSH_TIMESTAMP_WINDOW_MS),
  maxRemembered: z.number().int().min(1).max(10_000_000).default(10_000),
  dedupeMs: z
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60 * 1000),
  maxBodyBytes: z.number().int().min(1024).default(65_536),
  format: kingdeePushFormatSchema.optional(),
  onError: fn('an error observer').optional(),
  now: fn('a clock returning epoch ms').optional(),
});

const answer = (status: number, body: Record<string, unknown>): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const refuse = (status: number, reason: string, message: string): Response =>
  answer(status, { error: 'refused', reason, message });

/**
 * Creates the push receiver. It checks, in this order: POST, body size, the three headers, the
 * signature (constant time), the timestamp window, replays (the same delivery id and timestamp
 * seen before: 401 `replayed_delivery`), and the body. A delivery id already applied answers
 * `200 {"status":"duplicate"}` without calling `onChange` again; one still being applied waits
 * for it. Refusals are JSON `{error: "refused", reason, message}`: 401 for `bad_signature`,
 * `stale_timestamp`, `replayed_delivery`; 400 for `bad_header`, `bad_body`; 413 `body_too_large`;
 * 405 `method_not_allowed`. Throws a `ConfigError` naming a bad option.
 */
export function createInventoryPushHandler(
  input: InventoryPushHandlerOptions,
): InventoryPushHandler {
  const options = parseOptions(optionsSchema, input, KINGDEE_PROVIDER_ID);
  const onChange = input.onChange;
  const now = input.now ?? Date.now;
  const format = resolvePushFormat(options.format);
  const windowMs = options.timestampWindowMs;
  // Signed attempts seen (replay), and delivery ids applied (duplicate), each bounded.
  const seen = createExpiringKeys(options.maxRemembered);
  const applied = createExpiringKeys(options.maxRemembered);
  const inFlight = new Map<string, Promise<boolean>>();

  const apply = async (change: InventoryPushChange): Promise<boolean> => {
    try {
      await onChange(change);
      applied.add(change.deliveryId, now() + options.dedupeMs, now());
      return true;
    } catch (error) {
      input.onError?.(error, change);
      return false;
    } finally {
      inFlight.delete(change.deliveryId);
    }
  };

  return async (request) => {
    if (request.method !== 'POST') {
      return refuse(405, 'method_not_allowed', 'deliveries are POSTed');
    }
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > options.maxBodyBytes) {
      return refuse(413, 'body_too_large', `body over ${options.maxBodyBytes} bytes`);
    }
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > options.maxBodyBytes) {
      return refuse(413, 'body_too_large', `body over ${options.maxBodyBytes} bytes`);
    }
    const body = new TextDecoder().decode(bytes);
    const at = now();
    const verified = verifyPushDelivery({
      secret: options.secret,
      headers: request.headers,
      body,
      now: at,
      timestampWindowMs: windowMs,
      format,
    });
    if (!verified.ok) {
      return refuse(
        verified.reason === 'bad_header' ? 400 : 401,
        verified.reason,
        verified.message,
      );
    }
    const { deliveryId, timestamp } = verified;
    // A sender's retry is signed afresh (new timestamp); the same signed attempt twice is a replay.
    const attemptKey = `${timestamp}\n${deliveryId}`;
    if (seen.has(attemptKey, at)) {
      return refuse(
        401,
        'replayed_delivery',
        `delivery ${deliveryId} at ${timestamp} was already received`,
      );
    }
    // Until its timestamp leaves the window, after which the timestamp check refuses it.
    seen.add(attemptKey, Math.max(at, timestamp) + windowMs, at);
    const parsed = parsePushBody(body);
    if (!parsed.ok) return refuse(400, 'bad_body', parsed.message);
    if (applied.has(deliveryId, at)) return answer(200, { status: 'duplicate', deliveryId });
    let running = inFlight.get(deliveryId);
    const duplicate = running !== undefined;
    if (running === undefined) {
      running = apply({ ids: parsed.body.ids, deliveryId, body: parsed.body });
      inFlight.set(deliveryId, running);
    }
    if (!(await running)) {
      return answer(500, {
        error: 'on_change_failed',
        message: 'the receiver could not apply this delivery; deliver it again',
      });
    }
    return answer(200, { status: duplicate ? 'duplicate' : 'accepted', deliveryId });
  };
}
