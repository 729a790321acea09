import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './start.js';

// Debian's chromium package (installed by .ci/run). Never skipped: a missing browser is a failure.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('docs page in headless Chromium', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
      );
    }
    sandbox = await startSandbox({ port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('renders every provider API from local assets only', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(sandbox.url)) external.push(request.url());
    });
    await page.goto(`${sandbox.url}/docs`);
    const titles = page.locator('.swagger-ui .info .title');
    await titles.first().waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await titles.allTextContents()).join(' | '), { timeout: 30_000 })
      .toMatch(/Kingdee JDY.*\| .*Winit/);
    await expect
      .poll(() => page.locator('.opblock-summary-path').allTextContents())
      .toContain('/openapi/service');
    expect(external).toEqual([]);
  }, 60_000);
});
