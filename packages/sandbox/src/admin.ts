import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { type AdminGuardOptions, adminGuard } from './admin-guard.js';
import { requestRoutes } from './admin-requests.js';
import { stubRoutes } from './admin-stubs.js';
import type { RequestLog } from './context.js';
import {
  DatasetError,
  type DatasetStates,
  exportDataset,
  loadDataset,
  parseDataset,
} from './dataset.js';
import type { FaultController } from './faults.js';
import type { StubController } from './gateway/stubs.js';
import { inspectorRoutes } from './inspector.js';
import { readJsonBody } from './json-body.js';
import type { PushController } from './push/dispatcher.js';
import { PUSH_ROUTES, pushRoutes } from './push/routes.js';
import { plainQuantitySchema } from './stored-values.js';
import { fullKeyOf, winitPositionsMatching } from './winit-stock-key.js';

export interface AdminOptions {
  states: DatasetStates;
  log: RequestLog;
  faults: FaultController;
  /** Kingdee push subscriptions and deliveries (docs/protocols/kingdee.md §10.1). */
  push?: PushController | undefined;
  /** Stub rules served at `/_sandbox/stubs`; the routes are absent without it. */
  stubs?: StubController | undefined;
  now(): number;
  /** Restores what the sandbox started with (dataset, faults, request log). */
  reset(): void;
  /** Who may call the admin routes besides loopback hosts and the sandbox's own origin. */
  guard?: AdminGuardOptions | undefined;
}

const stockSchema = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('kingdee'),
    /** Inventory-row id. */
    id: z.string().min(1),
    /** Base units added to on hand (negative to remove), up to 3 decimals. */
    delta: plainQuantitySchema(3),
  }),
  z.object({
    provider: z.literal('winit'),
    key: z.object({
      warehouseCode: z.string().min(1),
      merchandiseCode: z.string().min(1),
      specification: z.string().nullable().optional(),
      serviceType: z.enum(['2B', '2C']).optional(),
      merchandiseGrade: z.enum(['GOOD', 'DEFECTIVE']).optional(),
      skuCodeThird: z.string().nullable().optional(),
      packingBatchNo: z.string().nullable().optional(),
    }),
    /** New values of the stored quantities (non-negative integers). */
    set: z
      .object({
        usableQty: z.number().int().min(0).optional(),
        waitingOutboundQty: z.number().int().min(0).optional(),
        lostConfirmingQty: z.number().int().min(0).optional(),
        otherFrozenQty: z.number().int().min(0).optional(),
        prohibitQty: z.number().int().min(0).optional(),
        onOrderQty: z.number().int().min(0).optional(),
      })
      .refine((set) => Object.keys(set).length > 0, { error: 'name at least one quantity to set' }),
  }),
]);

const MAX_ADMIN_BODY_BYTES = 64 * 1024 * 1024;

const ROUTES = {
  'GET /_sandbox': 'this index',
  'POST /_sandbox/reset': 'restore the start dataset and faults, clear the request log',
  'GET /_sandbox/dataset': 'the current data as a dataset file',
  'PUT /_sandbox/dataset': 'load a dataset file (JSON body)',
  'POST /_sandbox/stock':
    'change a stock quantity: {provider:"kingdee",id,delta} or {provider:"winit",key,set}',
  'GET /_sandbox/changes':
    'Kingdee inventory-change ids recorded by stock changes (?after=<changeId>)',
  'GET /_sandbox/inspector':
    'the request inspector: the last requests live, with the detail of each',
  'GET /_sandbox/requests': 'the last requests with their verdicts (?limit=<n>)',
  'GET /_sandbox/requests/{id}':
    'one request: redacted headers and body, string-to-sign, signatures, diagnosed mistake',
  'GET /_sandbox/requests/stream': 'new requests as server-sent events (?after=<id>)',
  'POST /_sandbox/requests/find':
    'logged requests a match selects: {provider, route|action, verdict, status, params, since, limit}',
  'POST /_sandbox/requests/count': 'how many logged requests a match selects (same match)',
  'DELETE /_sandbox/requests': 'clear the request log',
  'GET /_sandbox/stubs':
    'the stub rules in force, the example names and error codes they may answer',
  'PUT /_sandbox/stubs': 'replace the stub rules (JSON array)',
  'DELETE /_sandbox/stubs': 'remove every stub rule',
  'GET /_sandbox/faults': 'the fault rules in force',
  'PUT /_sandbox/faults': 'replace the fault rules (JSON body)',
  ...PUSH_ROUTES,
};

