import { InvalidRequestError } from '@inv/core';
import { KINGDEE_SANDBOX_CREDENTIALS as CREDS } from '@inv/kingdee-protocol';
import { startSandbox } from '@inv/sandbox';
import { describeProviderContract } from '@inv/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createKingdeeProvider } from './provider.js';

// A real sandbox on 127.0.0.1 for this file; what it holds is read over HTTP, so the expectations
// follow its dataset.
const sandbox = await startSandbox({ port: 0 });
afterAll(() => sandbox.close());
const baseURL = sandbox.url;
const dataset = (await (await fetch(`${baseURL}/_sandbox/dataset`)).json()) as {
  kingdee: { rows: { id: string; material_number: string; stock_number: string }[] };
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
  knownSkus: [...new Set(dataset.kingdee.rows.map((row) => row.material_number))].slice(0, 130),
  unknownSkus: ['NO-SUCH-SKU'],
  pageSize: 100,
  expectedTotal: rowIds.length,
});

describe('bySkus against the sandbox (scm/inventory by material_numbers)', () => {
  // More distinct SKUs than one chunk (batchSize 100) holds, so chunking and paging both run.
  const skus = [...new Set(dataset.kingdee.rows.map((row) => row.material_number))].slice(0, 130);

  it('returns every position of every SKU asked, grouped in the order asked, and the rest as missing', async () => {
    const asked = [...skus].reverse();
    const { records, missing } = await provider().inventory.bySkus(
      [...asked, 'NO-SUCH-SKU', asked[0] as string],
      {},
    );
    expect(missing).toEqual(['NO-SUCH-SKU']);
    const expected = dataset.kingdee.rows.filter((row) => skus.includes(row.material_number));
    expect(records).toHaveLength(expected.length);
    expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
    const order = [...new Set(records.map((r) => r.item.sku))];
    expect(order).toEqual(asked.filter((sku) => order.includes(sku)));
    expect(new Set(order)).toEqual(new Set(skus));
  });

  it('narrows to one warehouse with warehouseCode (stock_numbers)', async () => {
    const rows = dataset.kingdee.rows.filter((row) => skus.includes(row.material_number));
    const warehouse = (rows[0] as (typeof rows)[number]).stock_number;
    const { records } = await provider().inventory.bySkus(skus, { warehouseCode: warehouse });
    const expected = rows.filter((row) => row.stock_number === warehouse);
    expect(records).toHaveLength(expected.length);
    expect(records.every((r) => r.warehouse.code === warehouse)).toBe(true);
    expect(expected.length).toBeLessThan(rows.length);
  });

  it('refuses a SKU that would split the array parameter, before sending', async () => {
    const error = await provider()
      .inventory.bySkus(['A1', 'B,2'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ providerCode: 'INVALID_SKU', details: { index: 1 } });
    expect((error as Error).message).toContain('skus[1] "B,2"');
  });
});
