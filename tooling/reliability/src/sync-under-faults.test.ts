/**
 * Full inventory syncs of both providers against the sandbox over real HTTP on 127.0.0.1, with
 * about 20% of the requests failing (429, 5xx, resets, truncated and HTML bodies, latency): the
 * records must be exactly those of a fault-free run, none lost, none duplicated, totals equal.
 * When retries run out, the error names the chunk or page, and resuming from the last delivered
 * page's cursor re-emits nothing.
 */
import {
  type Cursor,
  InvError,
  type InventoryRecord,
  type Page,
  RateLimitedError,
  sumDecimals,
  TransportError,
} from '@inv/core';
import { createKingdeeProvider, type KingdeeProviderOptions } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS as KINGDEE } from '@inv/kingdee-protocol';
import {
  type Fault,
  type FaultRule,
  type RunningSandbox,
  type SandboxAppOptions,
  startSandbox,
} from '@inv/sandbox';
import { createWinitProvider, type WinitProviderOptions } from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS as WINIT, WINIT_ACTIONS } from '@inv/winit-protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

interface Served extends RunningSandbox {
  /** Every logger line since start (the request log itself is a 500-entry ring). */
  lines: string[];
}

async function serveSandbox(options: SandboxAppOptions): Promise<Served> {
  const lines: string[] = [];
  const sandbox = await startSandbox({ ...options, logger: (line) => lines.push(line) });
  return Object.assign(sandbox, { lines });
}

/** Failures a gateway or the network in front of it produce, each about 2.5% of requests. */
const FAULT_MIX: (Fault | Fault[])[] = [
  { type: 'status', status: 503 },
  { type: 'status', status: 502 },
  { type: 'status', status: 429, retryAfter: 0 },
  { type: 'throttle' },
  { type: 'reset' },
  { type: 'truncate' },
  { type: 'non-json' },
  [{ type: 'latency', ms: 3 }, { type: 'truncate' }],
];

function faultRules(match: FaultRule['match'][], extra: (Fault | Fault[])[] = []): FaultRule[] {
  const mix = [...FAULT_MIX, ...extra];
  return match.flatMap((m) => mix.map((fault) => ({ match: m, fault, rate: 0.2 / mix.length })));
}

const RETRY = { retries: 10, baseDelayMs: 1, maxDelayMs: 10 };
const FAST = { limit: 1_000_000, intervalMs: 1000 };

async function collectPages(pages: AsyncIterable<Page> | undefined): Promise<Page[]> {
  const out: Page[] = [];
  for await (const page of pages ?? []) out.push(page);
  return out;
}

const items = (pages: readonly Page[]): InventoryRecord[] => pages.flatMap((page) => page.items);
const keys = (records: readonly InventoryRecord[]): string[] => records.map((r) => r.key);
const onHandTotal = (records: readonly InventoryRecord[]): string =>
  sumDecimals(records.map((r) => r.quantities.onHand ?? '0'));
const injected = (lines: readonly string[]): string[] =>
  lines.filter((line) => line.includes('fault injected'));
const kinds = (fired: readonly string[]): Set<string> =>
  new Set(fired.map((line) => line.replace(/.*fault injected: (\S+).*/, '$1')));

