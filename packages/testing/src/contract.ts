import {
  type ByIdsResult,
  type Cursor,
  InvError,
  type InventoryRecord,
  inventoryRecordSchema,
  type Page,
  type Provider,
} from '@inv/core';
import { describe, expect, it } from 'vitest';

export interface ProviderContractOptions {
  /** Title of the `describe` block; defaults to the provider's display name. */
  name?: string | undefined;
  /** Creates the provider under test, pointed at the target (sandbox or live gateway). */
  create: () => Provider | Promise<Provider>;
  /**
   * Creates the same provider with credentials the target refuses. Enables the typed-auth-error and
   * no-secret-leak checks.
   */
  createWithBadCredentials?: (() => Provider | Promise<Provider>) | undefined;
  /** Every secret value in play (good and bad credentials); none may appear in any error. */
  secrets: readonly string[];
  /** Ids (for `byIds`) or SKUs (for `bySkus`) the target holds. More than `maxBatchSize` exercises chunking. */
  knownKeys?: readonly string[] | undefined;
  /** Ids or SKUs the target does not hold; they must come back in `missing`. */
  unknownKeys?: readonly string[] | undefined;
  /**
   * SKUs the target holds, for a provider that also has `byIds` (whose lookup `knownKeys` then
   * checks): enables the SKU lookup check. Every record must carry one of the SKUs asked.
   */
  knownSkus?: readonly string[] | undefined;
  /** SKUs the target does not hold; they must come back in `missing` of the SKU lookup. */
  unknownSkus?: readonly string[] | undefined;
  /** Extra options for `bySkus` (e.g. Winit's `warehouseCode`). */
  lookupOptions?: Record<string, unknown> | undefined;
  /** Page size for the paging checks; small values exercise more pages. */
  pageSize?: number | undefined;
  /** Exact number of positions a full list must yield, when the target's dataset is known. */
  expectedTotal?: number | undefined;
  /** Per-test timeout in milliseconds (live gateways are slow). Default 60 000. */
  timeoutMs?: number | undefined;
}

async function collectPages(
  provider: Provider,
  options: { cursor?: Cursor; pageSize?: number | undefined; maxPages?: number },
): Promise<Page[]> {
  const pages: Page[] = [];
  const iterable = provider.inventory.pages?.({
    cursor: options.cursor,
    pageSize: options.pageSize,
  });
  if (!iterable) return pages;
  for await (const page of iterable) {
    pages.push(page);
    if (options.maxPages !== undefined && pages.length >= options.maxPages) break;
  }
  return pages;
}

async function lookup(
  provider: Provider,
  keys: readonly string[],
  extra?: Record<string, unknown>,
): Promise<ByIdsResult> {
  const { byIds, bySkus } = provider.inventory;
  if (byIds) return byIds(keys);
  if (bySkus) return bySkus(keys, { ...extra });
  throw new Error('provider has neither byIds nor bySkus');
}