/** The body as JSON, refusing numbers it would round and nesting it could not serve back. */
async function readJson(request: Request): Promise<ReturnType<typeof readJsonBody>> {
  return readJsonBody(await request.text());
}

const issuesOf = (error: z.ZodError): string[] =>
  error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);

/**
 * Admin routes under `/_sandbox/`, off the provider paths: reset, datasets, stock changes, the
 * request log and fault rules. Refusals are 400 with `{error, message, issues}` naming each field.
 */
export function adminRoutes(options: AdminOptions): Hono {
  const { states, log, faults } = options;
  const app = new Hono();
  // Before anything reads the body: a refused request changes nothing and reads nothing.
  app.use('/_sandbox/*', adminGuard(options.guard));
  app.use(
    '/_sandbox/*',
    bodyLimit({
      maxSize: MAX_ADMIN_BODY_BYTES,
      onError: (c) => c.json(bad(`body exceeds ${MAX_ADMIN_BODY_BYTES} bytes`), 413),
    }),
  );
  const bad = (message: string, issues: readonly string[] = []) => ({
    error: 'invalid_request',
    message,
    issues,
  });

  app.get('/_sandbox', (c) => c.json({ routes: ROUTES }));
  if (options.push) app.route('/', pushRoutes(options.push));
  app.post('/_sandbox/reset', (c) => {
    options.reset();
    return c.json({ reset: true });
  });
  app.get('/_sandbox/dataset', (c) => c.json(exportDataset(states)));
  app.put('/_sandbox/dataset', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(bad(body.message, body.issues), 400);
    try {
      loadDataset(states, parseDataset(body.value));
    } catch (error) {
      if (error instanceof DatasetError) return c.json(bad(error.message, error.issues), 400);
      throw error;
    }
    return c.json({
      loaded: true,
      kingdee: states.kingdee.size,
      winit: states.winit.rows().length,
    });
  });
  app.post('/_sandbox/stock', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(bad(body.message, body.issues), 400);
    const parsed = stockSchema.safeParse(body.value);
    if (!parsed.success) return c.json(bad('invalid stock change', issuesOf(parsed.error)), 400);
    const change = parsed.data;
    try {
      if (change.provider === 'kingdee') {
        const recorded = states.kingdee.adjust(change.id, change.delta);
        return c.json({
          provider: 'kingdee',
          change: recorded,
          row: states.kingdee.get(change.id)?.row,
        });
      }
      // Members left out of the key match any value: one match is updated, none creates a position.
      const matches = winitPositionsMatching(states.winit, change.key);
      if (matches.length > 1) {
        const keys = matches.map(fullKeyOf);
        return c.json(
          {
            error: 'ambiguous_key',
            message: `key matches ${matches.length} Winit positions: add the members that tell them apart (specification, serviceType, merchandiseGrade, skuCodeThird, packingBatchNo), e.g. copy one of the keys listed`,
            issues: keys.map((key) => JSON.stringify(key)),
            matches: keys,
          },
          400,
        );
      }
      const [match] = matches;
      const row = states.winit.adjust(match ?? change.key, change.set, options.now());
      return c.json({ provider: 'winit', created: match === undefined, row });
    } catch (error) {
      if (error instanceof RangeError) return c.json(bad(error.message), 400);
      throw error;
    }
  });
  app.get('/_sandbox/changes', (c) => {
    const after = Number(c.req.query('after') ?? 0);
    if (!Number.isInteger(after) || after < 0)
      return c.json(bad('after must be a non-negative integer change id'), 400);
    return c.json({ provider: 'kingdee', changes: states.kingdee.changes(after) });
  });
  app.get('/_sandbox/requests', (c) => {
    const limit = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(limit) || limit <= 0)
      return c.json(bad('limit must be a positive integer'), 400);
    return c.json({ requests: log.entries(limit) });
  });
  app.route('/', requestRoutes(log));
  app.route('/', inspectorRoutes({ states, faults }));
  if (options.stubs) app.route('/', stubRoutes(options.stubs));
  app.get('/_sandbox/faults', (c) => c.json(faults.current()));
  app.put('/_sandbox/faults', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(bad(body.message, body.issues), 400);
    try {
      faults.configure(body.value as never);
    } catch (error) {
      if (error instanceof z.ZodError)
        return c.json(bad('invalid fault rules', issuesOf(error)), 400);
      throw error;
    }
    return c.json(faults.current());
  });
  return app;
}
