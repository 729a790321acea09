/**
 * Full inventory syncs against the sandbox over real HTTP on 127.0.0.1, with about 20% of the
 * requests failing (429, 5xx, resets, truncated and HTML bodies, latency): the records must be
 * exactly those of a fault-free run, none lost, none duplicated, totals equal. When retries run
 * out, the error names the chunk or page, and resuming from the last delivered page's cursor
 * re-emits nothing.
 */
import {
  type ByIdsResult,
  type Cursor,
  type InvError,
  type InventoryRecord,
  type Page,
  type Provider,
  type RetryOptions,
  sumDecimals,
  TransportError,
  type TransportEvent,
} from '@inv/core';
import {
  type Fault,
  type FaultRule,
  type RunningSandbox,
  type SandboxAppOptions,
  startSandbox,
} from '@inv/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../failure.js';

/** A sandbox with every logger line since start (the request log itself is a 500-entry ring). */
export interface ServedSandbox extends RunningSandbox {
  lines: string[];
}

/** Client options the suite varies; the adapter adds credentials and a fast rate limit. */
export interface FaultClientOptions {
  retry: RetryOptions;
  pageSize?: number | undefined;
  concurrency?: number | undefined;
  onEvent?: ((event: TransportEvent) => void) | undefined;
}

type ErrorClass = abstract new (...args: never[]) => InvError;

/** What {@link describeSyncUnderFaults} needs to know about a provider. */
export interface SyncUnderFaultsAdapter {
  name: string;
  /** Sandbox options of the suite (a large enough inventory, no server-side rate limit). */
  sandbox: SandboxAppOptions;
  /** The client on `baseURL`. */
  create(baseURL: string, options: FaultClientOptions): Provider;
  /** The keys a look-up of the whole inventory asks for. */
  keys(sandbox: RunningSandbox): string[];
  /** The look-up operation (`byIds`/`bySkus`, with the provider's per-call defaults). */
  lookup(provider: Provider, keys: readonly string[]): Promise<ByIdsResult>;
  baseline: {
    /** Rows in the sandbox that a full sync delivers. */
    rows(sandbox: RunningSandbox): number;
    /** Records the full look-up finds. */
    lookupFinds(sandbox: RunningSandbox, keys: readonly string[]): number;
    /** When set: the look-up returns exactly these record keys, in this order. */
    lookupKeys?: ((keys: readonly string[]) => string[]) | undefined;
    /** Checks on the sizes of the inventory (`pages`: pages of 50 of a full sync). */
    pages?: number | undefined;
    minRows?: number | undefined;
    minKeys?: number | undefined;
  };
  /**
   * Fault rules' matches: `sync`, the requests of a full sync; `page`, one page request of it;
   * `lookup`, the look-up's requests.
   */
  match: { sync: FaultRule['match']; page: FaultRule['match']; lookup: FaultRule['match'] };
  /** Faults this gateway answers beyond the common mix (e.g. its own "system error" code). */
  extraFaults: Fault[];
  /** Seeds of the random fault runs, and how many faults the look-up run must at least see. */
  seeds: { pages: number; lookup: number };
  minLookupFaults: number;
  /** Full-sync pages delivered before the page that keeps failing. */
  failAfterPages: number;
  /** What the cursor of the last delivered page holds at that point (`toMatchObject`). */
  failCursor: Record<string, unknown>;
  /** A page of a full sync to start from, and how its errors name it. */
  namedPage: {
    cursor: Cursor;
    label: string;
    /** The client that walks it (default `create`), e.g. one narrowed to the page's segment. */
    create?: ((baseURL: string, options: FaultClientOptions) => Provider) | undefined;
    /** Faults that exhaust its retries, and the error class each becomes. */
    faults: readonly (readonly [Fault, ErrorClass])[];
  };
  /** A look-up of `keys` whose `after` chunk succeeds and the next keeps failing by `rule`. */
  chunk: {
    keys(sandbox: RunningSandbox): string[];
    after: string;
    rule: FaultRule;
    label: string;
  };
}

