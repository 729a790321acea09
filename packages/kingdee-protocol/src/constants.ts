/** Gateway base URL (docs/protocols/kingdee.md §1). */
export const KINGDEE_DEFAULT_BASE_URL = 'https://api.kingdee.com';

/** Paths served by the gateway that this package calls (§2, §9). */
export const KINGDEE_PATHS = {
  pushAppAuthorize: '/jdyconnector/app_management/push_app_authorize',
  authToken: '/jdyconnector/app_management/kingdee_auth_token',
  invSynchronous: '/jdy/v2/inv/inv_synchronous',
  scmInventory: '/jdy/v2/scm/inventory',
} as const;

/** Most ids one `inv_synchronous` call accepts, and the largest `scm/inventory` page (§9). */
export const KINGDEE_MAX_IDS = 100;
export const KINGDEE_MAX_PAGE_SIZE = 100;

/** Reported budget: 500 requests a minute per account (§8, low confidence). */
export const KINGDEE_DEFAULT_RATE_LIMIT = { limit: 500, intervalMs: 60_000 } as const;

/** The app-token lives 24 h; assumed when the token answer has no `expires` (§2). */
export const KINGDEE_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Default timezone of `yyyy-MM-dd HH:mm:ss` filters: JDY is operated in China (§9.2, [assumed]). */
export const KINGDEE_DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Fixed credentials the sandbox accepts and prints at start-up (§12, [assumed]). Public test values:
 * never use them against the real gateway.
 */
export const KINGDEE_SANDBOX_CREDENTIALS = {
  clientId: '100100',
  clientSecret: '0123456789abcdef0123456789abcdef',
  account: {
    outerInstanceId: '100000000000000001',
    appKey: 'abc',
    appSecret: 'abc123',
    domain: 'https://tf.jdy.com',
    accountId: '1700000000000000100',
    accountName: 'inv sandbox account',
    groupName: 'inv sandbox',
  },
  /** Kingdee's documented example client, so the 加密规则 example replays under a frozen clock. */
  documentedClient: { clientId: '200421', clientSecret: 'f2adcfef73369bfc4e1384677d38a0ff' },
} as const;
