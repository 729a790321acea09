import { ConfigError } from '@inv/core';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adminRoutes } from './admin.js';
import { createRequestLog, type RequestLog, type SandboxContext } from './context.js';
import { corsMiddleware } from './cors.js';
import { type DatasetStates, loadDataset, parseDataset, type SandboxDataset } from './dataset.js';
import { docsRoutes } from './docs.js';
import { gatewayAnswers, gatewayOf } from './envelopes.js';
import { createFaultController, type FaultConfig, type FaultController } from './faults.js';
import { createStubController, type StubController, type StubRule } from './gateway/stubs.js';
import { nodeBodyStream, requestHeader } from './http.js';
import { landingRoutes } from './landing.js';
import { buildOpenApiDocument, type OpenApiSource } from './openapi.js';
import { kingdeeOpenApi } from './openapi-kingdee.js';
import { winitOpenApi } from './openapi-winit.js';
import { type KingdeeSandboxOptions, kingdeeRoutes } from './providers/kingdee.js';
import { createKingdeeInventoryState } from './providers/kingdee-data.js';
import { winitDatasetOptions } from './providers/winit/options.js';
import { type WinitSandboxOptions, winitRoutes } from './providers/winit.js';
import { createWinitSandboxState } from './providers/winit-data.js';
import { startChangeStream } from './push/change-stream.js';
import { createPushController, type PushController } from './push/dispatcher.js';
import type { ChangeStreamOptions, PushOptions, PushSubscription } from './push/options.js';
import { type RecordOptions, recordingMiddleware } from './record/recorder.js';
import { loadReplay, type ReplayOptions } from './record/replayer.js';
import { type RequestQueries, requestQueries } from './request-match.js';
import { signRoutes } from './sign-endpoint.js';

export interface SandboxAppOptions {
  /** Clock in epoch milliseconds. Defaults to `Date.now`; freeze it to replay documented examples. */
  now?: (() => number) | undefined;
  /** Called with one structured line per request; silent when absent. */
  logger?: ((line: string) => void) | undefined;
  kingdee?: KingdeeSandboxOptions | undefined;
  winit?: WinitSandboxOptions | undefined;
  /** Faults injected into provider answers; see the sandbox README. Also settable at `/_sandbox/faults`. */
  faults?: FaultConfig | undefined;
  /**
   * Stub rules answering verified requests with a documented example, a body or an error code;
   * see the README. Also settable at `/_sandbox/stubs`.
   */
  stubs?: readonly StubRule[] | undefined;
  /** Largest accepted request body in bytes (default 1 MiB); larger ones get the gateway's parameter error. */
  maxBodyBytes?: number | undefined;
  /**
   * Seed of the generated default dataset of both gateways (default: each gateway's own, 20240101).
   * Gateway options (`kingdee.seed`, `winit.seed`) win over it.
   */
  seed?: number | undefined;
  /** A dataset file's content (parsed JSON) to serve instead of generated data; see the README. */
  dataset?: SandboxDataset | undefined;
  /**
   * Host names admin routes answer besides 127.0.0.1, localhost and [::1] (any port), e.g. a
   * container's service name; `name:port` matches that port only. Guards against DNS rebinding.
   */
  allowedHosts?: readonly string[] | undefined;
  /**
   * Cross-origin browser requests the gateways and admin routes accept (preflights answered, CORS
   * headers set by `hono/cors`): `true` any origin, or these origins. Off by default: a web page
   * must not drive the admin routes.
   */
  cors?: boolean | readonly string[] | undefined;
  /**
   * Forward gateway requests unchanged to the real gateways and record each exchange, redacted, to
   * `file` (see the README). Signatures are not verified: the upstream judges them.
   */
  record?: RecordOptions | undefined;
  /** Answer accepted requests from a recording written with `record` (signatures still verified). */
  replay?: ReplayOptions | undefined;
  /** Kingdee push receivers registered at start (docs/protocols/kingdee.md §10.1, [assumed]). */
  subscriptions?: readonly PushSubscription[] | undefined;
  /** Batching, retry, timeout and format of push deliveries; defaults in the README. */
  push?: PushOptions | undefined;
  /** A seeded background stream of random Kingdee stock changes, for soak tests. */
  changeStream?: ChangeStreamOptions | undefined;
}

