/**
 * The ceiling: a bare Hono app on @hono/node-server (the sandbox's own stack) answering fixed
 * bytes, in a child process like the sandbox. POST routes read the body first, as any handler must,
 * the cheapest way this stack allows: from Node's request stream, as the sandbox does
 * (`c.req.text()` would build a fetch Request and a web stream, and the ceiling would be lower).
 */
import type { IncomingMessage } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { serveChild } from './serve.js';

export interface BareRoute {
  method: 'GET' | 'POST';
  path: string;
  contentType: string;
  body: string;
}

await serveChild(async (input) => {
  const routes = (input as { routes: BareRoute[] }).routes;
  const app = new Hono();
  for (const route of routes) {
    // A fresh header record per answer: @hono/node-server may keep and extend the one it is given.
    const headers = () => ({ 'content-type': route.contentType });
    if (route.method === 'GET') {
      app.get(route.path, (c) => c.body(route.body, 200, headers()));
    } else {
      app.post(route.path, async (c) => {
        const { incoming } = c.env as { incoming: IncomingMessage };
        const chunks: Buffer[] = [];
        for await (const chunk of incoming) chunks.push(chunk as Buffer);
        Buffer.concat(chunks).toString('utf8');
        return c.body(route.body, 200, headers());
      });
    }
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
});
