import {
  assertBaseURL,
  ConfigError,
  type ErrorRule,
  type ErrorTable,
  errorTableOptionSchema,
  maxResponseBytesSchema,
  mergeErrorTables,
  parseOptions,
  type RateLimitOption,
  type RetryOptions,
  rateLimitOptionsSchema,
  retryOptionsSchema,
  type TransportEvent,
} from '@inv/core';
import {
  DEFAULT_UTC_OFFSET_MINUTES,
  type MerchandiseGrade,
  merchandiseGradeSchema,
  type ServiceType,
  serviceTypeSchema,
  WINIT_BASE_URLS,
  WINIT_ERROR_TABLE,
  WINIT_MAX_BATCH_SIZE,
  WINIT_MAX_PAGE_SIZE,
  type WinitErrorKind,
  winitReference,
} from '@inv/winit-protocol';
import { z } from 'zod';

/** Options of {@link createWinitClient} and `createWinitProvider`. */
export interface WinitClientOptions {
  /** Merchant account (`app_key`, often an e-mail). Required. */
  appKey: string;
  /** Merchant token that signs `sign` (§4). Required; never logged. */
  token: string;
  /** ISV app id (`client_id`). When set, requests are sent in app mode with `client_sign` (§2). */
  clientId?: string | undefined;
  /** ISV app secret that signs `client_sign`. Required with `clientId`; never logged. */
  clientSecret?: string | undefined;
  /** `platform` envelope value: `""` for merchants (default), or your app code (§2). */
  platform?: string | undefined;
  /** `language` envelope value, not signed. Default `zh_CN`; `en_US` plausible [assumed]. */
  language?: string | undefined;
  /** Which Winit gateway to call. Default `production`. Ignored when `baseURL` is set. */
  environment?: 'production' | 'sandbox' | undefined;
  /**
   * Gateway origin, e.g. the local `@inv/sandbox` URL. A trailing `/openapi/service` is accepted
   * and stripped. Overrides `environment`.
   */
  baseURL?: string | undefined;
  /**
   * Requests per window for this `app_key` (§8: 1000 a minute by default, raised on application).
   * Shared by every client using the same app_key and gateway.
   */
  rateLimit?:
    | (RateLimitOption & {
        /** Requests per window. Default 1000. */
        limit?: number | undefined;
        /** Window length in ms. Default 60 000. */
        intervalMs?: number | undefined;
        /**
         * Added to the window against the gateway's clock running at a slightly different rate
         * (network and server delays are already covered: a request's slot is held until it is
         * answered). Default 2% of the window.
         */
        marginMs?: number | undefined;
        /**
         * How requests are spread inside the budget (§8: the window is [assumed]). Default
         * `'sliding-window'`: up to `limit` at once, never more than `limit` in any window, so
         * the whole budget is usable. `'token-bucket'` paces evenly (~95% of the budget) for a
         * gateway that turns out to count with a bucket.
         */
        strategy?: 'sliding-window' | 'token-bucket' | undefined;
      })
    | undefined;
  /** UTC offset of `timestamp` and change windows, in minutes. Default 480 (UTC+8, §9 [assumed]). */
  utcOffsetMinutes?: number | undefined;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Largest answer read, in bytes; a larger one is a `ResponseTooLargeError`. Default 32 MiB. */
  maxResponseBytes?: number | undefined;
  /** Retries of retryable failures (throttling, 5xx, network, code 9999). */
  retry?: RetryOptions | undefined;
  /**
   * Rules merged over `WINIT_ERROR_TABLE` (`@inv/winit-protocol`; §7, all codes assumed [assumed]),
   * keyed by code text, e.g. `{ '4001': { kind: 'auth', hint: '…' } }`.
   */
  errorTable?: ErrorTable | undefined;
  /**
   * Code → kind overrides, e.g. `{ '4001': 'auth' }`; `transient` is a retryable provider error.
   * @deprecated Use `errorTable` (the same option as every other client); removed in the next minor.
   * When both are given, `errorTable` wins for a code in both.
   */
  errorCodes?: Readonly<Record<string, WinitErrorKind>> | undefined;
  /** Clock for timestamps and change windows (epoch ms or Date). Default `Date.now`. For tests. */
  now?: (() => number | Date) | undefined;
  /** Observer of requests, responses, retries and errors (secrets redacted). */
  onEvent?: ((event: TransportEvent) => void) | undefined;
}

