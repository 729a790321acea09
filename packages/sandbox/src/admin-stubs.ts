import { Hono } from 'hono';
import { z } from 'zod';
import type { StubController } from './gateway/stubs.js';
import { readJsonBody } from './json-body.js';

/** Admin routes of the stub rules; mounted by `adminRoutes`, behind its guard. */
export function stubRoutes(stubs: StubController): Hono {
  const app = new Hono();
  app.get('/_sandbox/stubs', (c) => c.json(stubs.current()));
  app.put('/_sandbox/stubs', async (c) => {
    const body = readJsonBody(await c.req.text());
    if (!body.ok) {
      return c.json({ error: 'invalid_request', message: body.message, issues: body.issues }, 400);
    }
    try {
      stubs.configure(body.value);
    } catch (error) {
      if (!(error instanceof z.ZodError)) throw error;
      const issues = error.issues.map(
        (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
      );
      return c.json({ error: 'invalid_request', message: 'invalid stub rules', issues }, 400);
    }
    return c.json(stubs.current());
  });
  app.delete('/_sandbox/stubs', (c) => {
    stubs.configure([]);
    return c.json(stubs.current());
  });
  return app;
}
