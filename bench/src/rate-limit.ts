/**
 * Benchmark 4, rate-limited sync: `bySkus` over 50,000 Winit SKUs (ceil(N/500) batch.query
 * requests) against a sandbox enforcing a scaled-down limit, with the client configured to the
 * same limit. Counts requests on both sides and throttling answers (1006) on the server.
 */
import { createWinitProvider } from '@inv/winit';
import { WINIT_MAX_BATCH_SIZE, WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { serverScript } from './lib/paths.js';
import { startChild } from './lib/proc.js';
import type { RequestCounts, SandboxServerConfig } from './servers/sandbox-server.js';

export interface RateLimitScale {
  /** Requests per window, on both sides. */
  limit: number;
  windowMs: number;
  /** Client safety margin (`rateLimit.marginMs`); undefined = the library default. */
  marginMs?: number | undefined;
  label: string;
}

export interface RateLimitResult {
  scale: RateLimitScale;
  skus: number;
  records: number;
  missing: number;
  /** ceil(skus / 500). */
  expectedRequests: number;
  clientRequests: number;
  serverRequests: number;
  throttled: number;
  retries: number;
  wallMs: number;
  /** skus / 500 requests at limit/window: requests × window / limit. */
  rateMinimumMs: number;
  /** Sliding-window lower bound: floor((requests − 1) / limit) × window. */
  burstMinimumMs: number;
  /** Server time spent answering, summed over requests (from the sandbox log). */
  serverBusyMs: number;
}

export async function runRateLimit(skus: number, scale: RateLimitScale): Promise<RateLimitResult> {
  const config: SandboxServerConfig = {
    // A dataset of exactly the SKUs asked for, so every batch.query finds all of its 500.
    winit: {
      dataset: { skuCount: skus },
      rateLimit: { limit: scale.limit, windowMs: scale.windowMs },
    },
    countRequests: true,
  };
  const sandbox = await startChild(serverScript('sandbox-server'), config);
  try {
    let clientRequests = 0;
    let retries = 0;
    const provider = createWinitProvider({
      appKey: WINIT_SANDBOX_CREDENTIALS.appKeys[1],
      token: WINIT_SANDBOX_CREDENTIALS.token,
      baseURL: sandbox.url,
      warehouseCode: 'US0001',
      rateLimit: { limit: scale.limit, intervalMs: scale.windowMs, marginMs: scale.marginMs },
      onEvent: (event) => {
        if (event.type === 'request') clientRequests++;
        if (event.type === 'retry') retries++;
      },
    });
    const codes = Array.from({ length: skus }, (_, i) => `SKU${String(i + 1).padStart(4, '0')}`);
    const started = performance.now();
    const { records, missing } = await provider.byMerchandises(
      codes.map((merchandiseCode) => ({ merchandiseCode })),
    );
    const wallMs = performance.now() - started;
    const counts = await sandbox.ask<RequestCounts>('counts');
    const busy = await sandbox.ask<number>('busy-ms');
    const winit = counts.winit ?? { total: 0, accepted: 0, refused: {} };
    const expectedRequests = Math.ceil(skus / WINIT_MAX_BATCH_SIZE);
    return {
      scale,
      skus,
      records: records.length,
      missing: missing.length,
      expectedRequests,
      clientRequests,
      serverRequests: winit.total,
      throttled: winit.refused['1006'] ?? 0,
      retries,
      wallMs,
      rateMinimumMs: (expectedRequests * scale.windowMs) / scale.limit,
      burstMinimumMs: Math.floor((expectedRequests - 1) / scale.limit) * scale.windowMs,
      serverBusyMs: busy,
    };
  } finally {
    await sandbox.stop();
  }
}

/**
 * Server time of one 500-merchandise batch.query against a sandbox generated with `skuCount`
 * SKUs, unthrottled and alone: shows why benchmark 4 keeps the default dataset.
 */
export async function measureBatchQueryCost(skuCount: number): Promise<number> {
  const sandbox = await startChild(
    serverScript('sandbox-server'),
    { winit: { dataset: { skuCount }, rateLimit: false }, countRequests: true },
    { execArgv: ['--max-old-space-size=8192'] },
  );
  try {
    const provider = createWinitProvider({
      appKey: WINIT_SANDBOX_CREDENTIALS.appKeys[0],
      token: WINIT_SANDBOX_CREDENTIALS.token,
      baseURL: sandbox.url,
      warehouseCode: 'US0001',
      timeoutMs: 600_000,
      retry: { retries: 0 },
    });
    const codes = Array.from({ length: WINIT_MAX_BATCH_SIZE }, (_, i) => ({
      merchandiseCode: `SKU${String(i + 1).padStart(4, '0')}`,
    }));
    await provider.byMerchandises(codes);
    return await sandbox.ask<number>('busy-ms');
  } finally {
    await sandbox.stop();
  }
}
