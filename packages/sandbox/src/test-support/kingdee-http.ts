/**
 * Kingdee requests to a running sandbox over real HTTP on 127.0.0.1, for the tests that need a
 * socket: an app-token as a client gets it, and GET requests with a body.
 */
import { request as httpRequest } from 'node:http';
import { kingdeeCredentialsSchema, signKingdee } from '../request-signer.js';
import { kingdeeAuthTokenRequest } from './signed-requests.js';

/** An app-token of the default sandbox account, asked for over HTTP at `now` (§5.2). */
export async function kingdeeTokenOver(
  url: string,
  now: number,
): Promise<{ appToken: string; domain: string }> {
  const signed = kingdeeAuthTokenRequest(now);
  const response = await fetch(`${url}${signed.url}`, { headers: signed.headers });
  const answer = (await response.json()) as { data: { 'app-token': string } };
  return { appToken: answer.data['app-token'], domain: kingdeeCredentialsSchema.parse({}).domain };
}

/** A GET with a body (§11.5): fetch cannot send one, node:http can. */
export function getWithBody(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'GET',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A business GET of the default sandbox account with a JSON body (§11.5), signed at `now` with
 * `appToken`, as a client sends one: the body is not signed, the empty query is.
 */
export function signedGetWithBody(
  url: string,
  path: string,
  body: string,
  { appToken, now }: { appToken: string; now: number },
): Promise<{ status: number; text: string }> {
  const { headers } = signKingdee({
    method: 'GET',
    path,
    query: {},
    credentials: kingdeeCredentialsSchema.parse({}),
    now,
    appToken,
  });
  return getWithBody(`${url}${path}`, headers, body);
}
