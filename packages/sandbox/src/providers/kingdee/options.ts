import {
  type InvSynchronousRowInput,
  KINGDEE_DEFAULT_RATE_LIMIT,
  KINGDEE_DEFAULT_TIME_ZONE,
  KINGDEE_SANDBOX_CREDENTIALS,
  KINGDEE_TOKEN_LIFETIME_MS,
} from '@inv/kingdee-protocol';
import type { RateLimitOptions } from '../../gateway/rate-limit.js';
import type { KingdeeInventoryState } from './dataset-types.js';

/** An account (账套) the sandbox has authorised for every known client. */
export interface KingdeeSandboxAccount {
  /** Account instance id, the `outerInstanceId` of `push_app_authorize`. */
  outerInstanceId: string;
  appKey: string;
  appSecret: string;
  /** IDC domain; business calls must send it as `X-GW-Router-Addr`. */
  domain: string;
  accountId?: string | undefined;
  accountName?: string | undefined;
  groupName?: string | undefined;
}

/**
 * Options of the Kingdee gateway impersonation. Items marked [assumed] are assumptions of
 * docs/protocols/kingdee.md §5.3/§7. Names shared with the Winit gateway mean the same thing there.
 */
export interface KingdeeSandboxOptions {
  /**
   * Developer apps accepted, `client_id` → `client_secret`. Default: the sandbox client
   * `100100` and Kingdee's documented example client `200421` (so the 加密规则 example replays).
   */
  clients?: Readonly<Record<string, string>> | undefined;
  /** Authorised accounts. Default: the one account of `KINGDEE_SANDBOX_CREDENTIALS`. */
  accounts?: readonly KingdeeSandboxAccount[] | undefined;
  /** Lifetime of issued app-tokens in ms; shorten it to test expiry. Default 24 h (§2). */
  tokenLifetimeMs?: number | undefined;
  /**
   * Unexpired app-tokens kept per client_id + account; issuing one more forgets the oldest
   * (it then answers 1000202002). Default 1000 [assumed]: the gateway's own limit is not published.
   */
  maxTokensPerAccount?: number | undefined;
  /**
   * Allowed distance of `X-Api-TimeStamp` from the sandbox clock, in ms, or `false` to skip the
   * check. Default 300 000 (§5.3). Nonces are remembered for the window (300 000 when `false`).
   */
  timestampWindowMs?: number | false | undefined;
  /** [assumed] Accept a nonce already seen for the client within the window. Default false (refused, 4007). */
  allowNonceReplay?: boolean | undefined;
  /**
   * [assumed] Verify signatures with the decoded model (form-decode, then re-encode officially) instead of
   * the raw model (rebuild from the query text as received). Default false (raw model).
   */
  strictDecode?: boolean | undefined;
  /**
   * [assumed] Requests per fixed window per client_id + account, answered with HTTP 429 and
   * `{"errcode":429,"description":"已被限流"}` beyond it (§7 #12). Default off; an object without
   * values limits to 500 per 60 000 ms (§8).
   */
  rateLimit?: RateLimitOptions | false | undefined;
  /** Dataset seed. Default 20240101. */
  seed?: number | undefined;
  /** Number of generated positions. Default 640. */
  size?: number | undefined;
  /** Serve these `inv_synchronous` rows instead of a generated dataset. */
  rows?: readonly InvSynchronousRowInput[] | undefined;
  /** Use this inventory state (shared with admin routes); overrides `seed`, `size` and `rows`. */
  state?: KingdeeInventoryState | undefined;
  /** [assumed] IANA timezone in which `*_start_time`/`*_end_time` filters are read. Default Asia/Shanghai. */
  timeZone?: string | undefined;
  /**
   * Largest GET body read (the PHP SDK sends list filters that way, §11.5), in bytes. Default 1 MiB;
   * `createSandboxApp` passes its `maxBodyBytes`. POST bodies are limited by the app (the
   * declared length) and are never read.
   */
  maxBodyBytes?: number | undefined;
  /** Reproduced gateway quirks. */
  quirks?:
    | {
        /**
         * §9.2: `page_size` above 100 is cut to 100 while `total_page` is computed from the
         * requested size, silently losing rows. Default true; false refuses such a page_size (2000001000).
         */
        pageSizeOverflow?: boolean | undefined;
        /** §9.2: answer `count` as a string. Default true. */
        countAsString?: boolean | undefined;
        /** §2: leave `expires` out of the token answer (clients then assume 24 h). Default false. */
        omitTokenExpires?: boolean | undefined;
      }
    | undefined;
}

/** The options with every default applied. */
export interface KingdeeGatewayConfig {
  clients: Readonly<Record<string, string>>;
  accounts: readonly KingdeeSandboxAccount[];
  tokenLifetimeMs: number;
  maxTokensPerAccount: number;
  timestampWindowMs: number | false;
  allowNonceReplay: boolean;
  strictDecode: boolean;
  rateLimit: { limit: number; intervalMs: number } | undefined;
  timeZone: string;
  maxBodyBytes: number;
  quirks: { pageSizeOverflow: boolean; countAsString: boolean; omitTokenExpires: boolean };
}

export const KINGDEE_DEFAULT_TIMESTAMP_WINDOW_MS = 300_000;
export const KINGDEE_DEFAULT_MAX_TOKENS_PER_ACCOUNT = 1000;

export function resolveKingdeeOptions(options: KingdeeSandboxOptions): KingdeeGatewayConfig {
  const { rateLimit } = options;
  return {
    clients: options.clients ?? {
      [KINGDEE_SANDBOX_CREDENTIALS.clientId]: KINGDEE_SANDBOX_CREDENTIALS.clientSecret,
      [KINGDEE_SANDBOX_CREDENTIALS.documentedClient.clientId]:
        KINGDEE_SANDBOX_CREDENTIALS.documentedClient.clientSecret,
    },
    accounts: options.accounts ?? [KINGDEE_SANDBOX_CREDENTIALS.account],
    tokenLifetimeMs: options.tokenLifetimeMs ?? KINGDEE_TOKEN_LIFETIME_MS,
    maxTokensPerAccount: options.maxTokensPerAccount ?? KINGDEE_DEFAULT_MAX_TOKENS_PER_ACCOUNT,
    timestampWindowMs: options.timestampWindowMs ?? KINGDEE_DEFAULT_TIMESTAMP_WINDOW_MS,
    allowNonceReplay: options.allowNonceReplay ?? false,
    strictDecode: options.strictDecode ?? false,
    rateLimit: rateLimit
      ? {
          limit: rateLimit.limit ?? KINGDEE_DEFAULT_RATE_LIMIT.limit,
          intervalMs: rateLimit.intervalMs ?? KINGDEE_DEFAULT_RATE_LIMIT.intervalMs,
        }
      : undefined,
    timeZone: options.timeZone ?? KINGDEE_DEFAULT_TIME_ZONE,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    quirks: {
      pageSizeOverflow: options.quirks?.pageSizeOverflow ?? true,
      countAsString: options.quirks?.countAsString ?? true,
      omitTokenExpires: options.quirks?.omitTokenExpires ?? false,
    },
  };
}
