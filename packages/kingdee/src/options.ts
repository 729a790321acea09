import {
  type ErrorTable,
  errorTableOptionSchema,
  maxResponseBytesSchema,
  parseOptions,
  type RateLimitOption,
  type RetryOptions,
  rateLimitOptionsSchema,
  retryOptionsSchema,
  type TransportEvent,
} from '@inv/core';
import {
  isValidTimeZone,
  KINGDEE_ARRAY_FORMATS,
  KINGDEE_DEFAULT_BASE_URL,
  KINGDEE_DEFAULT_RATE_LIMIT,
  KINGDEE_DEFAULT_TIME_ZONE,
  KINGDEE_MAX_IDS,
  KINGDEE_MAX_PAGE_SIZE,
  KINGDEE_TOKEN_LIFETIME_MS,
  type KingdeeArrayFormat,
} from '@inv/kingdee-protocol';
import { z } from 'zod';
import { KINGDEE_PROVIDER_ID } from './constants.js';
import type { KingdeeAvailableSource } from './normalize.js';

/** Options of {@link createKingdeeProvider}. Items marked [assumed] are project assumptions (README). */
export interface KingdeeProviderOptions {
  /** `client_id` of your developer app on open.jdy.com, sent as `X-Api-ClientID`. Required. */
  clientId: string;
  /** `client_secret` of that app: the HMAC key of every `X-Api-Signature`. Required; never logged. */
  clientSecret: string;
  /**
   * The authorised account (账套) instance id. The client fetches `appKey`, `appSecret` and
   * `domain` with `push_app_authorize` (and again when the secret rotates). Give either this or
   * all three of `appKey`, `appSecret`, `domain`.
   */
  outerInstanceId?: string | undefined;
  /** Account `appKey`, when you skip `push_app_authorize`. Needs `appSecret` and `domain`. */
  appKey?: string | undefined;
  /** Account `appSecret` (rotates about every 24 h), when you skip `push_app_authorize`. */
  appSecret?: string | undefined;
  /** Account IDC domain (`X-GW-Router-Addr`), e.g. `https://tf.jdy.com`, when you skip step 1. */
  domain?: string | undefined;
  /** Optional `uid` passed to `kingdee_auth_token`. */
  uid?: string | undefined;
  /** Gateway base URL. Default `https://api.kingdee.com`; point it at the sandbox in tests. */
  baseURL?: string | undefined;
  /** Ids per `inv_synchronous` call: 1..100 (the documented maximum). Default 100. */
  batchSize?: number | undefined;
  /** Rows per `scm/inventory` page: 1..100 (larger pages lose rows, §9.2). Default 100. */
  pageSize?: number | undefined;
  /** Chunks of `inventory.byIds` in flight at once: 1..16. Default 4. */
  concurrency?: number | undefined;
  /** [assumed] Wire form of array parameters: `brackets` `[a,b]` (default), `json`, `comma`, `repeat`. */
  arrayFormat?: KingdeeArrayFormat | undefined;
  /** [assumed] IANA timezone of `modify_start_time`/`modify_end_time` wall times. Default `Asia/Shanghai`. */
  timeZone?: string | undefined;
  /** Source of `quantities.available` for `inv_synchronous` rows (see README). Default `exp_valid_qty`. */
  availableFrom?: KingdeeAvailableSource | undefined;
  /** [assumed] Token lifetime assumed when the token answer has no `expires`. Default 24 h. */
  tokenLifetimeMs?: number | undefined;
  /** [assumed] Refresh the token this long before it expires. Default 5 minutes. */
  tokenRefreshMarginMs?: number | undefined;
  /**
   * [assumed] Client-side budget shared by every client of the same `clientId` + account in this process.
   * Default 500 requests per 60 000 ms, token bucket (§8). Clients of one budget must agree on it.
   */
  rateLimit?: RateLimitOption | undefined;
  /**
   * Rules merged over `KINGDEE_ERROR_TABLE` (`@inv/kingdee-protocol`), keyed by `errcode` text,
   * e.g. `{ '123456': { kind: 'auth', name: 'CUSTOM', hint: '…' } }`.
   */
  errorTable?: ErrorTable | undefined;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Largest answer read, in bytes; a larger one is a `ResponseTooLargeError`. Default 32 MiB. */
  maxResponseBytes?: number | undefined;
  /** Back-off of retryable failures (429, 5006/5007, network errors). */
  retry?: RetryOptions | undefined;
  /** Observer of requests, responses, retries and errors (secrets redacted). */
  onEvent?: ((event: TransportEvent) => void) | undefined;
  /** `fetch` implementation. Default the global one. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Clock in epoch ms, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Nonce source (decimal digits), for tests. Default a random 10-digit integer. */
  nonce?: (() => string) | undefined;
}

