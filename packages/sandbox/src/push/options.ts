import { KINGDEE_PUSH_MAX_IDS, kingdeePushFormatSchema } from '@inv/kingdee-protocol';
import { z } from 'zod';

/**
 * A receiver of Kingdee inventory-change pushes (docs/protocols/kingdee.md §10.1, [assumed]): where
 * deliveries are POSTed and the secret they are signed with. One subscription per URL.
 */
export const pushSubscriptionSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secret: z.string().min(1, { error: 'must not be empty' }).max(1024),
});
export type PushSubscription = z.input<typeof pushSubscriptionSchema>;

/** How deliveries are batched and retried; every value is an assumption with a default (§10.1). */
export const pushOptionsSchema = z.object({
  /** Changes arriving within this window go out together (default 50 ms). */
  batchWindowMs: z.number().int().min(0).max(60_000).default(50),
  /** Ids per delivery, 1..100 (the `inv_synchronous` limit, §9.1); default 100. */
  maxIdsPerDelivery: z
    .number()
    .int()
    .min(1)
    .max(KINGDEE_PUSH_MAX_IDS)
    .default(KINGDEE_PUSH_MAX_IDS),
  /** An attempt not answered within this is aborted and counted as failed (default 5000 ms). */
  timeoutMs: z.number().int().min(1).max(600_000).default(5000),
  /** Non-2xx answers, timeouts, network errors and dropped attempts are retried. */
  retry: z
    .object({
      /** Attempts per delivery, the first included (default 6). */
      maxAttempts: z.number().int().min(1).max(100).default(6),
      /** Wait before the second attempt; doubled each time (default 250 ms). */
      baseDelayMs: z.number().int().min(0).max(600_000).default(250),
      /** Longest wait between attempts (default 30 000 ms). */
      maxDelayMs: z.number().int().min(0).max(3_600_000).default(30_000),
    })
    .prefault({}),
  /** Deliveries kept for `GET /_sandbox/deliveries`, oldest dropped first (default 1000). */
  historySize: z.number().int().min(1).max(100_000).default(1000),
  /** Header names and signature encoding, over the assumed format's. */
  format: kingdeePushFormatSchema.optional(),
});
export type PushOptions = z.input<typeof pushOptionsSchema>;
export type ResolvedPushOptions = z.output<typeof pushOptionsSchema>;

/** A background stream of random stock changes, for soak tests of receivers. */
export const changeStreamSchema = z.object({
  /** Changes per second (at most 1000). */
  perSecond: z.number().positive().max(1000),
  /** Seed of the positions and deltas picked (default 1). */
  seed: z.number().int().default(1),
  /** Largest |delta| in base units (default 5). */
  maxDelta: z.number().int().min(1).max(1_000_000).default(5),
});
export type ChangeStreamOptions = z.input<typeof changeStreamSchema>;

/** Back-off before attempt `next` (2, 3, …): base × 2^(next−2), capped. */
export function retryDelay(retry: ResolvedPushOptions['retry'], next: number): number {
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (next - 2));
}
