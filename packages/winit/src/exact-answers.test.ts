import { DuplicateKeyError } from '@inv/core';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createWinitProvider } from './provider.js';
import { type FakeGateway, startFakeGateway } from './test-support/fake-gateway.js';

const credentials = { appKey: 'demo@example.com', token: WINIT_SANDBOX_CREDENTIALS.token };

const gateways: FakeGateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((g) => g.close()));
});

/** A gateway answering every request with `text`, verbatim (numbers JSON.stringify cannot write). */
async function answering(text: string): Promise<FakeGateway> {
  const gateway = await startFakeGateway(() => ({ status: 200, text }));
  gateways.push(gateway);
  return gateway;
}

const provider = (baseURL: string) =>
  createWinitProvider({
    ...credentials,
    baseURL,
    warehouseCode: 'US0001',
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });

describe('Winit answers are read exactly', () => {
  it('keeps quantities JSON.parse would round: beyond 2^53 and long decimals', async () => {
    const row =
      '{"merchandiseCode":"A","warehouseCode":"US0001","serviceType":"2C","merchandiseGrade":"GOOD",' +
      '"inStockQty":9007199254740993,"usableQty":123456789012345.678,' +
      '"frozenQty":0.1000000000000000055511151231257827}';
    const gateway = await answering(
      `{"code":"0","msg":"操作成功","data":{"pageParams":{"pageNo":1,"pageSize":1,"totalCount":1},"list":[${row}]}}`,
    );
    const result = await provider(gateway.url).inventory.bySkus?.(['A']);
    expect(result?.records[0]?.quantities).toMatchObject({
      onHand: '9007199254740993',
      available: '123456789012345.678',
      frozen: '0.1000000000000000055511151231257827',
    });
  });

  it('refuses an answer naming code twice instead of reading the last one, and does not retry', async () => {
    const gateway = await answering('{"code":"1004","msg":"签名验证失败","data":"","code":"0"}');
    const error = await provider(gateway.url)
      .inventory.bySkus?.(['A'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(error).toMatchObject({
      code: 'INV_RESPONSE_SHAPE',
      provider: 'winit',
      retryable: false,
      key: 'code',
      path: 'code',
    });
    expect(gateway.sent).toHaveLength(1);
  });
});