export interface SandboxApp {
  app: Hono;
  context: SandboxContext;
  log: RequestLog;
  /** The verification API over the request log: `find(match)`, `count(match)`, `clear()`. */
  requests: RequestQueries;
  faults: FaultController;
  /** Stub rules in force; `stubs.configure([...])` replaces them without going through HTTP. */
  stubs: StubController;
  /** The data both gateways answer from; admin routes and tests change it. */
  states: DatasetStates;
  /**
   * How much state the gateways hold, by name: `kingdee.appTokens`, `kingdee.nonces`,
   * `winit.answerCacheBytes`, `winit.answerCacheEntries`, `log.entries`. Each is bounded
   * (see docs/reliability.md); tests and the load benchmark check it.
   */
  held(): Record<string, number>;
  /** Kingdee push subscriptions and deliveries; `push.close()` stops them and the change stream. */
  push: PushController;
}

/**
 * Builds the sandbox as a plain Hono app (no network), so routes are testable with `app.request()`.
 * Provider route modules mount here; each owns its gateway's paths.
 */
export function createSandboxApp(options: SandboxAppOptions = {}): SandboxApp {
  if (options.record && options.replay) {
    throw new ConfigError('replay', 'cannot be used with record: record first, then replay');
  }
  const log = createRequestLog();
  const now = options.now ?? Date.now;
  const measures = new Map<string, () => number>();
  const stubs = createStubController(options.stubs ?? []);
  const context: SandboxContext = {
    now,
    stubs,
    measure(name, read) {
      measures.set(name, read);
    },
    record(entry, evidence) {
      log.push(entry, now(), evidence);
      options.logger?.(
        `${entry.provider} ${entry.method} ${entry.route} ${entry.status} ${entry.verdict}${entry.code ? ` (${entry.code})` : ''} ${entry.ms.toFixed(1)}ms`,
      );
    },
    replay: options.replay ? loadReplay(options.replay) : undefined,
  };
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  // Fault rules may read a body before its route: with the largest limit any route applies, so the
  // shared read never refuses what the route would accept (readBody).
  const faults = createFaultController(context, options.faults, {
    maxBodyBytes: Math.max(
      maxBodyBytes,
      options.kingdee?.maxBodyBytes ?? 0,
      options.winit?.maxBodyBytes ?? 0,
    ),
  });
  const states: DatasetStates = {
    kingdee:
      options.kingdee?.state ??
      createKingdeeInventoryState({
        seed: options.kingdee?.seed ?? options.seed,
        size: options.kingdee?.size,
        rows: options.kingdee?.rows,
        now,
      }),
    winit:
      options.winit?.state ??
      createWinitSandboxState(winitDatasetOptions(options.winit, options.seed)),
  };
  // A dataset given at start is loaded once and becomes what reset() returns to.
  const dataset = options.dataset === undefined ? undefined : parseDataset(options.dataset);
  const start = (): void => {
    states.kingdee.reset();
    states.winit.reset();
    if (dataset) loadDataset(states, dataset);
  };
  if (dataset) loadDataset(states, dataset);
  const push = createPushController({
    ...options.push,
    subscriptions: options.subscriptions,
    now,
    faults: () => faults.current(),
  });
  states.kingdee.onChange((ids) => push.notify(ids));
  if (options.changeStream) push.onClose(startChangeStream(states.kingdee, options.changeStream));
  const app = new Hono();
  // First, so a preflight is answered before the admin guard or a gateway reads the request.
  const cors = corsMiddleware(options.cors);
  if (cors) app.use('*', cors);
  app.get('/health', (c) => c.json({ status: 'ok' }));
  const documents: Record<string, { name: string; source: OpenApiSource }> = {
    kingdee: { name: 'Kingdee JDY', source: kingdeeOpenApi },
    winit: { name: 'Winit', source: winitOpenApi },
  };
  for (const [id, { source }] of Object.entries(documents)) {
    app.get(`/openapi/${id}.json`, (c) =>
      c.json(buildOpenApiDocument(source, new URL(c.req.url).origin, now())),
    );
  }
  app.route(
    '/',
    docsRoutes(
      (['kingdee', 'winit'] as const).map((id) => ({
        id,
        name: documents[id]?.name ?? id,
        url: `/openapi/${id}.json`,
      })),
    ),
  );
  app.route(
    '/',
    landingRoutes({
      documents: Object.fromEntries(
        Object.entries(documents).map(([id, { name }]) => [name, `/openapi/${id}.json`]),
      ),
    }),
  );
  app.route('/', signRoutes({ now, fetch: (request) => app.fetch(request) }));
  // Admin routes come before the gateway body limit: a dataset upload is legitimately large.
  app.route(
    '/',
    adminRoutes({
      states,
      log,
      faults,
      push,
      stubs,
      now,
      guard: { allowedHosts: options.allowedHosts, cors: options.cors },
      reset() {
        start();
        faults.configure(options.faults ?? {});
        push.reset();
        stubs.configure(options.stubs ?? []);
        log.clear();
      },
    }),
  );
  // GET and HEAD carry no body the app reads (Kingdee GET bodies are capped where they are read);
  // skipping them spares building a fetch Request per signed GET.
  const tooLarge = (c: Context): Response => {
    context.record({
      provider: gatewayOf(c.req.path) ?? 'sandbox',
      method: c.req.method,
      route: c.req.path,
      status: 200,
      verdict: `refused: body larger than ${maxBodyBytes} bytes`,
      ms: 0,
    });
    return gatewayAnswers.bodyTooLarge(gatewayOf(c.req.path), maxBodyBytes);
  };
  // Recording forwards the request's bytes before any other reader (body limit, faults) sees them.
  if (options.record) app.use('*', recordingMiddleware(context, options.record, maxBodyBytes));
  const limitBodies = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // A declared length read from Node's stream (readBody) is checked here without building the
    // fetch Request that hono's limit needs; streamed bodies and app.request() go through hono's.
    if (nodeBodyStream(c)) {
      return Number(requestHeader(c, 'content-length')) > maxBodyBytes ? tooLarge(c) : next();
    }
    return limitBodies(c, next);
  });
  app.use('*', faults.middleware);
  // A bug in a route must still look like the gateway's own system error, never a bare 500.
  app.onError((error, c) => {
    const gateway = gatewayOf(c.req.path);
    context.record({
      provider: gateway ?? 'sandbox',
      method: c.req.method,
      route: c.req.path,
      status: 200,
      verdict: `internal error: ${error.message}`,
      ms: 0,
    });
    options.logger?.(
      `sandbox internal error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`,
    );
    return gateway
      ? gatewayAnswers.systemError(gateway)
      : c.json({ error: 'internal', message: error.message }, 500);
  });
  app.notFound((c) => {
    const gateway = gatewayOf(c.req.path);
    if (gateway) {
      context.record({
        provider: gateway,
        method: c.req.method,
        route: c.req.path,
        status: gateway === 'kingdee' ? 519 : 200,
        verdict: 'refused: no such path',
        code: gateway === 'kingdee' ? '5001' : '1007',
        ms: 0,
      });
    }
    return gatewayAnswers.notFound(gateway, c.req.method, c.req.path);
  });
  app.route('/', winitRoutes(context, { maxBodyBytes, ...options.winit, state: states.winit }));
  app.route(
    '/',
    kingdeeRoutes(context, { maxBodyBytes, ...options.kingdee, state: states.kingdee }),
  );
  context.measure('log.entries', () => log.size);
  const held = (): Record<string, number> =>
    Object.fromEntries([...measures].map(([name, read]) => [name, read()]));
  return {
    app,
    context,
    log,
    requests: requestQueries(log),
    faults,
    stubs,
    states,
    held,
    push,
  };
}
