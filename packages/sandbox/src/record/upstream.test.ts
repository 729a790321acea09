import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forward } from './upstream.js';

describe('forward', () => {
  let server: Server;
  let base = '';
  let seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string } =
    {};
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen = {
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: Buffer.concat(chunks).toString(),
        };
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(gzipSync('{"qty":1.10}'));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a GET with a body, the query text as received and end-to-end headers', async () => {
    const answer = await forward(base, {
      method: 'GET',
      target: '/jdy/v2/x?b=%2A&a=1+2',
      headers: { 'x-api-signature': 's', connection: 'close', 'accept-encoding': 'gzip' },
      body: Buffer.from('{"ids":[1]}'),
    });
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe('/prefix/jdy/v2/x?b=%2A&a=1+2');
    expect(seen.body).toBe('{"ids":[1]}');
    expect(seen.headers?.['x-api-signature']).toBe('s');
    expect(seen.headers?.['accept-encoding']).toBe('gzip');
    // The answer comes back decoded, without its content-coding.
    expect(answer.body.toString()).toBe('{"qty":1.10}');
    expect(answer.headers['content-encoding']).toBeUndefined();
  });
});
