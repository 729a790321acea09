import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer: status (default 200), content type (default JSON) and body text. */
export interface Scripted {
  status?: number | undefined;
  contentType?: string | undefined;
  body: string;
}

/** A gateway on 127.0.0.1 that answers every request with the current script. */
export interface ScriptedGateway {
  url: string;
  /** Sets the answer of every following request (except those `fixed` answers). */
  script(answer: Scripted): void;
  close(): Promise<void>;
}

/**
 * Starts a scripted gateway. `fixed` answers the requests the script is not about (for example a
 * token call that always succeeds), by URL path; it returns `undefined` for scripted requests.
 */
export async function startScriptedGateway(
  fixed: (path: string) => Scripted | undefined = () => undefined,
): Promise<ScriptedGateway> {
  let current: Scripted = { body: '' };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = fixed(request.url ?? '/') ?? current;
      response.writeHead(answer.status ?? 200, {
        'content-type': answer.contentType ?? 'application/json;charset=UTF-8',
      });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    script(answer) {
      current = answer;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
