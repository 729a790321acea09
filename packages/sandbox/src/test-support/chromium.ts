import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium package (installed by .ci/run). Never skipped: a missing browser is a failure. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium for the page tests, with nothing that reaches beyond the machine. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
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
}

/**
 * Where a page test writes its screenshots: `docs/images` (which the READMEs show) with
 * `INV_UPDATE_SCREENSHOTS=1`, else a temp folder, so a test run leaves the tree clean.
 */
export function screenshotFolder(): string {
  const folder =
    process.env.INV_UPDATE_SCREENSHOTS === '1'
      ? fileURLToPath(new URL('../../../../docs/images', import.meta.url))
      : mkdtempSync(join(tmpdir(), 'inv-screenshots-'));
  mkdirSync(folder, { recursive: true });
  return folder;
}
