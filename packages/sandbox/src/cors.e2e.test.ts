import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WINIT_ACTIONS } from '@inv/winit-protocol';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWinit } from './request-signer.js';
import { type RunningSandbox, startSandbox } from './start.js';
import { launchChromium } from './test-support/chromium.js';

/** A page on another origin that fetches an admin route and a signed gateway request. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>cors</title><script>
async function call(url, init) {
  try { const res = await fetch(url, init); return 'status ' + res.status + ' ' + (await res.text()).slice(0, 40); }
  catch (error) { return 'blocked ' + error.name; }
}
</script>`;

describe('CORS in headless Chromium', () => {
  let browser: Browser;
  let origin: Server;
  let originUrl: string;
  const sandboxes: RunningSandbox[] = [];

  beforeAll(async () => {
    origin = createServer((_, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
    );
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(sandboxes.map((s) => s.close()));
    await new Promise((resolve) => origin?.close(resolve));
  });

  /** What the page at the second origin gets from an admin route and the Winit gateway. */
  async function fromPage(cors: boolean | string[] | undefined): Promise<string[]> {
    const sandbox = await startSandbox({ port: 0, cors });
    sandboxes.push(sandbox);
    const signed = signWinit({
      action: WINIT_ACTIONS.queryWarehouse,
      data: {},
      credentials: {
        appKey: sandbox.credentials.winit.appKeys[0],
        token: sandbox.credentials.winit.token,
      },
      now: Date.now(),
    });
    const page = await browser.newPage();
    try {
      await page.goto(originUrl);
      return await page.evaluate(
        async ({ url, signed }) => {
          const call = (
            window as unknown as { call: (u: string, i?: RequestInit) => Promise<string> }
          ).call;
          return [
            await call(`${url}/_sandbox/requests/count`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ provider: 'winit' }),
            }),
            await call(`${url}${signed.url}`, {
              method: 'POST',
              headers: signed.headers,
              body: signed.body,
            }),
          ];
        },
        { url: sandbox.url, signed },
      );
    } finally {
      await page.close();
    }
  }

  it('lets a page of a listed origin call an admin route and a gateway', async () => {
    const [admin, gateway] = await fromPage([originUrl]);
    expect(admin).toMatch(/^status 200 \{"count":0\}/);
    expect(gateway).toMatch(/^status 200 \{"code":"0"/);
  });

  it('lets any origin call them with cors: true', async () => {
    const [admin, gateway] = await fromPage(true);
    expect(admin).toMatch(/^status 200/);
    expect(gateway).toMatch(/^status 200/);
  });

  it('leaves the browser blocking both without cors', async () => {
    expect(await fromPage(undefined)).toEqual(['blocked TypeError', 'blocked TypeError']);
  });
});
