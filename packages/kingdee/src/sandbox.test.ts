import { describeProviderContract } from '@inv/testing';
import { inject } from 'vitest';
import { KINGDEE_SANDBOX_CREDENTIALS as CREDS } from './constants.js';
import { createKingdeeProvider } from './provider.js';

// The sandbox is started for this package's run by tooling/vitest/sandbox-global-setup.ts; what it
// holds is read over HTTP, so the expectations follow its dataset.
const baseURL = inject('sandboxUrl');
const dataset = (await (await fetch(`${baseURL}/_sandbox/dataset`)).json()) as {
  kingdee: { rows: { id: string }[] };
};
const rowIds = dataset.kingdee.rows.map((row) => row.id);
const BAD_SECRET = 'bad-secret-bad-secret-0000';

const provider = (clientSecret: string = CREDS.clientSecret) =>
  createKingdeeProvider({
    clientId: CREDS.clientId,
    clientSecret,
    outerInstanceId: CREDS.account.outerInstanceId,
    baseURL,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
  });

describeProviderContract({
  name: 'Kingdee JDY against the sandbox',
  create: () => provider(),
  createWithBadCredentials: () => provider(BAD_SECRET),
  secrets: [CREDS.clientSecret, CREDS.account.appSecret, BAD_SECRET],
  knownKeys: rowIds.slice(0, 150),
  unknownKeys: ['1999999999999999993'],
  pageSize: 100,
  expectedTotal: rowIds.length,
});

declare module 'vitest' {
  export interface ProvidedContext {
    sandboxUrl: string;
  }
}
