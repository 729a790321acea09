import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorResponse } from './client-error.js';
import { type RunningSandbox, startSandbox } from './start.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, kingdee: { size: 5 } });
});
afterAll(() => sandbox.close());

interface RawAnswer {
  head: string;
  status: number;
  body: string;
}

/** Writes bytes on a fresh connection and reads until the sandbox closes it. */
function raw(data: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(sandbox.port, '127.0.0.1', () => socket.write(data));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const at = text.indexOf('\r\n\r\n');
      resolve({
        head: text.slice(0, at),
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        body: text.slice(at + 4),
      });
    });
  });
}

const KINGDEE = '/jdy/v2/scm/inventory';
const WINIT = '/openapi/service';

describe('requests Node cannot parse are answered in the envelope, then the connection closes', () => {
  it.each([
    ['a bare LF', `GET ${KINGDEE} HTTP/1.1\r\nHost: x\nX: y\r\n\r\n`, 'kingdee', 'HPE_CR_EXPECTED'],
    ['a bare CR', `GET ${KINGDEE} HTTP/1.1\r\nHost: x\rX: y\r\n\r\n`, 'kingdee', 'HPE_LF_EXPECTED'],
    [
      'a NUL in a header',
      `POST ${WINIT} HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n`,
      'winit',
      'HPE_INVALID_HEADER_TOKEN',
    ],
    [
      'duplicate Content-Length',
      `POST ${WINIT} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      'winit',
      'HPE_UNEXPECTED_CONTENT_LENGTH',
    ],
    [
      'Content-Length with Transfer-Encoding',
      `POST ${WINIT} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      'winit',
      'HPE_INVALID_TRANSFER_ENCODING',
    ],
    [
      'a bad chunk size',
      `POST ${WINIT} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      'winit',
      'HPE_INVALID_CHUNK_SIZE',
    ],
    [
      'raw non-ASCII in the URL',
      Buffer.from(`GET /jdy/v2/é HTTP/1.1\r\nHost: x\r\n\r\n`, 'utf8'),
      'kingdee',
      'HPE_INVALID_URL',
    ],
    [
      'a lower-case method',
      `get ${KINGDEE}?page=1 HTTP/1.1\r\nHost: x\r\n\r\n`,
      'kingdee',
      'upper case',
    ],
    [
      'a lower-case method, absolute form',
      `post http://x${WINIT} HTTP/1.1\r\nHost: x\r\n\r\n`,
      'winit',
      'upper case',
    ],
    ['garbage off the gateway paths', 'HELLO\r\n\r\n', undefined, 'malformed HTTP request'],
  ])('%s', async (_name, data, gateway, detail) => {
    const answer = await raw(data);
    expect(answer.status).toBe(400);
    expect(answer.head).toMatch(/\r\nConnection: close(\r\n|$)/i);
    expect(answer.head).toMatch(/\r\nContent-Type: application\/json/i);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    if (gateway === 'kingdee') expect(body).toMatchObject({ errcode: 2000001000 });
    else if (gateway === 'winit') expect(body).toMatchObject({ code: '1001', data: '' });
    else expect(body).toMatchObject({ error: 'bad_request' });
    expect(JSON.stringify(body)).toContain(detail);
    // The sandbox keeps serving.
    expect((await fetch(`${sandbox.url}/health`)).status).toBe(200);
  });

  it('answers in the envelope on a kept-alive connection after an earlier answer', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(sandbox.port, '127.0.0.1', () =>
        socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        const first = text === '';
        text += chunk.toString('utf8');
        if (first) socket.write(`get ${KINGDEE} HTTP/1.1\r\nHost: x\r\n\r\n`);
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 [\s\S]*HTTP\/1\.1 400 [\s\S]*"errcode":2000001000/);
  });

  it('answers headers over the limit with 431 in the envelope', async () => {
    const answer = await raw(
      `GET ${KINGDEE} HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({ errcode: 2000001000 });
  });

  it('writes a complete response whose Content-Length matches its body', () => {
    const text = clientErrorResponse(
      Object.assign(new Error('x'), { code: 'HPE_INVALID_METHOD', reason: 'Invalid method 方' }),
    );
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(Number(/Content-Length: (\d+)/.exec(head)?.[1])).toBe(Buffer.byteLength(body));
  });
});

describe('paths no route serves, over real HTTP', () => {
  it.each([
    ['/openapi/serviceX', 200, { code: '1007', data: '' }],
    ['/openapi/service/extra', 200, { code: '1007', data: '' }],
    ['/jdyX/inventory', 519, { errcode: 5001, descriptionCn: 'API不存在' }],
    ['/jdy/v2/nope', 519, { errcode: 5001 }],
    ['/nowhere', 404, { error: 'not_found' }],
  ])('%s answers %i in the envelope', async (path, status, envelope) => {
    const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject(envelope);
  });
});
