import { syncFailure } from '@inv/reliability-tests';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { PagingError, RowCountMismatchError } from './index.js';
import { createWinitProvider } from './provider.js';
import { type FakeGateway, startFakeGateway } from './test-support/fake-gateway.js';

const gateways: FakeGateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((g) => g.close()));
});

// A hostile gateway stops answering here (HTTP 400, not retried), so a sync the guard does not
// stop fails with a TransportError instead of running forever.
const CAP = 200;

/** pageInv rows `from`..`from + n - 1` of US0001; the same numbers make the same keys. */
const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    warehouseCode: 'US0001',
    merchandiseCode: `SKU${from + i}`,
    merchandiseGrade: 'GOOD',
    inStockQty: 1,
  }));

/** A one-segment sync (US0001/2C/GOOD, pages of 100) against `answer(pageNo)`. */
async function hostile(answer: (pageNo: number) => { pageParams?: unknown; list: unknown[] }) {
  const gateway = await startFakeGateway((sent, index) => {
    if (index >= CAP) return { status: 400, text: 'the guard did not stop the sync' };
    const { pageNo } = (sent.body.data as { pageVo: { pageNo: number } }).pageVo;
    return { code: '0', msg: '操作成功', data: answer(pageNo) };
  });
  gateways.push(gateway);
  const provider = createWinitProvider({
    appKey: 'demo@example.com',
    token: WINIT_SANDBOX_CREDENTIALS.token,
    baseURL: gateway.url,
    warehouseCodes: ['US0001'],
    serviceTypes: ['2C'],
    grades: ['GOOD'],
    pageSize: 100,
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 },
  });
  return { provider, requests: () => gateway.sent.length };
}

const params = (pageNo: number, totalCount?: number) => ({ pageNo, pageSize: 100, totalCount });

describe('Winit paging always ends (hostile gateways)', () => {
  it('the same page forever with totalCount 10^12', async () => {
    const { provider, requests } = await hostile((pageNo) => ({
      pageParams: params(pageNo, 1e12),
      list: rows(1, 100),
    }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toBeInstanceOf(PagingError);
    expect(error).toMatchObject({
      code: 'INV_PAGING',
      provider: 'winit',
      retryable: false,
      fault: 'total-out-of-range',
      total: 1e12,
      details: { operation: 'inventory.pages US0001/2C/GOOD page 1' },
    });
    expect(requests()).toBe(1);
  });

  it('the same page forever with no totalCount', async () => {
    const { provider, requests } = await hostile((pageNo) => ({
      pageParams: { pageNo, pageSize: 100 },
      list: rows(1, 100),
    }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toMatchObject({ fault: 'repeated-page', page: 2 });
    expect(error.details).toMatchObject({
      fingerprint: { count: 100, first: expect.stringContaining('SKU1'), last: expect.any(String) },
    });
    expect(requests()).toBe(2);
  });

  it('the same page forever with a plausible totalCount', async () => {
    const { provider, requests } = await hostile((pageNo) => ({
      pageParams: params(pageNo, 100_000),
      list: rows(1, 100),
    }));
    const changes = provider.inventory.changes?.({ since: new Date(0) });
    expect(await syncFailure(changes)).toMatchObject({ fault: 'repeated-page' });
    expect(requests()).toBe(2);
  });

  it('delivered rows that contradict totalCount are a RowCountMismatchError', async () => {
    // totalCount 250 at 100 a page, but the list runs dry on page 2.
    const { provider } = await hostile((pageNo) => ({
      pageParams: params(pageNo, 250),
      list: pageNo === 1 ? rows(1, 100) : [],
    }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toBeInstanceOf(RowCountMismatchError);
    expect(error).toMatchObject({ provider: 'winit', expected: 100, received: 0, page: 2 });
    expect(error.message).toContain('100 rows missing');
  });

  it('a page cut to fewer rows than totalCount announces is a RowCountMismatchError', async () => {
    const { provider, requests } = await hostile((pageNo) => ({
      pageParams: params(pageNo, 250),
      list: rows((pageNo - 1) * 100, 60),
    }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toMatchObject({ expected: 100, received: 60, page: 1 });
    expect(requests()).toBe(1);
  });
});
