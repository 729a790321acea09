import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A delivery as a test receiver saw it. */
export interface ReceivedPush {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A plain receiver on 127.0.0.1 for the push tests: records every POST and answers with what
 * `answer` returns (status, or `'hang'` to never answer).
 */
export async function startTestReceiver(
  answer: (received: ReceivedPush, index: number) => number | 'hang' = () => 200,
): Promise<{ url: string; received: ReceivedPush[]; close(): Promise<void> }> {
  const received: ReceivedPush[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const push = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(push);
      const status = answer(push, received.length - 1);
      if (status === 'hang') return;
      response.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kingdee/push`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
