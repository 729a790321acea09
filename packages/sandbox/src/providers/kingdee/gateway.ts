/**
 * Routes impersonating the Kingdee JDY gateway (docs/protocols/kingdee.md). Every request runs the
 * shared gateway pipeline with the checks in the §7 order: path and method (read), auth version
 * and client (identify), timestamp (clock), sign headers and nonce (replay), signature, router
 * address and app-token (session), rate limit, then parameters and the endpoint (dispatch). The
 * first failure answers with the documented status and envelope, naming the field, the rule and
 * what the sandbox expected. Protocol pieces come from `@inv/kingdee-protocol`.
 */
import { Hono } from 'hono';
import type { SandboxContext } from '../../context.js';
import { keepText } from '../../gateway/kept-text.js';
import { kingdeeLoggedParams } from '../../gateway/logged-params.js';
import { gatewayHandler } from '../../gateway/pipeline.js';
import { fixedWindowLimiter } from '../../gateway/rate-limit.js';
import { Refusal } from '../../gateway/refusal.js';
import { kingdeeMatchKey } from '../../record/match-key.js';
import { createKingdeeInventoryState } from '../kingdee-data.js';
import { authTokenEndpoint, pushAppAuthorizeEndpoint } from './endpoints/auth.js';
import type { KingdeeEndpointHandler } from './endpoints/endpoint.js';
import { invSynchronousEndpoint } from './endpoints/inv-synchronous.js';
import { scmInventoryEndpoint } from './endpoints/scm-inventory.js';
import { kingdeeEnvelope } from './envelope.js';
import { inspectedParts } from './inspected-parts.js';
import { type KingdeeSandboxOptions, resolveKingdeeOptions } from './options.js';
import { readParams } from './params.js';
import { type KingdeeEndpoint, type KingdeeRequest, readKingdeeRequest } from './request.js';
import { sessionCheck } from './session.js';
import { createTokenStore } from './tokens.js';
import { createKingdeeVerifier } from './verify.js';

/** Routes impersonating the Kingdee gateway, mounted at the root of the sandbox. */
export function kingdeeRoutes(context: SandboxContext, options: KingdeeSandboxOptions = {}): Hono {
  const config = resolveKingdeeOptions(options);
  const state =
    options.state ??
    createKingdeeInventoryState({
      seed: options.seed,
      size: options.size,
      rows: options.rows,
      now: () => context.now(),
    });
  const tokens = createTokenStore(config.maxTokensPerAccount);
  const verifier = createKingdeeVerifier(config);
  context.measure('kingdee.appTokens', () => tokens.size);
  context.measure('kingdee.nonces', () => verifier.nonceCount());
  const limiter = config.rateLimit
    ? fixedWindowLimiter(config.rateLimit.limit, config.rateLimit.intervalMs)
    : undefined;
  const endpoints: Record<KingdeeEndpoint, KingdeeEndpointHandler> = {
    pushAppAuthorize: pushAppAuthorizeEndpoint(config),
    authToken: authTokenEndpoint(config, tokens),
    invSynchronous: invSynchronousEndpoint(state),
    scmInventory: scmInventoryEndpoint(config, state),
  };

  /** §7 #12 (off by default): a fixed window per client_id + account. */
  const rateLimit = (request: KingdeeRequest): Refusal | undefined => {
    if (!limiter) return undefined;
    const { session } = request;
    const key = session
      ? `client_id ${request.clientId} account ${session.account.outerInstanceId}`
      : `client_id ${request.clientId}`;
    if (limiter.take(key, request.now)) return undefined;
    return new Refusal({
      status: 429,
      code: '429',
      field: key,
      rule: `sent more than ${limiter.limit} requests in ${limiter.intervalMs} ms (rate limit)`,
    });
  };

  const handle = gatewayHandler<KingdeeRequest>(context, {
    provider: 'kingdee',
    envelope: kingdeeEnvelope,
    read: (c) => readKingdeeRequest(c, context.now()),
    checks: [
      verifier.identify,
      verifier.checkClock,
      verifier.checkReplay,
      verifier.verifySignature,
      sessionCheck(tokens),
      rateLimit,
    ],
    // Auth calls are never replayed: their answers hold the upstream's secrets, redacted, and the
    // app-token a replayed business call must present is the sandbox's own (§6).
    matchKey: (request) =>
      request.route.business
        ? kingdeeMatchKey(request.method, request.path, request.rawQuery)
        : undefined,
    params: (request) => kingdeeLoggedParams(request.rawQuery),
    // The request inspector's view (issue #16): the query as sent, the body if one was read (cut to
    // the log's cap so a large body is not held), the string-to-sign once built.
    inspect: ({ method, path, rawQuery, body, canonicalQuery, nonce, timestamp }) => ({
      query: rawQuery,
      body: body === undefined ? undefined : keepText(body),
      stringToSign:
        canonicalQuery === undefined
          ? undefined
          : () => inspectedParts({ method, path, canonicalQuery, nonce, timestamp }),
    }),
    // §7 #11 and #13: parameters are read (and a GET body with them) only for an accepted call.
    async dispatch(request) {
      const endpoint = endpoints[request.route.endpoint];
      const params = await readParams(request, endpoint.limits, config.maxBodyBytes);
      if (params instanceof Refusal) return params;
      return endpoint.handle(params, request);
    },
  });
  const app = new Hono();
  app.all('/jdy/*', handle);
  app.all('/jdyconnector/*', handle);
  return app;
}
