/**
 * Routes impersonating the Kingdee JDY gateway (docs/protocols/kingdee.md). Every request is verified as
 * §5.3 and §7 describe, in the §7 order; the first failure answers with the documented status and
 * envelope, and its description names the field, the rule and what the sandbox expected.
 * Protocol pieces (canonicalisation, signing, samples, credentials) come from `@inv/kingdee`.
 */
import { randomBytes } from 'node:crypto';
import {
  buildStringToSign,
  canonicalizeDecodedQuery,
  canonicalizeRawQuery,
  computeAppSignature,
  constantTimeEqual,
  decodeRawQuery,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  type InvSynchronousRowInput,
  KINGDEE_AUTH_VERSION,
  KINGDEE_DEFAULT_TIME_ZONE,
  KINGDEE_HEADERS,
  KINGDEE_MAX_IDS,
  KINGDEE_MAX_PAGE_SIZE,
  KINGDEE_PATHS,
  KINGDEE_SANDBOX_CREDENTIALS,
  KINGDEE_TOKEN_LIFETIME_MS,
  parseArrayParam,
  parseJdyDateTime,
  parseJsonPreservingIntegers,
  signStringToSign,
} from '@inv/kingdee-protocol';
import { type Context, Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { readBody, requestHeader } from '../http.js';
import { createNonceStore, type NonceStore } from '../nonce-store.js';
import { createRevisionCache } from '../revision-cache.js';
import {
  createKingdeeInventoryState,
  type KingdeeInventoryState,
  type KingdeePosition,
} from './kingdee-data.js';

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

/** Options of the Kingdee gateway impersonation. Items marked [assumed] are assumptions of §5.3/§7. */
export interface KingdeeSandboxOptions {
  /**
   * Developer apps accepted, `client_id` → `client_secret`. Default: the sandbox client
   * `100100` and Kingdee's documented example client `200421` (so the 加密规则 example replays).
   */
  clients?: Record<string, string> | undefined;
  /** Authorised accounts. Default: the one account of `KINGDEE_SANDBOX_CREDENTIALS`. */
  accounts?: readonly KingdeeSandboxAccount[] | undefined;
  /** Lifetime of issued app-tokens in ms; shorten it to test expiry. Default 24 h (§2). */
  tokenLifetimeMs?: number | undefined;
  /** Allowed distance of `X-Api-TimeStamp` from the sandbox clock, in ms. Default 300 000 (§5.3). */
  timestampWindowMs?: number | undefined;
  /** [assumed] Accept a nonce already seen for the client within the window. Default false (refused, 4007). */
  allowNonceReplay?: boolean | undefined;
  /**
   * [assumed] Verify signatures with the decoded model (form-decode, then re-encode officially) instead of
   * the raw model (rebuild from the query text as received). Default false (raw model).
   */
  strictDecode?: boolean | undefined;
  /**
   * [assumed] Requests per window per client_id + account, answered with HTTP 429 and
   * `{"errcode":429,"description":"已被限流"}` beyond it (§7 #12). Default off.
   */
  rateLimit?: { limit: number; intervalMs: number } | false | undefined;
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

type RouteKind = 'token' | 'business';
interface Route {
  method: 'GET' | 'POST';
  kind: RouteKind;
}
const ROUTES: Record<string, Route> = {
  [KINGDEE_PATHS.pushAppAuthorize]: { method: 'POST', kind: 'token' },
  [KINGDEE_PATHS.authToken]: { method: 'GET', kind: 'token' },
  [KINGDEE_PATHS.invSynchronous]: { method: 'GET', kind: 'business' },
  [KINGDEE_PATHS.scmInventory]: { method: 'GET', kind: 'business' },
};

// Chinese texts of gateway refusals. Sandbox wording: Kingdee's own texts are not published.
const GATEWAY_CN: Record<number, string> = {
  4001: '不支持的认证版本',
  4002: 'X-Api-ClientID为空',
  4003: 'X-Api-ClientID无效',
  4006: 'X-Api-TimeStamp无效',
  4007: 'X-Api-SignHeaders无效',
  4008: 'X-Api-Signature无效',
  5001: 'API不存在',
  5002: '请求方法不支持',
  5003: 'API不可用',
};

/** What a check answers; `verdict` goes to the request log (never a secret). */
interface Answer {
  status: 200 | 429 | 519;
  body: string | Uint8Array<ArrayBuffer>;
  code?: string | undefined;
  verdict: string;
  headers?: Record<string, string> | undefined;
}

const json = (value: unknown): string => JSON.stringify(value);

// Encoded once: the documented sample is answered byte for byte on every replay (§9.1 [assumed]), and a
// string would be measured and encoded again for each answer.
const INV_SYNCHRONOUS_SAMPLE_BYTES = Buffer.from(INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT, 'utf8');

function gatewayError(
  errcode: number,
  description: string,
  headers?: Record<string, string>,
): Answer {
  return {
    status: 519,
    body: json({ errcode, description, descriptionCn: GATEWAY_CN[errcode] ?? '网关错误' }),
    code: String(errcode),
    verdict: description,
    headers,
  };
}

function businessError(errcode: number, description: string): Answer {
  return {
    status: 200,
    body: json({ errcode, description, data: null }),
    code: String(errcode),
    verdict: description,
  };
}

const invalidParameter = (detail: string): Answer =>
  businessError(2000001000, `参数错误: ${detail}`);

function success(data: unknown, description = 'success'): Answer {
  return { status: 200, body: json({ data, description, errcode: 0 }), verdict: 'accepted' };
}

interface IssuedToken {
  clientId: string;
  account: KingdeeSandboxAccount;
  expiresAt: number;
}

/** Decoded parameters: each key with every value it was given, in received order. */
type Params = Map<string, string[]>;

/** Per client: 333 requests/s sustained over the default 5-minute window (≈ 4 MB, fixed). */
const MAX_TRACKED_NONCES = 100_000;

const clip = (text: string, max = 80): string =>
  text.length > max ? `${text.slice(0, max)}…` : text;

/** Routes impersonating the Kingdee gateway, mounted at the root of the sandbox. */
export function kingdeeRoutes(context: SandboxContext, options: KingdeeSandboxOptions = {}): Hono {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const clients: Record<string, string> = options.clients ?? {
    [KINGDEE_SANDBOX_CREDENTIALS.clientId]: KINGDEE_SANDBOX_CREDENTIALS.clientSecret,
    [KINGDEE_SANDBOX_CREDENTIALS.documentedClient.clientId]:
      KINGDEE_SANDBOX_CREDENTIALS.documentedClient.clientSecret,
  };
  const accounts: readonly KingdeeSandboxAccount[] = options.accounts ?? [
    KINGDEE_SANDBOX_CREDENTIALS.account,
  ];
  const window = options.timestampWindowMs ?? 300_000;
  const tokenLifetime = options.tokenLifetimeMs ?? KINGDEE_TOKEN_LIFETIME_MS;
  const timeZone = options.timeZone ?? KINGDEE_DEFAULT_TIME_ZONE;
  const quirks = {
    pageSizeOverflow: options.quirks?.pageSizeOverflow ?? true,
    countAsString: options.quirks?.countAsString ?? true,
    omitTokenExpires: options.quirks?.omitTokenExpires ?? false,
  };
  const state =
    options.state ??
    createKingdeeInventoryState({
      seed: options.seed,
      size: options.size,
      rows: options.rows,
      now: () => context.now(),
    });
  const tokens = new Map<string, IssuedToken>();
  const nonces = new Map<string, NonceStore>();
  const windows = new Map<string, { start: number; count: number }>();

  const has = (name: string, c: Context): string | undefined => requestHeader(c, name);

  /** §7 #3–#7: the signed headers. Returns the client id, or the refusal. */
  const verifySignature = (
    c: Context,
    method: string,
    path: string,
    rawQuery: string,
  ): { clientId: string; nonce: string; stampedAt: number } | Answer => {
    const version = has(KINGDEE_HEADERS.authVersion, c);
    if (version !== KINGDEE_AUTH_VERSION) {
      return gatewayError(
        4001,
        version === undefined
          ? `X-Api-Auth-Version is missing: expected "${KINGDEE_AUTH_VERSION}"`
          : `X-Api-Auth-Version "${clip(version)}" is not supported: expected "${KINGDEE_AUTH_VERSION}"`,
      );
    }
    const clientId = has(KINGDEE_HEADERS.clientId, c);
    if (clientId === undefined || clientId.trim() === '') {
      return gatewayError(4002, 'X-Api-ClientID is missing: expected the client_id of your app');
    }
    const secret = Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
    if (secret === undefined) {
      return gatewayError(
        4003,
        `X-Api-ClientID "${clip(clientId)}" is not a known client_id: the sandbox accepts ${Object.keys(clients).join(', ')}`,
      );
    }
    const timestamp = has(KINGDEE_HEADERS.timestamp, c);
    if (timestamp === undefined || !/^\d{1,16}$/.test(timestamp)) {
      return gatewayError(
        4006,
        timestamp === undefined
          ? 'X-Api-TimeStamp is missing: expected the current time in milliseconds since the epoch'
          : `X-Api-TimeStamp "${clip(timestamp)}" is not digits: expected the current time in milliseconds since the epoch`,
      );
    }
    const now = context.now();
    const skew = Number(timestamp) - now;
    if (Math.abs(skew) > window) {
      const seconds = timestamp.length <= 10 ? ' (it looks like seconds; send milliseconds)' : '';
      return gatewayError(
        4006,
        `X-Api-TimeStamp ${timestamp} is ${Math.abs(skew)} ms ${skew < 0 ? 'behind' : 'ahead of'} the sandbox clock ${now}: expected within ±${window} ms${seconds}`,
      );
    }
    const signHeaders = has(KINGDEE_HEADERS.signHeaders, c);
    if (signHeaders === undefined) {
      return gatewayError(
        4007,
        'X-Api-SignHeaders is missing: expected "X-Api-TimeStamp,X-Api-Nonce"',
      );
    }
    const named = signHeaders
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
    const exact =
      named.length === 2 && named.includes('x-api-timestamp') && named.includes('x-api-nonce');
    if (!exact) {
      return gatewayError(
        4007,
        `X-Api-SignHeaders "${clip(signHeaders)}" must name exactly X-Api-TimeStamp and X-Api-Nonce (any order or case)`,
      );
    }
    const nonce = has(KINGDEE_HEADERS.nonce, c);
    if (nonce === undefined || !/^\d{1,32}$/.test(nonce) || /^0+$/.test(nonce)) {
      return gatewayError(
        4007,
        nonce === undefined
          ? 'X-Api-Nonce is missing: expected a random positive integer'
          : `X-Api-Nonce "${clip(nonce)}" is not a positive integer in decimal digits`,
      );
    }
    if (!options.allowNonceReplay) {
      const seen = nonces.get(clientId)?.seenAt(nonce, now);
      if (seen !== undefined) {
        return gatewayError(
          4007,
          `X-Api-Nonce ${nonce} was already used by client_id ${clientId} ${now - seen} ms ago: every request (retries included) needs a fresh nonce within the ${window} ms window`,
        );
      }
    }
    const signature = has(KINGDEE_HEADERS.signature, c);
    if (signature === undefined || signature === '') {
      return gatewayError(4008, 'X-Api-Signature is missing: expected the signature of §5.1');
    }
    let canonicalQuery: string;
    if (options.strictDecode) {
      const decoded = canonicalizeDecodedQuery(rawQuery);
      if (!decoded.ok) {
        return gatewayError(4008, `X-Api-Signature cannot be verified: ${decoded.reason}`);
      }
      canonicalQuery = decoded.canonicalQuery;
    } else {
      canonicalQuery = canonicalizeRawQuery(rawQuery);
    }
    const stringToSign = buildStringToSign({ method, path, canonicalQuery, nonce, timestamp });
    if (!constantTimeEqual(signature, signStringToSign(secret, stringToSign))) {
      return gatewayError(
        4008,
        `X-Api-Signature does not match the string-to-sign the sandbox built (${options.strictDecode ? 'decoded' : 'raw'} query model; base64 in header ${KINGDEE_HEADERS.mockStringToSign}): check client_secret, gw_encode/form_encode of the query, the sort, and the trailing newline`,
        {
          [KINGDEE_HEADERS.mockStringToSign]: Buffer.from(stringToSign, 'utf8').toString('base64'),
        },
      );
    }
    return { clientId, nonce, stampedAt: Number(timestamp) };
  };

  const rememberNonce = (clientId: string, nonce: string, stampedAt: number): void => {
    let store = nonces.get(clientId);
    if (!store) {
      store = createNonceStore({ capacity: MAX_TRACKED_NONCES, windowMs: window });
      nonces.set(clientId, store);
    }
    store.remember(nonce, context.now(), stampedAt);
  };

  /** §7 #12 (off by default): a fixed window per client_id + account. */
  const rateLimited = (key: string): Answer | undefined => {
    if (!options.rateLimit) return undefined;
    const { limit, intervalMs } = options.rateLimit;
    const now = context.now();
    const current = windows.get(key);
    if (!current || now - current.start >= intervalMs) {
      windows.set(key, { start: now, count: 1 });
      return undefined;
    }
    current.count++;
    if (current.count <= limit) return undefined;
    return {
      status: 429,
      body: json({ errcode: 429, description: '已被限流' }),
      code: '429',
      verdict: `rate limit: more than ${limit} requests in ${intervalMs} ms for ${key}`,
    };
  };

  /** Query parameters, or a GET's JSON body when the query is empty (§11.5). `d` is ignored (§11.1). */
  const readParams = async (
    c: Context,
    method: string,
    rawQuery: string,
  ): Promise<Params | Answer> => {
    const decoded = decodeRawQuery(rawQuery);
    if (!decoded.ok) return invalidParameter(decoded.reason);
    const params: Params = new Map();
    const add = (key: string, value: string): void => {
      if (key === 'd') return;
      params.set(key, [...(params.get(key) ?? []), value]);
    };
    for (const [key, value] of decoded.params) add(key, value);
    if (method !== 'GET' || params.size > 0) return params;
    const length = Number(requestHeader(c, 'content-length') ?? '0');
    if (length > maxBodyBytes) {
      return invalidParameter(`body of ${length} bytes is larger than ${maxBodyBytes} bytes`);
    }
    const text = await readBody(c, maxBodyBytes);
    if (text === undefined) {
      return invalidParameter(`body is larger than ${maxBodyBytes} bytes`);
    }
    if (text.trim() === '') return params;
    let body: unknown;
    try {
      body = parseJsonPreservingIntegers(text);
    } catch {
      return invalidParameter(
        'GET body is not JSON: send parameters in the query, or a JSON object',
      );
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return invalidParameter('GET body must be a JSON object of parameters');
    }
    for (const [key, value] of Object.entries(body)) {
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) {
        if (item === null || typeof item === 'object') {
          return invalidParameter(
            `body parameter ${key} must be a string, number or array of them`,
          );
        }
        add(key, String(item));
      }
    }
    // An empty JSON array means "no ids", like `ids=[]`.
    for (const [key, value] of Object.entries(body)) {
      if (Array.isArray(value) && value.length === 0) params.set(key, ['[]']);
    }
    return params;
  };

  const single = (params: Params, key: string): string | undefined | Answer => {
    const values = params.get(key);
    if (values === undefined) return undefined;
    if (values.length > 1)
      return invalidParameter(`${key} is given ${values.length} times: expected once`);
    return values[0];
  };

  const isAnswer = (value: unknown): value is Answer =>
    typeof value === 'object' && value !== null && 'verdict' in value && 'status' in value;

  // -------------------------------------------------------------------------- token endpoints (§2)

  const pushAppAuthorize = (params: Params): Answer => {
    const id = single(params, 'outerInstanceId');
    if (isAnswer(id)) return id;
    if (id === undefined || !/^\d{1,32}$/.test(id)) {
      return invalidParameter(
        id === undefined
          ? 'outerInstanceId is missing: expected the account instance id (digits)'
          : `outerInstanceId "${clip(id)}" is not digits`,
      );
    }
    // An account the app is not authorised for yields an empty list, not an error.
    const data = accounts
      .filter((account) => account.outerInstanceId === id)
      .map((account) => ({
        appKey: account.appKey,
        appSecret: account.appSecret,
        domain: account.domain,
        status: 1,
        outerInstanceId: account.outerInstanceId,
        accountId: account.accountId ?? account.outerInstanceId,
        accountName: account.accountName ?? 'sandbox account',
        groupName: account.groupName ?? 'sandbox',
        serviceId: 'jdy',
        tid: account.outerInstanceId,
        instanceExpiresTime: context.now() + 365 * 86_400_000,
      }));
    return success(data, '成功');
  };

  const authToken = (params: Params, clientId: string): Answer => {
    const appKey = single(params, 'app_key');
    if (isAnswer(appKey)) return appKey;
    const appSignature = single(params, 'app_signature');
    if (isAnswer(appSignature)) return appSignature;
    if (appKey === undefined || appKey === '') {
      return invalidParameter('app_key is missing: expected the appKey from push_app_authorize');
    }
    if (appSignature === undefined || appSignature === '') {
      return invalidParameter(
        'app_signature is missing: expected Base64(hex(HMAC-SHA256(appSecret, appKey)))',
      );
    }
    const account = accounts.find((candidate) => candidate.appKey === appKey);
    const expected = account ? computeAppSignature(account.appSecret, account.appKey) : '';
    if (!account || !constantTimeEqual(appSignature, expected)) {
      return businessError(
        1030002006,
        `授权密钥校验失败，请获取最新密钥加密: ${account ? 'app_signature does not match Base64(hex(HMAC-SHA256(key = appSecret, msg = app_key))) for the current appSecret' : `app_key "${clip(appKey)}" is not an authorised account`}`,
      );
    }
    const issuedAt = context.now();
    for (const [value, token] of tokens) if (token.expiresAt <= issuedAt) tokens.delete(value);
    const header = Buffer.from(json({ alg: 'none', typ: 'sandbox' })).toString('base64url');
    const payload = Buffer.from(json({ acct: account.outerInstanceId, iat: issuedAt })).toString(
      'base64url',
    );
    const token = `${header}.${payload}.${randomBytes(18).toString('base64url')}`;
    const expiresAt = issuedAt + tokenLifetime;
    tokens.set(token, { clientId, account, expiresAt });
    const data: Record<string, unknown> = {
      access_token: randomBytes(16).toString('hex'),
      'app-token': token,
      uid: 1,
    };
    if (!quirks.omitTokenExpires) data.expires = expiresAt;
    return success(data, '成功');
  };

  // ----------------------------------------------------------------------- business endpoints (§9)

  const parseIds = (key: string, values: readonly string[], max: number): string[] | Answer => {
    const parsed = parseArrayParam(key, values);
    if (!parsed.ok) return invalidParameter(parsed.reason);
    if (parsed.values.length > max) {
      return invalidParameter(
        `${key} holds ${parsed.values.length} ids: at most ${max} per request`,
      );
    }
    for (const [index, id] of parsed.values.entries()) {
      if (!/^\d{1,19}$/.test(id)) {
        return invalidParameter(
          `${key}[${index}] "${clip(id)}" is not an id: expected up to 19 decimal digits`,
        );
      }
    }
    return parsed.values;
  };

  const invSynchronous = (params: Params): Answer => {
    const values = params.get('ids');
    // The documented example `ids=[],d=true` is one value; the leaked `,d=true` is ignored (§11.1).
    const cleaned = values?.map((value) => value.replace(/,d=true$/, ''));
    const empty =
      cleaned === undefined ||
      (cleaned.length === 1 && /^\s*(\[\s*\])?\s*$/.test(cleaned[0] ?? ''));
    if (empty) {
      // §9.1 [assumed]: the documented request answers the documented response sample verbatim.
      return {
        status: 200,
        body: INV_SYNCHRONOUS_SAMPLE_BYTES,
        verdict: 'accepted (documented sample)',
      };
    }
    const ids = parseIds('ids', cleaned, KINGDEE_MAX_IDS);
    if (isAnswer(ids)) return ids;
    return success({ rows: state.rowsByIds(ids) });
  };

  const positiveInt = (
    key: string,
    value: string | undefined,
    fallback: number,
  ): number | Answer => {
    if (value === undefined) return fallback;
    if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
      return invalidParameter(`${key} "${clip(value)}" is not a positive integer (1 to 999999999)`);
    }
    return Number(value);
  };

  const timeFilter = (params: Params, key: string): number | undefined | Answer => {
    const value = single(params, key);
    if (value === undefined || isAnswer(value)) return value;
    const at = parseJdyDateTime(value, timeZone);
    if (at === undefined) {
      return invalidParameter(
        `${key} "${clip(value)}" is not a time in the form yyyy-MM-dd HH:mm:ss`,
      );
    }
    return at;
  };

  /**
   * scm/inventory's matching positions per filter set (paging aside) until the dataset changes: a
   * sync pages through one filter set, and filtering every position for each page made a
   * large-dataset sync quadratic.
   */
  const matches = createRevisionCache<readonly KingdeePosition[]>({
    revision: () => state.revision(),
    maxWeight: 16,
  });

  const scmInventory = (params: Params): Answer => {
    const pageText = single(params, 'page');
    if (isAnswer(pageText)) return pageText;
    const sizeText = single(params, 'page_size');
    if (isAnswer(sizeText)) return sizeText;
    const page = positiveInt('page', pageText, 1);
    if (isAnswer(page)) return page;
    const requested = positiveInt('page_size', sizeText, 10);
    if (isAnswer(requested)) return requested;
    if (requested > KINGDEE_MAX_PAGE_SIZE && !quirks.pageSizeOverflow) {
      return invalidParameter(
        `page_size ${requested} is larger than the maximum ${KINGDEE_MAX_PAGE_SIZE}`,
      );
    }
    const filters: [string, (position: KingdeePosition) => string][] = [
      ['material_ids', (p) => p.row.material_id],
      ['material_numbers', (p) => p.row.material_number],
      ['stock_ids', (p) => p.row.stock_id],
      ['stock_numbers', (p) => p.row.stock_number],
      ['sp_ids', (p) => p.row.sp_id],
      ['aux_prop_ids', (p) => p.row.aux_prop_id],
    ];
    const active: [Set<string>, (position: KingdeePosition) => string, string][] = [];
    for (const [key, read] of filters) {
      const values = params.get(key);
      if (values === undefined) continue;
      let list: string[] | Answer;
      if (key.endsWith('_ids')) {
        list = parseIds(key, values, Number.MAX_SAFE_INTEGER);
      } else {
        const parsed = parseArrayParam(key, values);
        list = parsed.ok ? parsed.values : invalidParameter(parsed.reason);
      }
      if (isAnswer(list)) return list;
      if (list.length > 0) active.push([new Set(list), read, key]);
    }
    const bounds: Record<string, number | undefined> = {};
    for (const key of [
      'modify_start_time',
      'modify_end_time',
      'create_start_time',
      'create_end_time',
    ]) {
      const at = timeFilter(params, key);
      if (isAnswer(at)) return at;
      bounds[key] = at;
    }
    const batchFlag = single(params, 'include_batch_kf_period');
    if (isAnswer(batchFlag)) return batchFlag;
    if (batchFlag !== undefined && batchFlag !== 'true' && batchFlag !== 'false') {
      return invalidParameter(`include_batch_kf_period "${clip(batchFlag)}" must be true or false`);
    }
    const within = (at: number, start: number | undefined, end: number | undefined): boolean =>
      (start === undefined || at >= start) && (end === undefined || at <= end + 999);
    const filterKey = JSON.stringify([active.map(([set, , key]) => [key, ...set]), bounds]);
    const matching = matches.get(filterKey, () =>
      state
        .positions()
        .filter(
          (position) =>
            active.every(([set, read]) => set.has(read(position))) &&
            within(position.modifiedAt, bounds.modify_start_time, bounds.modify_end_time) &&
            within(position.createdAt, bounds.create_start_time, bounds.create_end_time),
        ),
    );
    // §9.2 quirk: rows are cut at 100 a page while total_page follows the requested size.
    const served = Math.min(requested, KINGDEE_MAX_PAGE_SIZE);
    const rows = matching.slice((page - 1) * served, page * served).map((p) => state.scmRow(p));
    const count = matching.length;
    return success({
      count: quirks.countAsString ? String(count) : count,
      page,
      page_size: served,
      current_page_size: rows.length,
      total_page: Math.ceil(count / requested),
      rows,
    });
  };

  // ----------------------------------------------------------------------------------- pipeline

  const process = async (c: Context): Promise<Answer> => {
    const method = c.req.method.toUpperCase();
    const path = c.req.path;
    const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
    if (!route) {
      return gatewayError(
        5001,
        `API_NOT_FOUND: no API at ${clip(path)}; the sandbox serves ${Object.keys(ROUTES).join(', ')}`,
      );
    }
    if (method !== route.method) {
      return gatewayError(
        5002,
        `METHOD_NOT_ALLOWED: ${path} takes ${route.method}, not ${clip(method)}`,
      );
    }
    const rawQuery = rawQueryOf(c);
    const signed = verifySignature(c, method, path, rawQuery);
    if (isAnswer(signed)) return signed;
    rememberNonce(signed.clientId, signed.nonce, signed.stampedAt);
    let rateKey = `client_id ${signed.clientId}`;
    if (route.kind === 'business') {
      const router = has(KINGDEE_HEADERS.routerAddr, c);
      if (router === undefined || router.trim() === '') {
        return gatewayError(
          5003,
          'X-GW-Router-Addr is missing: expected the account domain from push_app_authorize, e.g. https://tf.jdy.com',
        );
      }
      const token = has(KINGDEE_HEADERS.appToken, c);
      const issued = token === undefined ? undefined : tokens.get(token);
      if (!issued || issued.clientId !== signed.clientId) {
        return businessError(
          1000202002,
          token === undefined
            ? 'app-token无效: header app-token is missing: expected the app-token of kingdee_auth_token'
            : issued
              ? `app-token无效: this app-token was issued to another client_id, not ${signed.clientId}`
              : 'app-token无效: the app-token is unknown to the sandbox (issued by kingdee_auth_token of this sandbox run?)',
        );
      }
      if (context.now() >= issued.expiresAt) {
        return businessError(1000202001, 'JWT token has expired');
      }
      const domain = issued.account.domain.replace(/\/+$/, '');
      if (router.replace(/\/+$/, '') !== domain) {
        return gatewayError(
          5003,
          `X-GW-Router-Addr "${clip(router)}" is not the domain of this app-token's account: expected ${domain}`,
        );
      }
      rateKey += ` account ${issued.account.outerInstanceId}`;
    }
    const limited = rateLimited(rateKey);
    if (limited) return limited;
    const params = await readParams(c, method, rawQuery);
    if (isAnswer(params)) return params;
    switch (path) {
      case KINGDEE_PATHS.pushAppAuthorize:
        return pushAppAuthorize(params);
      case KINGDEE_PATHS.authToken:
        return authToken(params, signed.clientId);
      case KINGDEE_PATHS.invSynchronous:
        return invSynchronous(params);
      default:
        return scmInventory(params);
    }
  };

  const handle = async (c: Context): Promise<Response> => {
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await process(c);
    } catch (error) {
      // Never a 5xx: the gateway's own internal-failure answer (§7), with the cause in the log.
      answer = businessError(2000002000, '系统错误,请到开发者社区提单反馈');
      answer.verdict = `internal failure: ${error instanceof Error ? error.message : String(error)}`;
    }
    context.record({
      provider: 'kingdee',
      method: c.req.method,
      route: c.req.path,
      status: answer.status,
      verdict: answer.verdict,
      code: answer.code,
      ms: performance.now() - started,
    });
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': 'application/json;charset=UTF-8', ...answer.headers },
    });
  };

  const app = new Hono();
  app.all('/jdy/*', handle);
  app.all('/jdyconnector/*', handle);
  return app;
}

/**
 * The query text exactly as received. Node's raw request target is used when the app runs under
 * `@hono/node-server`, so nothing is normalised before the signature is rebuilt (§5.3).
 */
function rawQueryOf(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming;
  const target = typeof incoming?.url === 'string' ? incoming.url : c.req.url;
  const at = target.indexOf('?');
  if (at === -1) return '';
  const hash = target.indexOf('#', at);
  return target.slice(at + 1, hash === -1 ? undefined : hash);
}