/** Runs `body`, which must throw an InvError; returns the error. */
async function failure(body: () => Promise<unknown>): Promise<InvError> {
  const error = await body().then(
    () => new Error('expected the sync to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvError);
  return error as InvError;
}

/** What a person reading the error sees: message and structured details. */
const said = (error: InvError): string => `${error.message} ${JSON.stringify(error.details)}`;

describe('kingdee: full sync under 20% injected faults', () => {
  let sandbox: Served;
  const client = (options: Partial<KingdeeProviderOptions> = {}) =>
    createKingdeeProvider({
      clientId: KINGDEE.clientId,
      clientSecret: KINGDEE.clientSecret,
      outerInstanceId: KINGDEE.account.outerInstanceId,
      baseURL: sandbox.url,
      pageSize: 50,
      rateLimit: FAST,
      retry: RETRY,
      ...options,
    });
  let baselinePages: Page[];
  let baselineById: InventoryRecord[];
  let ids: string[];

  beforeAll(async () => {
    sandbox = await serveSandbox({ kingdee: { size: 2500 } });
    baselinePages = await collectPages(client().inventory.pages?.());
    ids = sandbox.states.kingdee.positions().map((p) => p.row.id);
    baselineById = (await client().inventory.byIds?.(ids))?.records ?? [];
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.faults.configure({});
    sandbox.lines.length = 0;
  });

  it('the fault-free baseline holds every position once', () => {
    const records = items(baselinePages);
    expect(records).toHaveLength(2500);
    expect(new Set(keys(records)).size).toBe(2500);
    expect(baselinePages).toHaveLength(50);
    expect(keys(baselineById)).toEqual(ids);
  });

  it('pages: the same records, none lost or duplicated, equal totals', async () => {
    sandbox.faults.configure({
      seed: 11,
      rules: faultRules([{ provider: 'kingdee', path: '/jdy/v2/scm/inventory' }]),
    });
    const pages = await collectPages(client().inventory.pages?.());
    const fired = injected(sandbox.lines);
    expect(fired.length).toBeGreaterThanOrEqual(5);
    expect(kinds(fired).size).toBeGreaterThanOrEqual(3);
    expect(items(pages)).toEqual(items(baselinePages));
    expect(pages.map((p) => p.next)).toEqual(baselinePages.map((p) => p.next));
    expect(onHandTotal(items(pages))).toBe(onHandTotal(items(baselinePages)));
  });

  it('byIds: 25 chunks of 100 give the same records in request order', async () => {
    sandbox.faults.configure({
      seed: 12,
      rules: faultRules([{ provider: 'kingdee', path: '/jdy/v2/inv/inv_synchronous' }]),
    });
    const result = await client().inventory.byIds?.(ids);
    const fired = injected(sandbox.lines);
    expect(fired.length).toBeGreaterThanOrEqual(3);
    expect(result?.missing).toEqual([]);
    expect(result?.records).toEqual(baselineById);
    expect(onHandTotal(result?.records ?? [])).toBe(onHandTotal(baselineById));
  });

  it('a page that keeps failing stops the sync; resuming from the last cursor re-emits nothing', async () => {
    const delivered: InventoryRecord[] = [];
    let cursor: Cursor | null = null;
    const error = await failure(async () => {
      for await (const page of client({ retry: { ...RETRY, retries: 2 } }).inventory.pages?.() ??
        []) {
        delivered.push(...page.items);
        cursor = page.next;
        if (page.next?.page === 4) {
          // Pages 1–3 are delivered; page 4 fails on all three attempts.
          sandbox.faults.configure({
            rules: [
              {
                match: { path: '/jdy/v2/scm/inventory' },
                fault: { type: 'status', status: 503 },
                times: 3,
              },
            ],
          });
        }
      }
    });
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toContain('gave up after 3 attempts');
    expect(delivered).toHaveLength(150);
    expect(cursor).toEqual({ page: 4, pageSize: 50, seenCount: 2500 });
    const rest = items(
      await collectPages(client().inventory.pages?.({ cursor: cursor ?? undefined })),
    );
    expect([...delivered, ...rest]).toEqual(items(baselinePages));
    expect(new Set(keys([...delivered, ...rest])).size).toBe(2500);
  });

  it('the error of a page exhausted by throttling or resets names the page', async () => {
    const faults: Fault[] = [{ type: 'throttle' }, { type: 'reset' }];
    const seen: string[] = [];
    for (const fault of faults) {
      sandbox.faults.configure({
        rules: [{ match: { path: '/jdy/v2/scm/inventory' }, fault, times: 2 }],
      });
      const error = await failure(() =>
        collectPages(
          client({ retry: { ...RETRY, retries: 1 } }).inventory.pages?.({
            cursor: { page: 7, pageSize: 50 },
          }),
        ),
      );
      expect(error).toBeInstanceOf(fault.type === 'throttle' ? RateLimitedError : TransportError);
      seen.push(`${fault.type}: ${said(error)}`);
    }
    for (const line of seen) expect(line).toMatch(/inventory\.pages page 7/);
  });
});

describe('winit: full sync under 20% injected faults', () => {
  let sandbox: Served;
  const client = (options: Partial<WinitProviderOptions> = {}) =>
    createWinitProvider({
      appKey: 'demo@example.com',
      token: WINIT.token,
      baseURL: sandbox.url,
      pageSize: 50,
      rateLimit: FAST,
      retry: RETRY,
      ...options,
    });
  let baselinePages: Page[];
  let baselineBySku: InventoryRecord[];
  let skus: string[];

  beforeAll(async () => {
    sandbox = await serveSandbox({ winit: { rateLimit: false } });
    baselinePages = await collectPages(client().inventory.pages?.());
    skus = [...new Set(sandbox.states.winit.rows().map((row) => row.merchandiseCode))];
    baselineBySku =
      (await client({ warehouseCode: 'US0001' }).inventory.bySkus?.(skus))?.records ?? [];
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.faults.configure({});
    sandbox.lines.length = 0;
  });

  it('the fault-free baseline holds every row once', () => {
    const records = items(baselinePages);
    const rows = sandbox.states.winit.rows();
    expect(rows.length).toBeGreaterThan(2000);
    expect(records).toHaveLength(rows.length);
    expect(new Set(keys(records)).size).toBe(rows.length);
    expect(skus.length).toBeGreaterThan(500);
    expect(baselineBySku.length).toBe(rows.filter((r) => r.warehouseCode === 'US0001').length);
  });

  it('pages across warehouse × serviceType × grade: the same records, equal totals', async () => {
    sandbox.faults.configure({
      seed: 21,
      rules: faultRules([{ provider: 'winit' }], [{ type: 'provider-error' }]),
    });
    const pages = await collectPages(client().inventory.pages?.());
    const fired = injected(sandbox.lines);
    expect(fired.length).toBeGreaterThanOrEqual(5);
    expect(kinds(fired).size).toBeGreaterThanOrEqual(3);
    expect(items(pages)).toEqual(items(baselinePages));
    expect(pages.map((p) => p.next)).toEqual(baselinePages.map((p) => p.next));
    expect(onHandTotal(items(pages))).toBe(onHandTotal(items(baselinePages)));
  });

  it('bySkus: chunks of 500 give the same records', async () => {
    sandbox.faults.configure({
      seed: 22,
      rules: faultRules(
        [{ provider: 'winit', action: WINIT_ACTIONS.batchQuery }],
        [{ type: 'provider-error' }],
      ),
    });
    const result = await client({ warehouseCode: 'US0001' }).inventory.bySkus?.(skus);
    expect(injected(sandbox.lines).length).toBeGreaterThanOrEqual(1);
    expect(result?.records).toEqual(baselineBySku);
  });

  it('a page that keeps failing stops the sync; resuming from the last cursor re-emits nothing', async () => {
    const delivered: InventoryRecord[] = [];
    let cursor: Cursor | null = null;
    let pages = 0;
    const error = await failure(async () => {
      for await (const page of client({ retry: { ...RETRY, retries: 2 } }).inventory.pages?.() ??
        []) {
        delivered.push(...page.items);
        cursor = page.next;
        if (++pages === 5) {
          sandbox.faults.configure({
            rules: [
              {
                match: { action: WINIT_ACTIONS.pageInv },
                fault: { type: 'status', status: 503 },
                times: 3,
              },
            ],
          });
        }
      }
    });
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toContain('gave up after 3 attempts');
    expect(cursor).toMatchObject({ pageNo: expect.any(Number), pageSize: 50 });
    const rest = items(
      await collectPages(client().inventory.pages?.({ cursor: cursor ?? undefined })),
    );
    expect([...delivered, ...rest]).toEqual(items(baselinePages));
  });

  it('the error of a page exhausted by throttling, system errors or resets names the page', async () => {
    const faults: Fault[] = [{ type: 'throttle' }, { type: 'provider-error' }, { type: 'reset' }];
    const cursor = {
      warehouseCode: 'US0001',
      serviceType: '2C',
      grade: 'GOOD',
      pageNo: 3,
      pageSize: 50,
      startTime: null,
      endTime: null,
    };
    const seen: string[] = [];
    for (const fault of faults) {
      sandbox.faults.configure({
        rules: [{ match: { action: WINIT_ACTIONS.pageInv }, fault, times: 2 }],
      });
      const error = await failure(() =>
        collectPages(
          client({ retry: { ...RETRY, retries: 1 }, warehouseCodes: ['US0001'] }).inventory.pages?.(
            { cursor },
          ),
        ),
      );
      seen.push(`${fault.type}: ${said(error)}`);
    }
    for (const line of seen) expect(line).toMatch(/US0001\/2C\/GOOD page 3/);
  });
});

describe('errors of exhausted retries name the chunk/page for every fault', () => {
  let sandbox: Served;
  const kingdee = (options: Partial<KingdeeProviderOptions> = {}) =>
    createKingdeeProvider({
      clientId: KINGDEE.clientId,
      clientSecret: KINGDEE.clientSecret,
      outerInstanceId: KINGDEE.account.outerInstanceId,
      baseURL: sandbox.url,
      pageSize: 50,
      rateLimit: FAST,
      retry: { ...RETRY, retries: 1 },
      ...options,
    });
  const winit = (options: Partial<WinitProviderOptions> = {}) =>
    createWinitProvider({
      appKey: 'demo@example.com',
      token: WINIT.token,
      baseURL: sandbox.url,
      pageSize: 50,
      rateLimit: FAST,
      retry: { ...RETRY, retries: 1 },
      ...options,
    });
  beforeAll(async () => {
    sandbox = await serveSandbox({ winit: { rateLimit: false } });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.faults.configure({}));

  const faults: Fault[] = [
    { type: 'status', status: 503 },
    { type: 'status', status: 429 },
    { type: 'truncate' },
    { type: 'non-json' },
  ];
  for (const fault of faults) {
    it(`kingdee pages: ${JSON.stringify(fault)} names inventory.pages page 7`, async () => {
      sandbox.faults.configure({
        rules: [{ match: { path: '/jdy/v2/scm/inventory' }, fault, times: 2 }],
      });
      const error = await failure(() =>
        collectPages(kingdee().inventory.pages?.({ cursor: { page: 7, pageSize: 50 } })),
      );
      expect(said(error)).toContain('inventory.pages page 7');
    });
    it(`winit pages: ${JSON.stringify(fault)} names US0001/2C/GOOD page 3`, async () => {
      sandbox.faults.configure({
        rules: [{ match: { action: WINIT_ACTIONS.pageInv }, fault, times: 2 }],
      });
      const cursor = {
        warehouseCode: 'US0001',
        serviceType: '2C',
        grade: 'GOOD',
        pageNo: 3,
        pageSize: 50,
        startTime: null,
        endTime: null,
      };
      const error = await failure(() =>
        collectPages(winit({ warehouseCodes: ['US0001'] }).inventory.pages?.({ cursor })),
      );
      expect(said(error)).toContain('US0001/2C/GOOD page 3');
    });
  }

  it('kingdee byIds: a chunk that keeps failing is named in the error', async () => {
    const ids = sandbox.states.kingdee.positions().map((p) => p.row.id);
    const provider = kingdee({
      concurrency: 1,
      onEvent(event) {
        if (event.type === 'response' && event.operation === 'inventory.byIds chunk 1/3') {
          sandbox.faults.configure({
            rules: [
              {
                match: { path: '/jdy/v2/inv/inv_synchronous' },
                fault: { type: 'status', status: 502 },
                times: 2,
              },
            ],
          });
        }
      },
    });
    const error = await failure(
      () => provider.inventory.byIds?.(ids.slice(0, 300)) ?? Promise.resolve(),
    );
    expect(said(error)).toContain('inventory.byIds chunk 2/3');
  });

  it('winit bySkus: a chunk that keeps failing is named in the error', async () => {
    const skus = [...new Set(sandbox.states.winit.rows().map((row) => row.merchandiseCode))];
    const provider = winit({
      warehouseCode: 'US0001',
      concurrency: 1,
      onEvent(event) {
        if (event.type === 'response' && event.operation === 'inventory.bySkus chunk 1/2') {
          sandbox.faults.configure({
            rules: [{ match: { provider: 'winit' }, fault: { type: 'truncate' }, times: 2 }],
          });
        }
      },
    });
    const error = await failure(() => provider.inventory.bySkus?.(skus) ?? Promise.resolve());
    expect(said(error)).toContain('inventory.bySkus chunk 2/2');
  });
});

describe('the kingdee token flow survives faults', () => {
  let sandbox: Served;
  beforeAll(async () => {
    sandbox = await serveSandbox({ kingdee: { size: 300 } });
  });
  afterAll(() => sandbox.close());
  for (const path of [
    '/jdyconnector/app_management/push_app_authorize',
    '/jdyconnector/app_management/kingdee_auth_token',
  ]) {
    for (const fault of [
      { type: 'status', status: 503 },
      { type: 'reset' },
      { type: 'truncate' },
    ] as Fault[]) {
      it(`${path.split('/').at(-1)} answering ${fault.type} once is retried`, async () => {
        sandbox.faults.configure({ rules: [{ match: { path }, fault, times: 1 }] });
        const provider = createKingdeeProvider({
          clientId: KINGDEE.clientId,
          clientSecret: KINGDEE.clientSecret,
          outerInstanceId: KINGDEE.account.outerInstanceId,
          baseURL: sandbox.url,
          rateLimit: FAST,
          retry: RETRY,
        });
        const pages = await collectPages(provider.inventory.pages?.());
        expect(items(pages)).toHaveLength(300);
      });
    }
  }
});
