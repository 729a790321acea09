import { PAGING_LIMITS } from '@inv/core';
import { KINGDEE_SANDBOX_CREDENTIALS as C } from '@inv/kingdee-protocol';
import { syncFailure } from '@inv/reliability-tests';
import { afterEach, describe, expect, it } from 'vitest';
import { PagingError, RowCountMismatchError } from './index.js';
import { createKingdeeProvider } from './provider.js';
import { closeStubs, pass, stub } from './test-support/stub-gateway.js';

afterEach(closeStubs);

// A hostile gateway stops answering pages here (HTTP 400, not retried), so a sync the guard does
// not stop fails with a TransportError instead of running forever.
const CAP = 200;

/** scm/inventory rows `from`..`from + n - 1`; the same numbers make the same keys. */
const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    material_id: String(from + i),
    stock_id: '2',
    batch_no: `B${from + i}`,
    qty: '1',
    valid_qty: '1',
  }));

/** A gateway whose scm/inventory answers `answer(page)`; counts the pages asked for. */
async function hostile(answer: (page: number) => Record<string, unknown>) {
  let pages = 0;
  const gateway = await stub((_req, url) => {
    if (!url.pathname.endsWith('scm/inventory')) return pass;
    if (++pages > CAP) return { status: 400, body: 'the guard did not stop the sync' };
    const page = Number(url.searchParams.get('page'));
    return { body: { errcode: 0, data: { page, page_size: 100, ...answer(page) } } };
  });
  const provider = createKingdeeProvider({
    clientId: C.clientId,
    clientSecret: C.clientSecret,
    outerInstanceId: C.account.outerInstanceId,
    baseURL: gateway.url,
    rateLimit: { limit: 100_000, intervalMs: 1000 },
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 },
  });
  return { provider, pages: () => pages };
}

describe('Kingdee paging always ends (hostile gateways)', () => {
  it('the same page forever with total_page 10^9', async () => {
    const { provider, pages } = await hostile(() => ({
      count: 100_000,
      total_page: 1e9,
      rows: rows(1, 100),
    }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toBeInstanceOf(PagingError);
    expect(error).toMatchObject({
      code: 'INV_PAGING',
      provider: 'kingdee',
      retryable: false,
      fault: 'repeated-page',
      page: 2,
      details: { operation: 'inventory.pages page 2', fingerprint: { count: 100 } },
    });
    expect(error.message).toContain('same 100 rows as page 1');
    expect(pages()).toBe(2);
  });

  it('a count of 10^11 with total_page 10^9', async () => {
    const { provider, pages } = await hostile((page) => ({
      count: '100000000000',
      total_page: 1e9,
      rows: rows(page * 100, 100),
    }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toMatchObject({ fault: 'total-out-of-range', total: 1e11 });
    expect(pages()).toBe(1);
  });

  it('empty pages forever (count 0, total_page 10^9)', async () => {
    const { provider, pages } = await hostile(() => ({ count: 0, total_page: 1e9, rows: [] }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toBeInstanceOf(PagingError);
    expect(error).toMatchObject({ fault: 'empty-pages' });
    expect(pages()).toBe(PAGING_LIMITS.maxEmptyPages);
  });

  it('total_page 10^9 for 250 rows, then empty pages', async () => {
    const { provider, pages } = await hostile((page) => ({
      count: 250,
      total_page: 1e9,
      rows: page <= 3 ? rows((page - 1) * 100, page === 3 ? 50 : 100) : [],
    }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toBeInstanceOf(PagingError);
    expect(pages()).toBeLessThanOrEqual(3 + PAGING_LIMITS.slackPages + 1);
  });

  it('changes and bySkus page through the same guard', async () => {
    const { provider, pages } = await hostile(() => ({
      count: 1_000,
      total_page: 10,
      rows: rows(1, 100),
    }));
    const changes = await syncFailure(provider.inventory.changes?.({ since: new Date(0) }));
    expect(changes).toMatchObject({ fault: 'repeated-page' });
    const lookup = await provider.inventory.bySkus?.(['A']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(lookup).toBeInstanceOf(PagingError);
    expect(pages()).toBe(4);
  });

  it('a short total_page is a RowCountMismatchError for the rows never asked for', async () => {
    const { provider } = await hostile((page) => ({
      count: 250,
      total_page: 2,
      rows: rows((page - 1) * 100, 100),
    }));
    const error = await syncFailure(provider.inventory.pages?.());
    expect(error).toBeInstanceOf(RowCountMismatchError);
    expect(error).toMatchObject({ expected: 250, received: 200 });
    expect(error.message).toContain('50 rows short');
  });
});