/** Options of `createWinitProvider`: the client options plus the inventory defaults. */
export interface WinitProviderOptions extends WinitClientOptions {
  /** Default warehouse of `bySkus` (batch.query requires one, §10.1). Overridable per call. */
  warehouseCode?: string | undefined;
  /**
   * Warehouses a full sync (`pages`/`list`/`changes`) walks. Default: every warehouse that
   * `queryWarehouse` lists. Each is queried on its own (the comma-list form is unknown [assumed]).
   */
  warehouseCodes?: readonly string[] | undefined;
  /**
   * Service types a full sync walks. pageInv defaults to `2C` when none is sent, so a full sync
   * must ask for each (§10.2 [assumed]). Default `['2C', '2B']`.
   */
  serviceTypes?: readonly ServiceType[] | undefined;
  /** Grades a full sync walks (pageInv defaults to `GOOD`). Default `['GOOD', 'DEFECTIVE']`. */
  grades?: readonly MerchandiseGrade[] | undefined;
  /** Merchandises per batch.query request, 1..500. Default 500 (§10.1). */
  batchSize?: number | undefined;
  /** Rows per pageInv page, 1..200. Default 200 (§10.2 [assumed]). */
  pageSize?: number | undefined;
  /** batch.query chunks in flight at once. Default 4. */
  concurrency?: number | undefined;
}

const positiveInt = (what: string) =>
  z
    .number({ error: `must be a number: ${what}` })
    .int({ error: `must be a whole number: ${what}` })
    .min(1, { error: `must be 1 or more: ${what}` });

const errorKindSchema = z.enum([
  'invalid-request',
  'auth',
  'signature',
  'rate-limited',
  'unsupported',
  'transient',
  'provider',
] as const satisfies readonly WinitErrorKind[]);

const optionsSchema = z
  .object({
    appKey: z
      .string({ error: 'is required: pass your Winit app_key (merchant account)' })
      .trim()
      .min(1, { error: 'is required: pass your Winit app_key (merchant account)' }),
    token: z
      .string({ error: 'is required: pass the merchant token from the Winit console' })
      .min(1, { error: 'is required: pass the merchant token from the Winit console' }),
    clientId: z
      .string()
      .min(1, { error: 'must not be empty; omit it for merchant mode' })
      .optional(),
    clientSecret: z
      .string()
      .min(1, { error: 'must not be empty; pass the ISV app secret' })
      .optional(),
    platform: z.string({ error: 'must be a string (default "")' }).default(''),
    language: z.string().min(1, { error: 'must not be empty (default zh_CN)' }).default('zh_CN'),
    environment: z
      .enum(['production', 'sandbox'], { error: 'must be "production" or "sandbox"' })
      .default('production'),
    baseURL: z.string({ error: 'must be an absolute http(s) URL' }).optional(),
    warehouseCode: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty; omit it or pass a code such as US0001' })
      .max(20, { error: 'must be at most 20 characters' })
      .optional(),
    warehouseCodes: z
      .array(z.string().trim().min(1, { error: 'must not be empty' }))
      .min(1, { error: 'must list at least one warehouse, or be omitted to list them all' })
      .optional(),
    serviceTypes: z
      .array(serviceTypeSchema)
      .min(1, { error: 'must list at least one of 2B, 2C' })
      .default(['2C', '2B']),
    grades: z
      .array(merchandiseGradeSchema)
      .min(1, { error: 'must list at least one of GOOD, DEFECTIVE' })
      .default(['GOOD', 'DEFECTIVE']),
    batchSize: positiveInt('use 1 to 500')
      .max(WINIT_MAX_BATCH_SIZE, {
        error: `must be at most 500 (batch.query limit, ${winitReference('10.1')})`,
      })
      .default(WINIT_MAX_BATCH_SIZE),
    pageSize: positiveInt('use 1 to 200')
      .max(WINIT_MAX_PAGE_SIZE, {
        error: `must be at most 200 (pageInv limit, assumed: ${winitReference('10.2')})`,
      })
      .default(WINIT_MAX_PAGE_SIZE),
    concurrency: positiveInt('e.g. 4').default(4),
    // §8: 1000 a minute per app_key, counted in a window the gateway does not document [assumed].
    rateLimit: rateLimitOptionsSchema({
      limit: 1000,
      intervalMs: 60_000,
      strategy: 'sliding-window',
    })
      .extend({
        marginMs: z.number().int().min(0, { error: 'must be 0 or more milliseconds' }).optional(),
      })
      .prefault({}),
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-720, { error: 'must be between -720 and 840 minutes' })
      .max(840, { error: 'must be between -720 and 840 minutes' })
      .default(DEFAULT_UTC_OFFSET_MINUTES),
    timeoutMs: positiveInt('milliseconds').optional(),
    maxResponseBytes: maxResponseBytesSchema.optional(),
    retry: retryOptionsSchema.optional(),
    errorTable: errorTableOptionSchema.optional(),
    errorCodes: z.record(z.string(), errorKindSchema).optional(),
    now: z
      .custom<() => number | Date>((v) => typeof v === 'function', {
        error: 'must be a function returning epoch ms or a Date',
      })
      .optional(),
    onEvent: z
      .custom<(event: TransportEvent) => void>((v) => typeof v === 'function', {
        error: 'must be a function',
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.clientId !== undefined && value.clientSecret === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientSecret'],
        message: `is required with clientId: app mode signs client_sign with it (${winitReference('4')})`,
      });
    }
    if (value.clientSecret !== undefined && value.clientId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientId'],
        message: `is required with clientSecret: app mode sends client_id (${winitReference('2')})`,
      });
    }
  });