function expectNormalized(record: InventoryRecord, provider: Provider): void {
  const parsed = inventoryRecordSchema.safeParse(record);
  if (!parsed.success) {
    throw new Error(
      `record ${record.key} is not a valid InventoryRecord: ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  expect(record.provider).toBe(provider.id);
  expect(typeof record.raw).toBe('object');
  // The normalized form must survive JSON (what users store and ship) unchanged.
  expect(inventoryRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
}

function expectNoSecrets(error: unknown, secrets: readonly string[]): void {
  const texts = [
    String((error as Error)?.message),
    JSON.stringify(error),
    String((error as Error)?.stack),
  ];
  let cause = (error as { cause?: unknown })?.cause;
  while (cause) {
    texts.push(
      String((cause as Error).message),
      String((cause as Error).stack),
      JSON.stringify(cause) ?? '',
    );
    cause = (cause as { cause?: unknown }).cause;
  }
  const all = texts.join('\n');
  for (const secret of secrets) {
    if (secret.length >= 4) expect(all, 'an error exposed a secret').not.toContain(secret);
  }
}

/**
 * Registers the invariants every `inv` provider must hold, as vitest tests: declared capabilities
 * and limits, normalization to the core model (and its JSON round-trip), chunked lookups that lose
 * nothing and report what is missing, paging that is complete, duplicate-free and resumable, and
 * typed, secret-free errors. Run it against the sandbox in CI and against the live gateway when
 * credentials are available.
 */
export function describeProviderContract(options: ProviderContractOptions): void {
  const timeout = options.timeoutMs ?? 60_000;
  describe(options.name ?? 'provider contract', () => {
    it('declares a well-formed identity, capabilities and limits', async () => {
      const provider = await options.create();
      expect(provider.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(provider.displayName.length).toBeGreaterThan(0);
      expect(provider.limits.maxBatchSize).toBeGreaterThan(0);
      expect(provider.limits.maxPageSize).toBeGreaterThan(0);
      expect(provider.limits.rateLimit.limit).toBeGreaterThan(0);
      if (provider.capabilities.has('inventory.byIds'))
        expect(typeof provider.inventory.byIds).toBe('function');
      if (provider.capabilities.has('inventory.bySkus'))
        expect(typeof provider.inventory.bySkus).toBe('function');
      if (provider.capabilities.has('inventory.list')) {
        expect(typeof provider.inventory.pages).toBe('function');
        expect(typeof provider.inventory.list).toBe('function');
      }
    });

    it.runIf(options.knownKeys !== undefined)(
      'looks up keys across chunks, losing nothing and reporting the missing ones',
      async () => {
        const provider = await options.create();
        const known = options.knownKeys ?? [];
        const unknown = options.unknownKeys ?? [];
        const result = await lookup(provider, [...known, ...unknown], options.lookupOptions);
        for (const record of result.records) expectNormalized(record, provider);
        expect([...result.missing].sort()).toEqual([...unknown].sort());
        expect(result.records.length).toBeGreaterThanOrEqual(known.length - result.missing.length);
      },
      timeout,
    );

    it.runIf(options.knownSkus !== undefined)(
      'looks up SKUs across chunks: every record is one asked, the rest reported missing',
      async () => {
        const provider = await options.create();
        const bySkus = provider.inventory.bySkus;
        expect(bySkus, 'knownSkus given but the provider has no bySkus').toBeTypeOf('function');
        const known = options.knownSkus ?? [];
        const unknown = options.unknownSkus ?? [];
        const result = await (bySkus as NonNullable<typeof bySkus>)([...known, ...unknown], {
          ...options.lookupOptions,
        });
        for (const record of result.records) expectNormalized(record, provider);
        expect([...result.missing].sort()).toEqual([...unknown].sort());
        const asked = new Set(known);
        expect(result.records.filter((record) => !asked.has(record.item.sku))).toEqual([]);
        expect(new Set(result.records.map((record) => record.item.sku))).toEqual(asked);
      },
      timeout,
    );

    it(
      'pages through every position exactly once, and resumes from a cursor',
      async () => {
        const provider = await options.create();
        if (!provider.inventory.pages) return;
        const pages = await collectPages(provider, { pageSize: options.pageSize });
        const keys = pages.flatMap((page) => page.items.map((record) => record.key));
        const duplicates = keys.filter((key, i) => keys.indexOf(key) !== i);
        expect(duplicates, 'keys delivered twice').toEqual([]);
        for (const page of pages)
          for (const record of page.items) expectNormalized(record, provider);
        const announced = pages.find((page) => page.total !== undefined)?.total;
        if (announced !== undefined) expect(keys.length).toBe(announced);
        if (options.expectedTotal !== undefined) expect(keys.length).toBe(options.expectedTotal);
        expect(pages.at(-1)?.next ?? null).toBeNull();
        const resumeFrom = pages[0]?.next;
        if (resumeFrom) {
          const rest = await collectPages(provider, {
            cursor: resumeFrom,
            pageSize: options.pageSize,
          });
          const resumed = [...(pages[0]?.items ?? []), ...rest.flatMap((page) => page.items)].map(
            (r) => r.key,
          );
          expect(resumed).toEqual(keys);
        }
      },
      timeout,
    );

    it.runIf(options.createWithBadCredentials !== undefined)(
      'fails with a typed error that names no secret when credentials are wrong',
      async () => {
        const provider = await (
          options.createWithBadCredentials as () => Provider | Promise<Provider>
        )();
        const attempt = provider.inventory.pages
          ? collectPages(provider, { pageSize: options.pageSize, maxPages: 1 })
          : lookup(provider, options.knownKeys?.slice(0, 1) ?? ['1'], options.lookupOptions);
        const error = await attempt.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, 'bad credentials were accepted').toBeInstanceOf(InvError);
        expect(['INV_AUTH', 'INV_SIGNATURE', 'INV_TOKEN_EXPIRED']).toContain(
          (error as InvError).code,
        );
        expectNoSecrets(error, options.secrets);
      },
      timeout,
    );
  });
}
