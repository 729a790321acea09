import { Hono } from 'hono';
import { z } from 'zod';
import { readJsonBody } from '../json-body.js';
import type { PushController } from './dispatcher.js';

const issuesOf = (error: z.ZodError): string[] =>
  error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);

const bad = (message: string, issues: readonly string[] = []) => ({
  error: 'invalid_request',
  message,
  issues,
});

/** Index lines of the push routes, for `GET /_sandbox`. */
export const PUSH_ROUTES = {
  'GET /_sandbox/subscriptions': 'Kingdee push receivers (URLs, never secrets)',
  'PUT /_sandbox/subscriptions':
    'register a Kingdee push receiver: {url, secret}; the same url replaces its secret',
  'DELETE /_sandbox/subscriptions': 'remove a receiver (?url=<url>), or every one without url',
  'GET /_sandbox/deliveries': 'Kingdee push deliveries with their attempts (?limit=<n>)',
};

/**
 * Admin routes of the Kingdee push subscriptions (docs/protocols/kingdee.md §10.1). Mounted by
 * `adminRoutes`, behind its host guard and body limit.
 */
export function pushRoutes(push: PushController): Hono {
  const app = new Hono();
  app.get('/_sandbox/subscriptions', (c) => c.json({ subscriptions: push.subscriptions() }));
  app.put('/_sandbox/subscriptions', async (c) => {
    const body = readJsonBody(await c.req.text());
    if (!body.ok) return c.json(bad(body.message, body.issues), 400);
    try {
      push.subscribe(body.value as never);
    } catch (error) {
      if (error instanceof z.ZodError) {
        return c.json(bad('invalid subscription', issuesOf(error)), 400);
      }
      throw error;
    }
    return c.json({ subscriptions: push.subscriptions() });
  });
  app.delete('/_sandbox/subscriptions', (c) => {
    const removed = push.unsubscribe(c.req.query('url'));
    return c.json({ removed, subscriptions: push.subscriptions() });
  });
  app.get('/_sandbox/deliveries', (c) => {
    const limit = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(limit) || limit <= 0) {
      return c.json(bad('limit must be a positive integer'), 400);
    }
    return c.json({ deliveries: push.deliveries(limit) });
  });
  return app;
}
