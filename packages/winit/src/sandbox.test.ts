import { startSandbox } from '@inv/sandbox';
import { describeProviderContract } from '@inv/testing';
import { WINIT_SANDBOX_CREDENTIALS as CREDS } from '@inv/winit-protocol';
import { afterAll } from 'vitest';
import { createWinitProvider } from './provider.js';

// A real sandbox on 127.0.0.1 for this file; what it holds is read over HTTP, so the expectations
// follow its dataset.
const sandbox = await startSandbox({ port: 0 });
afterAll(() => sandbox.close());
const baseURL = sandbox.url;
const dataset = (await (await fetch(`${baseURL}/_sandbox/dataset`)).json()) as {
  winit: { rows: { warehouseCode: string; merchandiseCode: string }[] };
};
const skusInUS = [
  ...new Set(
    dataset.winit.rows
      .filter((row) => row.warehouseCode === 'US0001')
      .map((row) => row.merchandiseCode),
  ),
];
const BAD_TOKEN = 'BAD0BAD0BAD0BAD0BAD0BAD0BAD0BAD0';

const provider = (token: string = CREDS.token) =>
  createWinitProvider({
    appKey: CREDS.appKeys[0],
    token,
    baseURL,
    pageSize: 200,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
  });

describeProviderContract({
  name: 'Winit against the sandbox',
  create: () => provider(),
  createWithBadCredentials: () => provider(BAD_TOKEN),
  secrets: [CREDS.token, CREDS.clientSecret, BAD_TOKEN],
  // More than one batch.query chunk (500).
  knownKeys: skusInUS.slice(0, 520),
  unknownKeys: ['GHOST-1', 'GHOST-2'],
  knownSkus: skusInUS.slice(0, 520),
  unknownSkus: ['GHOST-1', 'GHOST-2'],
  lookupOptions: { warehouseCode: 'US0001' },
  pageSize: 200,
  expectedTotal: dataset.winit.rows.length,
});