const required = (fix: string) =>
  z
    .string({ error: `is required: ${fix}` })
    .trim()
    .min(1, `must not be empty: ${fix}`);

const intIn = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be an integer from ${min} to ${max} (${what})` })
    .int(`must be an integer from ${min} to ${max} (${what})`)
    .min(min, `must be at least ${min} (${what})`)
    .max(max, `must be at most ${max} (${what})`);

const fn = <T>(what: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `must be a function (${what})` });

const httpUrl = (what: string) =>
  z.string({ error: `must be an absolute http(s) URL (${what})` }).refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, `must be an absolute http(s) URL such as https://api.kingdee.com (${what})`);

const optionsSchema = z
  .object({
    clientId: required('pass the client_id of your app on open.jdy.com'),
    clientSecret: required('pass the client_secret of your app on open.jdy.com'),
    outerInstanceId: z
      .string()
      .regex(/^\d+$/, 'must be the account instance id (digits) from the authorisation')
      .optional(),
    appKey: z.string().min(1, 'must not be empty').optional(),
    appSecret: z.string().min(1, 'must not be empty').optional(),
    domain: httpUrl('the account domain, e.g. https://tf.jdy.com').optional(),
    uid: z.string().optional(),
    baseURL: httpUrl('the gateway').default(KINGDEE_DEFAULT_BASE_URL),
    batchSize: intIn(1, KINGDEE_MAX_IDS, 'inv_synchronous accepts at most 100 ids').default(
      KINGDEE_MAX_IDS,
    ),
    pageSize: intIn(1, KINGDEE_MAX_PAGE_SIZE, 'scm/inventory loses rows above 100').default(
      KINGDEE_MAX_PAGE_SIZE,
    ),
    concurrency: intIn(1, 16, 'chunks in flight').default(4),
    arrayFormat: z
      .enum(KINGDEE_ARRAY_FORMATS as [KingdeeArrayFormat, ...KingdeeArrayFormat[]], {
        error: `must be one of ${KINGDEE_ARRAY_FORMATS.join(', ')}`,
      })
      .default('brackets'),
    timeZone: z
      .string()
      .refine(isValidTimeZone, 'must be an IANA timezone name such as Asia/Shanghai')
      .default(KINGDEE_DEFAULT_TIME_ZONE),
    availableFrom: z
      .enum(['exp_valid_qty', 'on-hand-minus-committed'], {
        error: 'must be "exp_valid_qty" or "on-hand-minus-committed"',
      })
      .default('exp_valid_qty'),
    tokenLifetimeMs: z
      .number()
      .int()
      .positive('must be a positive number of milliseconds')
      .default(KINGDEE_TOKEN_LIFETIME_MS),
    tokenRefreshMarginMs: z
      .number()
      .int()
      .nonnegative('must be zero or a positive number of milliseconds')
      .default(5 * 60 * 1000),
    rateLimit: rateLimitOptionsSchema({
      ...KINGDEE_DEFAULT_RATE_LIMIT,
      strategy: 'token-bucket',
    }).prefault({}),
    errorTable: errorTableOptionSchema.default({}),
    timeoutMs: z.number().positive('must be a positive number of milliseconds').optional(),
    maxResponseBytes: maxResponseBytesSchema.optional(),
    retry: retryOptionsSchema.optional(),
    onEvent: fn<(event: TransportEvent) => void>('an event observer').optional(),
    fetch: fn<typeof globalThis.fetch>('a fetch implementation').optional(),
    now: fn<() => number>('a clock returning epoch ms').default(() => Date.now),
    nonce: fn<() => string>('a nonce source returning decimal digits').optional(),
  })
  .superRefine((options, ctx) => {
    const direct = [options.appKey, options.appSecret, options.domain];
    const given = direct.filter((value) => value !== undefined).length;
    if (options.outerInstanceId === undefined && given === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['outerInstanceId'],
        message:
          'is required: pass the account outerInstanceId, or appKey + appSecret + domain to skip push_app_authorize',
      });
    } else if (given > 0 && given < 3) {
      const missing = ['appKey', 'appSecret', 'domain'].filter((_, i) => direct[i] === undefined);
      ctx.addIssue({
        code: 'custom',
        path: [missing[0] as string],
        message: `is required with the other account credentials: give appKey, appSecret and domain together (missing ${missing.join(', ')})`,
      });
    }
  });

/** Options after validation and defaults. */
export type ResolvedKingdeeOptions = z.output<typeof optionsSchema>;

/** Validates options at construction: a problem is a `ConfigError` naming the option and the fix. */
export function resolveKingdeeOptions(options: KingdeeProviderOptions): ResolvedKingdeeOptions {
  return parseOptions(optionsSchema, options, KINGDEE_PROVIDER_ID);
}
