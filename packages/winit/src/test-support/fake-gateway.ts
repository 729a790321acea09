import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake gateway received. */
export interface SentRequest {
  url: string;
  headers: IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown> & { data: Record<string, unknown> | '' };
}

/** What a handler answers: a JSON value (HTTP 200), or an explicit status and text. */
export type FakeAnswer = unknown | { status: number; text: string };

export interface FakeGateway {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  sent: SentRequest[];
  close(): Promise<void>;
}

const isRaw = (value: unknown): value is { status: number; text: string } =>
  typeof value === 'object' && value !== null && 'status' in value && 'text' in value;

/**
 * A scripted stand-in for the Winit gateway on 127.0.0.1 (tests never leave the loopback), for
 * unit tests of the client's wire behaviour. The full sandbox lives in `@inv/sandbox`.
 */
export async function startFakeGateway(
  answer: (sent: SentRequest, index: number) => FakeAnswer,
): Promise<FakeGateway> {
  const sent: SentRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: SentRequest = {
        url: req.url ?? '',
        headers: req.headers,
        text,
        body: JSON.parse(text),
      };
      sent.push(entry);
      const reply = answer(entry, sent.length - 1);
      if (isRaw(reply)) {
        res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.text);
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json;charset=UTF-8' })
        .end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
