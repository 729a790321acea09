import { Hono } from 'hono';
import type { RequestLog } from './context.js';
import { readJsonBody } from './json-body.js';
import { findRequests, requestMatchSchema } from './request-match.js';

/** Admin routes of the verification API; mounted by `adminRoutes`, behind its guard. */
export function requestRoutes(log: RequestLog): Hono {
  const app = new Hono();
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
