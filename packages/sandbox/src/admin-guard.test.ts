import { describe, expect, it } from 'vitest';
import { createSandboxApp, type SandboxAppOptions } from './app.js';

const T0 = Date.UTC(2024, 5, 1, 4, 0, 0);
const sandbox = (options: SandboxAppOptions = {}) =>
  createSandboxApp({ now: () => T0, kingdee: { size: 5 }, ...options });
const JSON_TYPE = { 'content-type': 'application/json' };
const FAULTS = JSON.stringify({ rules: [{ fault: { type: 'throttle' } }] });

describe('admin guard: Host (DNS rebinding)', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.1:4010',
    'localhost',
    'LOCALHOST:80',
    'localhost.:4010',
    '[::1]',
    '[::1]:4010',
  ])('answers admin requests with Host %s', async (host) => {
    const { app } = sandbox();
    const res = await app.request('/_sandbox/dataset', { headers: { host } });
    expect(res.status).toBe(200);
  });

  it.each([
    'rebind.attacker.example',
    'rebind.attacker.example:4010',
    '127.0.0.1.attacker.example',
    'localhost.attacker.example',
    '127.0.0.2',
    '0.0.0.0:4010',
    'user@127.0.0.1',
    '[::2]:4010',
    '',
  ])('refuses to read or change anything with Host %j', async (host) => {
    const { app, faults } = sandbox();
    const read = await app.request('/_sandbox/dataset', { headers: { host } });
    expect(read.status).toBe(403);
    const body = (await read.json()) as Record<string, string>;
    expect(body).toMatchObject({ error: 'host_not_allowed' });
    expect(body.message).toContain(`Host ${host} is not allowed for admin routes`);
    expect(body.message).toContain('--allowed-host');
    expect(body.expected).toContain('127.0.0.1, localhost, [::1]');
    expect(body.fix).toMatch(/allowedHosts/);
    const write = await app.request('/_sandbox/faults', {
      method: 'PUT',
      headers: { host, ...JSON_TYPE },
      body: FAULTS,
    });
    expect(write.status).toBe(403);
    expect(faults.current().rules).toEqual([]);
  });

  it('answers configured hosts: a bare name on any port, name:port on that port only', async () => {
    const { app } = sandbox({ allowedHosts: ['sandbox', 'ci.internal:4010'] });
    const status = async (host: string) =>
      (await app.request('/_sandbox', { headers: { host } })).status;
    expect(await status('sandbox:1234')).toBe(200);
    expect(await status('SANDBOX')).toBe(200);
    expect(await status('ci.internal:4010')).toBe(200);
    expect(await status('ci.internal:4011')).toBe(403);
    expect(await status('other')).toBe(403);
  });

  it('refuses a malformed allowed host at start, naming it', () => {
    expect(() => sandbox({ allowedHosts: ['http://x/'] })).toThrow(/allowed host "http:\/\/x\/"/);
  });

  it('leaves gateway routes and /health open to any Host (documented in SECURITY.md)', async () => {
    const { app } = sandbox();
    const headers = { host: 'rebind.attacker.example' };
    expect((await app.request('/health', { headers })).status).toBe(200);
    const res = await app.request('/jdy/v2/scm/inventory', { headers });
    expect(((await res.json()) as { errcode: number }).errcode).toBe(4001);
  });
});

describe('admin guard: cross-origin browser requests', () => {
  it.each([
    ['/_sandbox/stock', JSON.stringify({ provider: 'kingdee', id: 'x', delta: 1 })],
    ['/_sandbox/reset', ''],
  ])('refuses a cross-site simple POST to %s (text/plain, Origin evil)', async (path, body) => {
    const { app } = sandbox();
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      body,
    });
    expect(res.status).toBe(403);
    const answer = (await res.json()) as Record<string, string>;
    expect(answer.error).toBe('cross_origin_refused');
    expect(answer.message).toContain('http://evil.example');
    expect(answer.fix).toContain('--cors http://evil.example');
  });

  it('refuses a JSON write from another origin, and Sec-Fetch-Site cross-site without Origin', async () => {
    const { app, faults } = sandbox();
    const put = await app.request('/_sandbox/faults', {
      method: 'PUT',
      headers: { ...JSON_TYPE, origin: 'http://localhost:3000', host: 'localhost:4010' },
      body: FAULTS,
    });
    expect(put.status).toBe(403);
    expect(faults.current().rules).toEqual([]);
    const read = await app.request('/_sandbox/dataset', {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(read.status).toBe(403);
    const origin = await app.request('/_sandbox', { headers: { origin: 'null' } });
    expect(origin.status).toBe(403);
  });

  it("accepts the sandbox's own origin, and no Origin at all (curl, tests)", async () => {
    const { app, faults } = sandbox();
    const own = await app.request('/_sandbox/faults', {
      method: 'PUT',
      headers: {
        ...JSON_TYPE,
        host: '127.0.0.1:4010',
        origin: 'http://127.0.0.1:4010',
        'sec-fetch-site': 'same-origin',
      },
      body: FAULTS,
    });
    expect(own.status).toBe(200);
    expect(faults.current().rules).toHaveLength(1);
    const none = await app.request('/_sandbox/reset', { method: 'POST' });
    expect(none.status).toBe(200);
    expect(faults.current().rules).toEqual([]);
  });

  it('accepts the origins cors allows, and any origin with cors: true', async () => {
    const listed = sandbox({ cors: ['http://localhost:3000'] });
    const from = (app: typeof listed.app, origin: string) =>
      app.request('/_sandbox/dataset', { headers: { origin, 'sec-fetch-site': 'cross-site' } });
    expect((await from(listed.app, 'http://localhost:3000')).status).toBe(200);
    expect((await from(listed.app, 'http://localhost:3001')).status).toBe(403);
    const open = sandbox({ cors: true });
    expect((await from(open.app, 'http://evil.example')).status).toBe(200);
    // cors never widens the Host check: rebinding stays refused.
    const rebound = await open.app.request('/_sandbox/dataset', {
      headers: { origin: 'http://evil.example', host: 'evil.example' },
    });
    expect(rebound.status).toBe(403);
  });

  it('refuses a cors entry that is not an origin, naming it', () => {
    expect(() => sandbox({ cors: ['localhost:3000/x'] })).toThrow(
      /cors origin "localhost:3000\/x"/,
    );
  });
});

describe('admin guard: JSON writes', () => {
  it.each([
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
    ['application/json', 200],
    ['Application/JSON; charset=utf-8', 200],
  ])('a stock change sent as %s answers %i', async (type, expected) => {
    const { app } = sandbox();
    const [first] = sandbox().states.kingdee.positions();
    const res = await app.request('/_sandbox/stock', {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify({ provider: 'kingdee', id: first?.row.id, delta: 1 }),
    });
    expect(res.status).toBe(expected);
    if (expected === 415) {
      expect(await res.json()).toMatchObject({
        error: 'unsupported_media_type',
        message: expect.stringContaining(`not Content-Type ${type}`),
        expected: 'Content-Type: application/json',
      });
    }
  });

  it('refuses a write body without Content-Type; a bodyless POST needs none', async () => {
    const { app } = sandbox();
    const bare = new Request('http://localhost/_sandbox/faults', { method: 'PUT', body: FAULTS });
    bare.headers.delete('content-type');
    expect((await app.request(bare)).status).toBe(415);
    expect((await app.request('/_sandbox/reset', { method: 'POST' })).status).toBe(200);
  });
});