/** Options after validation and defaults. */
export type ResolvedWinitOptions = Omit<
  z.output<typeof optionsSchema>,
  'errorCodes' | 'errorTable'
> & {
  baseURL: string;
  /** The default table with `errorCodes` and then `errorTable` merged over it. */
  errorTable: ErrorTable;
  nowMs: () => number;
  rateLimit: {
    limit: number;
    intervalMs: number;
    marginMs: number;
    strategy: 'sliding-window' | 'token-bucket';
    burst: number | undefined;
  };
};

/**
 * Validates options (a {@link ConfigError} names the option and the fix) and applies defaults.
 * Secrets never appear in messages.
 */
export function resolveWinitOptions(options: WinitProviderOptions): ResolvedWinitOptions {
  const parsed = parseOptions(optionsSchema, options, 'winit');
  const origin =
    parsed.baseURL === undefined
      ? WINIT_BASE_URLS[parsed.environment]
      : assertBaseURL(parsed.baseURL, 'baseURL');
  const baseURL = origin.replace(/\/openapi\/service\/?$/, '');
  const clock = parsed.now ?? Date.now;
  const nowMs = (): number => {
    const value = clock();
    const ms = value instanceof Date ? value.getTime() : value;
    if (!Number.isFinite(ms)) {
      throw new ConfigError('now', 'returned an invalid time; return epoch ms or a valid Date');
    }
    return ms;
  };
  const { intervalMs, limit, strategy, burst } = parsed.rateLimit;
  const marginMs = parsed.rateLimit.marginMs ?? Math.ceil(intervalMs * 0.02);
  const { errorCodes, errorTable, ...rest } = parsed;
  return {
    ...rest,
    baseURL,
    nowMs,
    rateLimit: { limit, intervalMs, marginMs, strategy, burst },
    errorTable: mergeErrorTables(
      mergeErrorTables(WINIT_ERROR_TABLE, legacyErrorTable(errorCodes)),
      errorTable,
    ),
  };
}

/** The rules the deprecated `errorCodes` kinds stand for. */
function legacyErrorTable(codes: Readonly<Record<string, WinitErrorKind>> = {}): ErrorTable {
  return Object.fromEntries(
    Object.entries(codes).map(([code, kind]): [string, ErrorRule] => [
      code,
      kind === 'transient' ? { kind: 'provider', retryable: true } : { kind },
    ]),
  );
}
