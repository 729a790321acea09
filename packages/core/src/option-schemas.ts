/**
 * Option schemas every provider shares, so that the same option has the same name, shape, rules
 * and messages in every client (`retry`, `rateLimit`, `maxResponseBytes`). A provider composes them
 * into its own options schema; `parseOptions` turns a failure into a `ConfigError` naming the path.
 */
import { z } from 'zod';
import { ERROR_KINDS } from './error-table.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './transport-options.js';

/** `retry` of a provider's options: the transport's {@link RetryOptions}, each member optional. */
export const retryOptionsSchema = z.object({
  retries: z
    .number({ error: 'must be a whole number of extra attempts (default 3)' })
    .int({ error: 'must be a whole number of extra attempts (default 3)' })
    .min(0, { error: 'must be 0 or more extra attempts (default 3)' })
    .optional(),
  baseDelayMs: z
    .number({ error: 'must be a number of milliseconds (default 250)' })
    .min(0, { error: 'must be 0 or more milliseconds (default 250)' })
    .optional(),
  maxDelayMs: z
    .number({ error: 'must be a number of milliseconds (default 30000)' })
    .min(0, { error: 'must be 0 or more milliseconds (default 30000)' })
    .optional(),
});

/** `maxResponseBytes` of a provider's options; see `TransportOptions.maxResponseBytes`. */
export const maxResponseBytesSchema = z
  .number({ error: `must be a number of bytes (default ${DEFAULT_MAX_RESPONSE_BYTES}, 32 MiB)` })
  .int({ error: 'must be a whole number of bytes' })
  .positive({ error: 'must be a positive number of bytes' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'must be a safe integer' });

/** A provider's rate-limit defaults: the gateway's documented or observed budget. */
export interface RateLimitDefaults {
  limit: number;
  intervalMs: number;
  strategy: 'token-bucket' | 'sliding-window';
}

/** `rateLimit` of a provider's options, as users write it. */
export interface RateLimitOption {
  /** Requests per window. Default: the provider's budget. */
  limit?: number | undefined;
  /** Window length in ms. Default: the provider's budget. */
  intervalMs?: number | undefined;
  /** How requests are spread inside the budget; see `RateLimiterOptions.strategy`. */
  strategy?: 'token-bucket' | 'sliding-window' | undefined;
  /** Token bucket only: requests that may leave at once after an idle period. Default 5% of `limit`. */
  burst?: number | undefined;
}

const rateLimitObject = (defaults: RateLimitDefaults) =>
  z.object({
    limit: z
      .number({ error: `must be a number of requests per window (default ${defaults.limit})` })
      .int({ error: 'must be a whole number of requests' })
      .positive({ error: 'must be a positive number of requests' })
      .default(defaults.limit),
    intervalMs: z
      .number({ error: `must be a number of milliseconds (default ${defaults.intervalMs})` })
      .positive({ error: 'must be a positive number of milliseconds' })
      .default(defaults.intervalMs),
    strategy: z
      .enum(['token-bucket', 'sliding-window'], {
        error: `must be 'sliding-window' or 'token-bucket' (default '${defaults.strategy}')`,
      })
      .default(defaults.strategy),
    burst: z
      .number({ error: 'must be a whole number of requests' })
      .int({ error: 'must be a whole number of requests' })
      .positive({ error: 'must be a positive number of requests' })
      .optional(),
  });

/** The schema {@link rateLimitOptionsSchema} returns. */
export type RateLimitOptionsSchema = ReturnType<typeof rateLimitObject>;

/**
 * `rateLimit` of a provider's options ({@link RateLimitOption}): `limit`, `intervalMs` and
 * `strategy` default to the provider's budget, `burst` to the limiter's. Apply the defaults when
 * `rateLimit` is omitted with `.prefault({})`; `.extend()` it first for provider-only members.
 */
export function rateLimitOptionsSchema(defaults: RateLimitDefaults): RateLimitOptionsSchema {
  return rateLimitObject(defaults);
}

/**
 * `errorTable` of a provider's options: entries merged over the provider's default table (see
 * `ErrorTable`). Both gateways' codes are numbers, compared as their decimal text.
 */
export const errorTableOptionSchema = z.record(
  z.string().regex(/^-?\d+$/),
  z.object({
    kind: z.enum(ERROR_KINDS, { error: `kind must be one of ${ERROR_KINDS.join(', ')}` }),
    name: z.string().optional(),
    hint: z.string().optional(),
    retryable: z.boolean().optional(),
    refreshToken: z.boolean().optional(),
    option: z.string().optional(),
  }),
  {
    // zod reports a bad key as "Invalid key in record"; say what a key must be instead.
    error: (issue) =>
      issue.code === 'invalid_key'
        ? "keys are the gateway's codes as text, e.g. '4003'"
        : undefined,
  },
);
