import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './start.js';
import { launchChromium, screenshotFolder } from './test-support/chromium.js';

const SCREENSHOTS = screenshotFolder();

/** Presses try-it and returns the provider's code once the answer is shown. */
async function tryIt(op: Locator): Promise<string | undefined> {
  const result = op.locator('.result');
  await op.locator('button.try').click();
  await expect
    .poll(() => result.getAttribute('data-state'), { timeout: 20_000 })
    .toMatch(/^(success|refused|error)$/);
  const state = await result.getAttribute('data-state');
  if (state !== 'success') throw new Error(`try-it ended ${state}: ${await result.textContent()}`);
  return (await result.getAttribute('data-code')) ?? undefined;
}

/** The `i`-th block of the "Request sent" details (0: headers, 1: body), read while collapsed. */
async function sentText(op: Locator, i: number): Promise<string> {
  return (await op.locator('.sent pre').nth(i).textContent()) ?? '';
}

async function operationsOf(page: Page, provider: string): Promise<Locator[]> {
  const section = page.locator(`#api-${provider}`);
  await expect.poll(() => section.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
  return section.locator('article.op').all();
}

describe('docs page in headless Chromium', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('request', (request) => {
      if (!request.url().startsWith(sandbox.url)) external.push(request.url());
    });
    await page.goto(`${sandbox.url}/docs`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('try-it on every Kingdee operation gets errcode 0', async () => {
    const ops = await operationsOf(page, 'kingdee');
    const ids = await Promise.all(ops.map((op) => op.getAttribute('data-operation')));
    expect(ids).toEqual(['pushAppAuthorize', 'kingdeeAuthToken', 'invSynchronous', 'scmInventory']);
    for (const op of ops) expect(await tryIt(op)).toBe('0');
    // Each press signs anew: a second press on the same operation sends another nonce.
    const scm = page.locator('[data-operation="scmInventory"]');
    const nonce = async (): Promise<string | undefined> =>
      (JSON.parse(await sentText(scm, 0)) as Record<string, string>)['X-Api-Nonce'];
    const first = await nonce();
    expect(await tryIt(scm)).toBe('0');
    expect(await nonce()).not.toBe(first);
    await scm.scrollIntoViewIfNeeded();
    await scm.screenshot({ path: join(SCREENSHOTS, 'sandbox-docs-kingdee.png') });
  }, 120_000);

  it('try-it on every Winit action gets code "0" with a fresh timestamp', async () => {
    const [op] = await operationsOf(page, 'winit');
    if (!op) throw new Error('no Winit operation on the page');
    const select = op.locator('select.example');
    const examples = await select
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(examples).toHaveLength(4);
    for (const example of examples) {
      await select.selectOption(example);
      expect(await tryIt(op)).toBe('0');
      const sent = JSON.parse(await sentText(op, 1)) as { timestamp: string };
      const at = Date.parse(`${sent.timestamp.replace(' ', 'T')}+08:00`);
      expect(Math.abs(at - Date.now())).toBeLessThan(60_000);
    }
    await select.selectOption('documentedPageInvByAttributes');
    expect(await tryIt(op)).toBe('0');
    await op.scrollIntoViewIfNeeded();
    await op.screenshot({ path: join(SCREENSHOTS, 'sandbox-docs-winit.png') });
  }, 120_000);

  it('loaded nothing from outside the sandbox', () => {
    expect(external).toEqual([]);
  });
});