/** Starts a sandbox that keeps its logger lines. */
export async function serveSandbox(options: SandboxAppOptions): Promise<ServedSandbox> {
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

function faultRules(match: FaultRule['match'], extra: readonly Fault[]): FaultRule[] {
  const mix = [...FAULT_MIX, ...extra];
  return mix.map((fault) => ({ match, fault, rate: 0.2 / mix.length }));
}

const RETRY = { retries: 10, baseDelayMs: 1, maxDelayMs: 10 };

async function collectPages(pages: AsyncIterable<Page> | undefined): Promise<Page[]> {
  const out: Page[] = [];
  for await (const page of pages ?? []) out.push(page);
  return out;
}

const items = (pages: readonly Page[]): InventoryRecord[] => pages.flatMap((page) => page.items);
const keysOf = (records: readonly InventoryRecord[]): string[] => records.map((r) => r.key);
const onHandTotal = (records: readonly InventoryRecord[]): string =>
  sumDecimals(records.map((r) => r.quantities.onHand ?? '0'));
const injected = (lines: readonly string[]): string[] =>
  lines.filter((line) => line.includes('fault injected'));
const kinds = (fired: readonly string[]): Set<string> =>
  new Set(fired.map((line) => line.replace(/.*fault injected: (\S+).*/, '$1')));

/** What a person reading the error sees: message and structured details. */
const said = (error: InvError): string => `${error.message} ${JSON.stringify(error.details)}`;

/** The fault scenarios, run against `adapter`'s client and the sandbox. */
export function describeSyncUnderFaults(adapter: SyncUnderFaultsAdapter): void {
  describe(`${adapter.name}: full sync under 20% injected faults`, () => {
    let sandbox: ServedSandbox;
    const client = (options: Partial<FaultClientOptions> = {}): Provider =>
      adapter.create(sandbox.url, { pageSize: 50, retry: RETRY, ...options });
    let baselinePages: Page[];
    let baselineLookup: ByIdsResult;
    let keys: string[];

    beforeAll(async () => {
      sandbox = await serveSandbox(adapter.sandbox);
      baselinePages = await collectPages(client().inventory.pages?.());
      keys = adapter.keys(sandbox);
      baselineLookup = await adapter.lookup(client(), keys);
    });
    afterAll(() => sandbox.close());
    beforeEach(() => {
      sandbox.faults.configure({});
      sandbox.lines.length = 0;
    });

    it('the fault-free baseline holds every row once', () => {
      const { baseline } = adapter;
      const records = items(baselinePages);
      const rows = baseline.rows(sandbox);
      expect(rows).toBeGreaterThanOrEqual(baseline.minRows ?? 1);
      expect(records).toHaveLength(rows);
      expect(new Set(keysOf(records)).size).toBe(rows);
      if (baseline.pages !== undefined) expect(baselinePages).toHaveLength(baseline.pages);
      expect(keys.length).toBeGreaterThanOrEqual(baseline.minKeys ?? 1);
      expect(baselineLookup.records).toHaveLength(baseline.lookupFinds(sandbox, keys));
      if (baseline.lookupKeys) {
        expect(keysOf(baselineLookup.records)).toEqual(baseline.lookupKeys(keys));
      }
    });

    it('pages: the same records, none lost or duplicated, equal totals', async () => {
      sandbox.faults.configure({
        seed: adapter.seeds.pages,
        rules: faultRules(adapter.match.sync, adapter.extraFaults),
      });
      const pages = await collectPages(client().inventory.pages?.());
      const fired = injected(sandbox.lines);
      expect(fired.length).toBeGreaterThanOrEqual(5);
      expect(kinds(fired).size).toBeGreaterThanOrEqual(3);
      expect(items(pages)).toEqual(items(baselinePages));
      expect(pages.map((p) => p.next)).toEqual(baselinePages.map((p) => p.next));
      expect(onHandTotal(items(pages))).toBe(onHandTotal(items(baselinePages)));
    });

    it('look-up: chunks give the same records in request order, equal totals', async () => {
      sandbox.faults.configure({
        seed: adapter.seeds.lookup,
        rules: faultRules(adapter.match.lookup, adapter.extraFaults),
      });
      const result = await adapter.lookup(client(), keys);
      expect(injected(sandbox.lines).length).toBeGreaterThanOrEqual(adapter.minLookupFaults);
      expect(result.missing).toEqual(baselineLookup.missing);
      expect(result.records).toEqual(baselineLookup.records);
      expect(onHandTotal(result.records)).toBe(onHandTotal(baselineLookup.records));
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
          if (++pages === adapter.failAfterPages) {
            // The next page fails on all three attempts.
            sandbox.faults.configure({
              rules: [
                {
                  match: adapter.match.page,
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
      expect(delivered).toEqual(items(baselinePages.slice(0, adapter.failAfterPages)));
      expect(cursor).toMatchObject(adapter.failCursor);
      const rest = items(
        await collectPages(client().inventory.pages?.({ cursor: cursor ?? undefined })),
      );
      expect([...delivered, ...rest]).toEqual(items(baselinePages));
      expect(new Set(keysOf([...delivered, ...rest])).size).toBe(items(baselinePages).length);
    });

    it('the error of a page exhausted by throttling, system errors or resets names the page', async () => {
      const { namedPage } = adapter;
      const seen: string[] = [];
      for (const [fault, type] of namedPage.faults) {
        sandbox.faults.configure({ rules: [{ match: adapter.match.page, fault, times: 2 }] });
        const walker = (namedPage.create ?? adapter.create)(sandbox.url, {
          pageSize: 50,
          retry: { ...RETRY, retries: 1 },
        });
        const error = await failure(() =>
          collectPages(walker.inventory.pages?.({ cursor: namedPage.cursor })),
        );
        expect(error).toBeInstanceOf(type);
        seen.push(`${fault.type}: ${said(error)}`);
      }
      for (const line of seen) expect(line).toContain(namedPage.label);
    });
  });

  describe(`${adapter.name}: errors of exhausted retries name the chunk/page for every fault`, () => {
    let sandbox: ServedSandbox;
    const client = (options: Partial<FaultClientOptions> = {}, create = adapter.create): Provider =>
      create(sandbox.url, { pageSize: 50, retry: { ...RETRY, retries: 1 }, ...options });
    beforeAll(async () => {
      sandbox = await serveSandbox(adapter.sandbox);
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
      it(`pages: ${JSON.stringify(fault)} names ${adapter.namedPage.label}`, async () => {
        sandbox.faults.configure({ rules: [{ match: adapter.match.page, fault, times: 2 }] });
        const error = await failure(() =>
          collectPages(
            client({}, adapter.namedPage.create).inventory.pages?.({
              cursor: adapter.namedPage.cursor,
            }),
          ),
        );
        expect(said(error)).toContain(adapter.namedPage.label);
      });
    }

    it('look-up: a chunk that keeps failing is named in the error', async () => {
      const { chunk } = adapter;
      const provider = client({
        concurrency: 1,
        onEvent(event) {
          if (event.type === 'response' && event.operation === chunk.after) {
            sandbox.faults.configure({ rules: [chunk.rule] });
          }
        },
      });
      const error = await failure(() => adapter.lookup(provider, chunk.keys(sandbox)));
      expect(said(error)).toContain(chunk.label);
    });
  });
}
