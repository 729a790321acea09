import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedSandboxRequest, signWinit, winitCredentialsSchema } from './request-signer.js';
import { type RunningSandbox, startSandbox } from './start.js';
import { launchChromium, screenshotFolder } from './test-support/chromium.js';
import {
  doubleEncodedKingdeeRequest,
  goodKingdeeRequest,
} from './test-support/inspected-requests.js';

const SCREENSHOTS = screenshotFolder();

const HOSTILE_ACTION = '<script>window.__xss = 1</script>';
const HOSTILE_HEADER = '<img src=x onerror="window.__xss = 2">';

describe('request inspector in headless Chromium', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];

  const send = async (request: SignedSandboxRequest): Promise<void> => {
    const response = await fetch(`${sandbox.url}${request.url}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    await response.arrayBuffer();
  };
  const rows = () => page.locator('#requests tr');

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('request', (request) => {
      if (!request.url().startsWith(sandbox.url)) external.push(request.url());
    });
    await page.goto(`${sandbox.url}/_sandbox/inspector`);
    await page.locator('#live[data-state="open"]').waitFor({ timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('shows a good and a badly signed request live, and why the bad one was refused', async () => {
    await send(goodKingdeeRequest(Date.now()));
    await send(doubleEncodedKingdeeRequest(Date.now()));
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(2);
    // Newest first.
    expect(await rows().nth(0).getAttribute('data-verdict')).toBe('refused');
    expect(await rows().nth(1).getAttribute('data-verdict')).toBe('accepted');
    expect(await rows().nth(0).locator('.rule').textContent()).toContain('X-Api-Signature');

    await page.selectOption('#filter-verdict', 'accepted');
    expect(await rows().nth(0).isHidden()).toBe(true);
    expect(await rows().nth(1).isVisible()).toBe(true);
    await page.selectOption('#filter-verdict', '');

    await rows().nth(0).click();
    const detail = page.locator('#detail');
    const id = await rows().nth(0).getAttribute('data-id');
    await expect.poll(() => detail.getAttribute('data-id'), { timeout: 20_000 }).toBe(id);
    expect(await detail.locator('.refusal').textContent()).toContain('X-Api-Signature');
    const stringToSign = await detail.locator('.string-to-sign').textContent();
    expect(stringToSign).toMatch(/^GET\n%2Fjdy%2Fv2%2Finv%2Finv_synchronous\n/);
    expect(stringToSign).toContain('x-api-nonce:');
    expect(await detail.locator('.mistake-hint').textContent()).toContain(
      'encodes query values twice',
    );
    expect(await detail.locator('.difference').textContent()).toContain('canonical_query');
    expect(await page.locator('#dataset').textContent()).toMatch(/Kingdee: \d+ positions/);
    expect(await page.locator('#faults').textContent()).toContain('None');
    await page.screenshot({ path: join(SCREENSHOTS, 'sandbox-inspector.png'), fullPage: true });
  }, 120_000);

  it('shows a hostile action and header as text, never as markup', async () => {
    const hostile = signWinit({
      action: HOSTILE_ACTION,
      data: '',
      credentials: winitCredentialsSchema.parse({}),
      now: Date.now(),
    });
    await send({ ...hostile, headers: { ...hostile.headers, 'x-note': HOSTILE_HEADER } });
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(3);
    expect(await rows().nth(0).locator('.route').textContent()).toBe(`POST ${HOSTILE_ACTION}`);
    await rows().nth(0).click();
    const headers = page.locator('#detail .headers');
    await expect.poll(() => headers.textContent(), { timeout: 20_000 }).toContain(HOSTILE_HEADER);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#requests script, #detail img').count()).toBe(0);
  }, 120_000);

  it('loaded nothing from outside the sandbox', () => {
    expect(external).toEqual([]);
  });
});
