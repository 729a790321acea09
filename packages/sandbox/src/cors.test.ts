import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';

const preflight = (path: string, origin: string) => ({
  path,
  init: {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-api-signature',
    },
  },
});

describe('cors option', () => {
  it('answers preflights of the gateway and admin routes for any origin with cors: true', async () => {
    const { app } = createSandboxApp({ cors: true });
    for (const path of ['/openapi/service', '/jdy/v2/scm/inventory', '/_sandbox/requests/count']) {
      const { init } = preflight(path, 'http://app.example');
      const res = await app.request(path, init);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-headers')).toContain('x-api-signature');
    }
    const res = await app.request('/_sandbox/requests', {
      headers: { origin: 'http://app.example', host: '127.0.0.1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('allows only the listed origins, normalised like the admin guard reads them', async () => {
    const { app } = createSandboxApp({ cors: ['https://app.example/'] });
    const allowed = await app.request(
      '/openapi/service',
      preflight('', 'https://app.example').init,
    );
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await app.request('/openapi/service', preflight('', 'https://evil.example').init);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets no CORS header when off (the default)', async () => {
    const { app } = createSandboxApp();
    const res = await app.request('/openapi/service', preflight('', 'http://app.example').init);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
