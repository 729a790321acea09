import { DEFAULT_UTC_OFFSET_MINUTES, WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import type { RateLimitOptions } from '../../gateway/rate-limit.js';
import type {
  WinitSandboxDatasetOptions,
  WinitSandboxRow,
  WinitSandboxState,
  WinitSandboxWarehouse,
} from './dataset-types.js';

/** A merchant account the sandbox accepts: its `app_key` and the token that signs for it. */
export interface WinitSandboxAccount {
  appKey: string;
  token: string;
}

/** `rateLimit` of the Winit gateway, with the name it had before both gateways shared one. */
export interface WinitRateLimitOptions extends RateLimitOptions {
  /** @deprecated Use `intervalMs`; read for one release. */
  windowMs?: number | undefined;
}

/**
 * Options of the Winit gateway impersonation (docs/protocols/winit.md; see the @inv/sandbox README).
 * Items marked [assumed] are assumptions of §7–§9. Names shared with the Kingdee gateway mean the same
 * thing there.
 */
export interface WinitSandboxOptions {
  /** Developer apps accepted in app mode, `client_id` → `client_secret`. Default `FAKECLIENTID`. */
  clients?: Readonly<Record<string, string>> | undefined;
  /**
   * Merchant accounts accepted. Default: the §12 test accounts `demo@example.com` and `rebecca`,
   * both with token `0123456789ABCDEF0123456789ABCDEF`.
   */
  accounts?: readonly WinitSandboxAccount[] | undefined;
  /**
   * [assumed] Largest accepted distance between `timestamp` and the sandbox clock, in ms, or `false` to
   * skip the check (to replay the 2021 documented examples without a frozen clock). Default
   * 600 000 (±10 min, §9).
   */
  timestampWindowMs?: number | false | undefined;
  /** [assumed] UTC offset `timestamp`, `startTime` and `endTime` are read in, minutes. Default 480 (UTC+8, §9). */
  utcOffsetMinutes?: number | undefined;
  /** [assumed] Require app mode (`client_id` + `client_sign`) on every request. Default false (§2). */
  requireClientSign?: boolean | undefined;
  /**
   * [assumed] Also require the raw `data` text to equal canon(data) byte for byte, as a server hashing
   * the received text would (§5). Default false: verify against canon(parsed data) only.
   */
  strictDataBytes?: boolean | undefined;
  /**
   * [assumed] Authenticated requests per app_key in a sliding window; beyond it the answer is 1006 (§8).
   * Default 1000 per 60 000 ms. `false` disables the limit.
   */
  rateLimit?: WinitRateLimitOptions | false | undefined;
  /** Largest request body read, in bytes (answers 1001 beyond it). Default 1 MiB; `createSandboxApp` passes its `maxBodyBytes`. */
  maxBodyBytes?: number | undefined;
  /**
   * Bytes of repeated-query answers kept (keys and answers together, least recently used first
   * out). Default 32 MiB; an answer and its key over a sixteenth of it are not kept.
   */
  answerCacheBytes?: number | undefined;
  /** Dataset seed. Default 20240101. Ignored when `state` is given. */
  seed?: number | undefined;
  /** Distinct merchandise codes (SKUs) generated. Default 600. */
  skuCount?: number | undefined;
  /** Serve these rows instead of generated ones. */
  rows?: readonly WinitSandboxRow[] | undefined;
  /** Warehouses to serve with `rows`. Default: the four generated warehouses. */
  warehouses?: readonly WinitSandboxWarehouse[] | undefined;
  /** Pre-built state, to share it with admin routes or tests. Default: built from the above. */
  state?: WinitSandboxState | undefined;
  /** @deprecated Use `accounts` (`appKeys`) and `clients`; read for one release. */
  credentials?:
    | {
        /** @deprecated Use `accounts: [{ appKey, token }]`. */
        appKeys?: Readonly<Record<string, string>> | undefined;
        /** @deprecated Use `clients`. */
        clients?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
  /** @deprecated Use `timestampWindowMs`; read for one release. */
  timestampSkewMs?: number | false | undefined;
  /** @deprecated Use `seed`, `skuCount`, `rows` and `warehouses`; read for one release. */
  dataset?: WinitSandboxDatasetOptions | undefined;
}

/** The options with every default applied and every deprecated name mapped. */
export interface WinitGatewayConfig {
  /** app_key → token. */
  accounts: ReadonlyMap<string, string>;
  clients: Readonly<Record<string, string>>;
  timestampWindowMs: number | false;
  utcOffsetMinutes: number;
  requireClientSign: boolean;
  strictDataBytes: boolean;
  rateLimit: { limit: number; intervalMs: number } | undefined;
  maxBodyBytes: number;
  answerCacheBytes: number;
}

export const WINIT_DEFAULT_TIMESTAMP_WINDOW_MS = 600_000;
export const WINIT_DEFAULT_ANSWER_CACHE_BYTES = 32 * 1024 * 1024;

export function resolveWinitOptions(options: WinitSandboxOptions): WinitGatewayConfig {
  const { rateLimit } = options;
  const accounts =
    options.accounts?.map((account): [string, string] => [account.appKey, account.token]) ??
    (options.credentials?.appKeys && Object.entries(options.credentials.appKeys)) ??
    WINIT_SANDBOX_CREDENTIALS.appKeys.map((key): [string, string] => [
      key,
      WINIT_SANDBOX_CREDENTIALS.token,
    ]);
  return {
    accounts: new Map(accounts),
    clients: options.clients ??
      options.credentials?.clients ?? {
        [WINIT_SANDBOX_CREDENTIALS.clientId]: WINIT_SANDBOX_CREDENTIALS.clientSecret,
      },
    timestampWindowMs:
      options.timestampWindowMs ?? options.timestampSkewMs ?? WINIT_DEFAULT_TIMESTAMP_WINDOW_MS,
    utcOffsetMinutes: options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
    requireClientSign: options.requireClientSign ?? false,
    strictDataBytes: options.strictDataBytes ?? false,
    rateLimit:
      rateLimit === false
        ? undefined
        : {
            limit: rateLimit?.limit ?? 1000,
            intervalMs: rateLimit?.intervalMs ?? rateLimit?.windowMs ?? 60_000,
          },
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    answerCacheBytes: options.answerCacheBytes ?? WINIT_DEFAULT_ANSWER_CACHE_BYTES,
  };
}

/** The dataset options, new names first, then the deprecated `dataset`, then `fallbackSeed`. */
export function winitDatasetOptions(
  options: WinitSandboxOptions | undefined,
  fallbackSeed?: number,
): WinitSandboxDatasetOptions {
  const dataset = options?.dataset;
  return {
    seed: options?.seed ?? dataset?.seed ?? fallbackSeed,
    skuCount: options?.skuCount ?? dataset?.skuCount,
    rows: options?.rows ?? dataset?.rows,
    warehouses: options?.warehouses ?? dataset?.warehouses,
  };
}
