import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KINGDEE_SANDBOX_CREDENTIALS as C } from '@inv/kingdee-protocol';

export type Reply = { status?: number; body: unknown; headers?: Record<string, string> };
export type Handler = (request: IncomingMessage, url: URL) => Reply | Promise<Reply>;

/** What a handler answers to leave a request to the default token endpoints. */
export const pass: Reply = { status: 404, body: '' };

const servers: Server[] = [];

/** Closes every stub started since the last call (call it in `afterEach`). */
export async function closeStubs(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * A scripted Kingdee gateway on 127.0.0.1 (tests never leave the loopback); the token endpoints
 * answer by default. The full sandbox lives in `@inv/sandbox`.
 */
export async function stub(handler: Handler): Promise<{ url: string; calls: URL[] }> {
  const calls: URL[] = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    calls.push(url);
    let reply: Reply | undefined;
    if (url.pathname.endsWith('push_app_authorize')) {
      reply = {
        body: {
          errcode: 0,
          data: [
            {
              appKey: 'abc',
              appSecret: 'abc123',
              domain: 'https://tf.jdy.com/',
              status: 1,
              outerInstanceId: C.account.outerInstanceId,
            },
          ],
        },
      };
    }
    if (url.pathname.endsWith('kingdee_auth_token')) {
      reply = { body: { errcode: 0, description: '成功', data: { 'app-token': 'eyJstub' } } };
    }
    const custom = await handler(request, url);
    reply = custom.status === 404 && reply ? reply : custom;
    response.writeHead(reply.status ?? 200, {
      'content-type': 'application/json',
      ...reply.headers,
    });
    response.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}
