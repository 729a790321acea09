import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';

const ORIGIN = 'http://127.0.0.1:4010';
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('landing pages', () => {
  it('GET / in a browser links the docs page, the documents and the admin routes', async () => {
    const { app } = createSandboxApp();
    const response = await app.request(`${ORIGIN}/`, { headers: BROWSER });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const hrefs = ['/docs', '/openapi/kingdee.json', '/openapi/winit.json', '/_sandbox'];
    for (const href of [...hrefs, '/_sandbox/inspector']) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).toContain(`${ORIGIN}/openapi/service`);
    expect(html).toContain('0123456789abcdef0123456789abcdef');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('GET / answers JSON to a non-browser, with base URLs and credentials', async () => {
    const { app } = createSandboxApp();
    const response = await app.request(`${ORIGIN}/`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({
      docs: `${ORIGIN}/docs`,
      openapi: { 'Kingdee JDY': `${ORIGIN}/openapi/kingdee.json` },
      admin: `${ORIGIN}/_sandbox`,
      inspector: `${ORIGIN}/_sandbox/inspector`,
      baseUrls: { kingdee: ORIGIN, winitService: `${ORIGIN}/openapi/service` },
      credentials: { kingdee: { clientId: '100100' }, winit: { token: expect.any(String) } },
    });
  });

  it('GET /_sandbox answers HTML to a browser and JSON otherwise', async () => {
    const { app } = createSandboxApp();
    const html = await app.request(`${ORIGIN}/_sandbox`, { headers: BROWSER });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await html.text();
    expect(text).toContain('href="/_sandbox/requests"');
    expect(text).toContain('/_sandbox/sign');
    const json = await app.request(`${ORIGIN}/_sandbox`, {
      headers: { accept: 'application/json' },
    });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await json.json()) as { routes: Record<string, string> }).routes).toHaveProperty(
      'POST /_sandbox/reset',
    );
  });

  it('the docs page and its script are served locally', async () => {
    const { app } = createSandboxApp();
    const page = await (await app.request(`${ORIGIN}/docs`)).text();
    expect(page).toContain('<script src="/docs/assets/docs.js"></script>');
    expect(page).not.toMatch(/(src|href)="https?:/);
    const script = await app.request(`${ORIGIN}/docs/assets/docs.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('config.signUrl');
    expect(page).toContain('"signUrl":"/_sandbox/sign"');
  });
});
