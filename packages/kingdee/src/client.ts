import {
  AuthError,
  createTransport,
  mergeErrorTables,
  type OperationOptions,
  type SafeParser,
  sharedRateLimiter,
  type Transport,
} from '@inv/core';
import {
  type AppAuthorization,
  authTokenResponseSchema,
  buildUrlQuery,
  computeAppSignature,
  KINGDEE_ERROR_TABLE,
  KINGDEE_PATHS,
  pushAppAuthorizeResponseSchema,
  type QueryParam,
  randomNonce,
  signRequest,
} from '@inv/kingdee-protocol';
import { KINGDEE_PROVIDER_ID } from './constants.js';
import { createKingdeeErrors, needsTokenRefresh } from './errors.js';
import { interpret } from './interpret-response.js';
import {
  type KingdeeProviderOptions,
  type ResolvedKingdeeOptions,
  resolveKingdeeOptions,
} from './options.js';

/** Account credentials of step 1 (or configured directly). */
interface AccountCredentials {
  appKey: string;
  appSecret: string;
  domain: string;
}

/** A usable app-token and where to route business calls. */
export interface KingdeeSession {
  appToken: string;
  /** `X-GW-Router-Addr`, trailing `/` removed. */
  domain: string;
  /** Epoch ms after which the token is considered expired. */
  expiresAt: number;
}

/** One raw call of the gateway. */
export interface KingdeeCall<T> {
  method: 'GET' | 'POST';
  path: string;
  /** Decoded parameters; encoded, sorted and signed by the client (§4). */
  query?: readonly QueryParam[] | undefined;
  /** Label for errors and events. */
  operation: string;
  /**
   * Validates the whole answer: a zod schema, or anything with zod's `safeParse` contract (the
   * inventory calls pass fast row parsers, see `invSynchronousResponseParser`).
   */
  schema: SafeParser<T>;
  /** What the answer is, for shape errors. */
  what: string;
  /** The call only reads, so a POST may be repeated after a failure (GETs always may). */
  idempotent?: boolean | undefined;
}

/** Low-level signed client: token flow and business calls (what the provider is built on). */
export interface KingdeeClient {
  readonly options: ResolvedKingdeeOptions;
  /** The current session, running the token flow when there is none or it is about to expire. */
  session(options?: OperationOptions): Promise<KingdeeSession>;
  /**
   * Sends a signed business call with `app-token` and `X-GW-Router-Addr`; on a token-expired or
   * stale-secret answer it refreshes the token once and repeats the call once (§2). Returns the
   * parsed body and the body exactly as received.
   */
  call<T>(call: KingdeeCall<T>, options?: OperationOptions): Promise<{ body: T; raw: unknown }>;
}

