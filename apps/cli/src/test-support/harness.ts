import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ByIdsResult,
  type Capability,
  defineProvider,
  type InventoryRecord,
  type ListOptions,
  type Page,
  type Provider,
} from '@inv/core';
import type { CliDeps, SandboxHandle } from '../command.js';
import type { CliIo, OutputStream } from '../io.js';
import { runCli } from '../main.js';
import type { CliProvider, ProviderFactories } from '../providers.js';

export interface Captured extends OutputStream {
  text(): string;
}

/** An in-memory stdout/stderr. */
export function capture(isTTY = false): Captured {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 200,
    write(chunk) {
      chunks.push(chunk);
      return true;
    },
    once: () => undefined,
    text: () => chunks.join(''),
  };
}

export interface FakeProviderOptions {
  id: 'kingdee' | 'winit';
  /** Pages served by `pages`, resumable with `{ page }`. */
  pages?: InventoryRecord[][];
  /** Serve `bySkus` from the pages' records (filtered by `warehouseCode` when given). */
  bySkus?: boolean;
  byIds?: boolean;
  /** Throw this on the page with that index (once). */
  failOnPage?: { index: number; error: Error };
  /** Options the factory received, for assertions. */
  calls?: { bySkus: { skus: readonly string[]; warehouseCode?: unknown }[] };
}

/** A provider over fixed pages, implementing the core contract. */
export function fakeProvider(options: FakeProviderOptions): Provider {
  const pages = options.pages ?? [];
  const all = pages.flat();
  const capabilities: Capability[] = [];
  let failure = options.failOnPage;
  async function* list(opts: ListOptions = {}): AsyncGenerator<Page> {
    const start = typeof opts.cursor?.page === 'number' ? opts.cursor.page : 0;
    for (let index = start; index < pages.length; index++) {
      opts.signal?.throwIfAborted();
      if (failure && failure.index === index) {
        const error = failure.error;
        failure = undefined;
        throw error;
      }
      yield {
        items: pages[index] ?? [],
        next: index + 1 < pages.length ? { page: index + 1 } : null,
        total: all.length,
      };
    }
  }
  capabilities.push('inventory.list');
  const bySkus = async (
    skus: readonly string[],
    opts: Record<string, unknown> = {},
  ): Promise<ByIdsResult> => {
    options.calls?.bySkus.push({ skus, warehouseCode: opts.warehouseCode });
    const records = all.filter(
      (r) =>
        skus.includes(r.item.sku) &&
        (opts.warehouseCode === undefined || r.warehouse.code === opts.warehouseCode),
    );
    return { records, missing: skus.filter((s) => !records.some((r) => r.item.sku === s)) };
  };
  const byIds = async (ids: readonly string[]): Promise<ByIdsResult> => {
    const records = ids.flatMap((id) => all.filter((r) => r.key === id));
    return { records, missing: ids.filter((id) => !all.some((r) => r.key === id)) };
  };
  if (options.bySkus) capabilities.push('inventory.bySkus');
  if (options.byIds) capabilities.push('inventory.byIds');
  return defineProvider({
    id: options.id,
    displayName: `fake ${options.id}`,
    capabilities,
    limits: { maxBatchSize: 100, maxPageSize: 100, rateLimit: { limit: 10, intervalMs: 1000 } },
    inventory: {
      pages: list,
      ...(options.bySkus ? { bySkus } : {}),
      ...(options.byIds ? { byIds } : {}),
    },
  });
}

/** Factories returning fixed providers; `received` records the options each got. */
export function fakeFactories(providers: {
  kingdee?: CliProvider | (() => CliProvider);
  winit?: CliProvider | (() => CliProvider);
}): ProviderFactories & { received: { kingdee: unknown[]; winit: unknown[] } } {
  const received = { kingdee: [] as unknown[], winit: [] as unknown[] };
  const make = (id: 'kingdee' | 'winit', options: unknown): CliProvider => {
    received[id].push(options);
    const entry = providers[id];
    if (entry === undefined) throw new Error(`no fake ${id} provider in this test`);
    return typeof entry === 'function' ? entry() : entry;
  };
  return {
    received,
    kingdee: (options) => make('kingdee', options),
    winit: (options) => make('winit', options),
    sandboxCredentials: {
      kingdee: { clientId: 'sandbox-id', clientSecret: 'sandbox-secret', outerInstanceId: '1' },
      winit: { appKey: 'sandbox@example.com', token: 'sandbox-token' },
    },
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  factories?: ProviderFactories;
  env?: Record<string, string | undefined>;
  cwd?: string;
  tty?: boolean;
  signal?: AbortSignal;
  startSandbox?: CliDeps['startSandbox'];
}

/** Runs the CLI in-process with captured output. */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const stdout = capture(options.tty ?? false);
  const stderr = capture(options.tty ?? false);
  const io: CliIo = {
    stdout,
    stderr,
    env: options.env ?? {},
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'inv-cli-')),
    signal: options.signal ?? new AbortController().signal,
  };
  const deps: CliDeps = {
    factories: options.factories ?? fakeFactories({}),
    startSandbox:
      options.startSandbox ??
      (async (): Promise<SandboxHandle> => {
        throw new Error('no sandbox in this test');
      }),
  };
  const code = await runCli(argv, io, deps);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
