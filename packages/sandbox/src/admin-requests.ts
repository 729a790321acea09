import { Hono } from 'hono';
import { requestStream } from './admin-request-stream.js';
import type { RequestLog } from './context.js';
import { readJsonBody } from './json-body.js';
import { requestDetail } from './request-detail.js';
import { findRequests, requestMatchSchema } from './request-match.js';

/**
 * Admin routes of the verification API and the request inspector's feeds (one request's detail,
 * the live stream); mounted by `adminRoutes`, behind its guard.
 */
export function requestRoutes(log: RequestLog): Hono {
  const app = new Hono();
  // One route for the stream and a request's detail: Hono's RegExpRouter cannot hold a static
  // `/stream` beside a `/:id` of the same method, and the app would then fall back to the slower
  // TrieRouter for every route, the gateways' included (measured: bench/proposals.md, #18).
  app.get('/_sandbox/requests/:id', (c) => {
    const param = c.req.param('id');
    if (param === 'stream') return requestStream(log, c);
    if (!/^[0-9]+$/.test(param)) return c.notFound();
    const id = Number(param);
    const found = log.get(id);
    if (!found) {
      return c.json(
        {
          error: 'not_found',
          message: `request ${id} is not in the log: it keeps the last 500 requests`,
          issues: [],
        },
        404,
      );
    }
    return c.json(requestDetail(found.entry, found.evidence));
  });
  const select = (route: 'find' | 'count') =>
    app.post(`/_sandbox/requests/${route}`, async (c) => {
      const text = await c.req.text();
      const body = text.trim() === '' ? { ok: true as const, value: {} } : readJsonBody(text);
      if (!body.ok) {
        return c.json(
          { error: 'invalid_request', message: body.message, issues: body.issues },
          400,
        );
      }
      const parsed = requestMatchSchema.safeParse(body.value);
      if (!parsed.success) {
        const issues = parsed.error.issues.map(
          (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
        );
        return c.json({ error: 'invalid_request', message: 'invalid request match', issues }, 400);
      }
      if (route === 'find') return c.json({ requests: findRequests(log, parsed.data) });
      return c.json({ count: findRequests(log, { ...parsed.data, limit: undefined }).length });
    });
  select('find');
  select('count');
  app.delete('/_sandbox/requests', (c) => {
    log.clear();
    return c.json({ cleared: true });
  });
  return app;
}