/** Creates the low-level client. Options are validated here (a `ConfigError` names the option). */
export function createKingdeeClient(input: KingdeeProviderOptions): KingdeeClient {
  const options = resolveKingdeeOptions(input);
  const toError = createKingdeeErrors(mergeErrorTables(KINGDEE_ERROR_TABLE, options.errorTable), [
    options.clientSecret,
    options.appSecret,
  ]);
  const nonce = options.nonce ?? randomNonce;
  const account = options.outerInstanceId ?? options.appKey ?? '';
  const transport: Transport = createTransport({
    provider: KINGDEE_PROVIDER_ID,
    baseURL: options.baseURL,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    retry: options.retry,
    // §8: one budget per client_id + account, shared by every client instance in the process.
    rateLimiter: sharedRateLimiter(`kingdee:${options.clientId}:${account}`, options.rateLimit, [
      options.clientSecret,
      options.appSecret,
    ]),
    secrets: [options.clientSecret, options.appSecret],
    onEvent: options.onEvent,
    fetch: options.fetch,
  });

  const send = <T>(
    call: KingdeeCall<T>,
    session: KingdeeSession | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ body: T; raw: unknown }> => {
    const query = call.query ?? [];
    const sign = (timestamp: string, nonceValue: string) =>
      signRequest({
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        method: call.method,
        path: call.path,
        query,
        nonce: nonceValue,
        timestamp,
        appToken: session?.appToken,
        domain: session?.domain,
      });
    const urlQuery = buildUrlQuery(query);
    return transport.request(
      {
        method: call.method,
        // Query text built here and sent verbatim: a URL library must not re-encode it (§1).
        path: urlQuery === '' ? call.path : `${call.path}?${urlQuery}`,
        operation: call.operation,
        idempotent: call.idempotent,
        signal,
        // Signed per attempt: every retry carries a fresh timestamp and nonce, which the gateway
        // requires (a reused nonce is refused as a replay, §5.3).
        prepare: (request) => ({
          ...request,
          headers: { ...request.headers, ...sign(String(options.now()), nonce()).headers },
        }),
      },
      (response) => interpret(response, call, toError),
    );
  };

  // ------------------------------------------------------------------ token flow (§2)
  const configured: AccountCredentials | undefined =
    options.appKey !== undefined && options.appSecret !== undefined && options.domain !== undefined
      ? { appKey: options.appKey, appSecret: options.appSecret, domain: options.domain }
      : undefined;
  let current: KingdeeSession | undefined;
  let refreshing: Promise<KingdeeSession> | undefined;

  const authorize = async (): Promise<AccountCredentials> => {
    const outerInstanceId = options.outerInstanceId as string;
    const { body } = await send(
      {
        method: 'POST',
        path: KINGDEE_PATHS.pushAppAuthorize,
        query: [['outerInstanceId', outerInstanceId]],
        operation: 'token.push_app_authorize',
        schema: pushAppAuthorizeResponseSchema,
        what: 'push_app_authorize answer',
        // A POST that only lists the account's authorisations (§2 step 1): safe to repeat.
        idempotent: true,
      },
      undefined,
      undefined,
    );
    const chosen = pickAuthorization(body.data, outerInstanceId);
    if (!chosen) {
      throw new AuthError(
        `Kingdee push_app_authorize returned no active authorisation for outerInstanceId ${outerInstanceId}: authorise the app for that account in JDY, or check the outerInstanceId option`,
        { provider: KINGDEE_PROVIDER_ID, details: { authorisations: body.data.length } },
      );
    }
    // The account secret arrives at run time: register it so no event or error shows it.
    transport.addSecrets(chosen.appSecret);
    return { appKey: chosen.appKey, appSecret: chosen.appSecret, domain: chosen.domain };
  };

  const issue = async (credentials: AccountCredentials): Promise<KingdeeSession> => {
    const appSignature = computeAppSignature(credentials.appSecret, credentials.appKey);
    // app_signature opens a token: as secret as the appSecret it is derived from.
    transport.addSecrets(appSignature);
    const query: QueryParam[] = [
      ['app_key', credentials.appKey],
      ['app_signature', appSignature],
    ];
    if (options.uid !== undefined) query.push(['uid', options.uid]);
    const { body } = await send(
      {
        method: 'GET',
        path: KINGDEE_PATHS.authToken,
        query,
        operation: 'token.kingdee_auth_token',
        schema: authTokenResponseSchema,
        what: 'kingdee_auth_token answer',
      },
      undefined,
      undefined,
    );
    const token = body.data['app-token'];
    transport.addSecrets(token, body.data.access_token);
    const expires = body.data.expires;
    return {
      appToken: token,
      domain: credentials.domain.replace(/\/+$/, ''),
      // §2: `expires` may be absent; the token then lives the configured (24 h) lifetime.
      expiresAt:
        expires === undefined || expires === null
          ? options.now() + options.tokenLifetimeMs
          : Number(expires),
    };
  };

  const refresh = async (): Promise<KingdeeSession> => {
    if (configured) return issue(configured);
    try {
      return await issue(await authorize());
    } catch (error) {
      // The appSecret rotated between steps 1 and 3: fetch it again, once (§2).
      if (needsTokenRefresh(error)) return issue(await authorize());
      throw error;
    }
  };

  const session = async (opts: OperationOptions = {}): Promise<KingdeeSession> => {
    if (current && options.now() < current.expiresAt - options.tokenRefreshMarginMs) {
      return current;
    }
    // Single flight: concurrent callers share one refresh (the token endpoint allows ~2 a minute).
    refreshing ??= refresh()
      .then((fresh) => {
        current = fresh;
        return fresh;
      })
      .finally(() => {
        refreshing = undefined;
      });
    return withSignal(refreshing, opts.signal);
  };

  return {
    options,
    session,
    async call(call, opts = {}) {
      const first = await session(opts);
      try {
        return await send(call, first, opts.signal);
      } catch (error) {
        if (!needsTokenRefresh(error)) throw error;
        // Only the first caller to see a failing token drops it; the others reuse the refresh.
        if (current === first) current = undefined;
        return send(call, await session(opts), opts.signal);
      }
    },
  };
}

function pickAuthorization(
  list: readonly AppAuthorization[],
  outerInstanceId: string,
): AppAuthorization | undefined {
  const active = list.filter((entry) => entry.status === undefined || String(entry.status) === '1');
  return (
    active.find((entry) => entry.outerInstanceId === outerInstanceId) ??
    active.find((entry) => entry.outerInstanceId === null) ??
    (active.length === 1 ? active[0] : undefined)
  );
}

function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
