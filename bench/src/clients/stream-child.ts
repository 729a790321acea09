/**
 * Benchmark 3 (client child process): a full sync through the provider's `inventory.list()` async
 * iterator against a sandbox child, sampling this process's RSS. Prints one JSON line.
 */
import { createKingdeeProvider } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { createWinitProvider } from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { memory } from '../servers/serve.js';

export interface StreamResult {
  provider: string;
  rows: number;
  wallMs: number;
  rowsPerSec: number;
  baselineRssBytes: number;
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  /** RSS at every 10% of the expected rows (every 50,000 when unknown), to show it stays flat. */
  rssTrail: number[];
}

const [provider, baseURL, expectedText] = process.argv.slice(2);
const expected = Number(expectedText);
// The client-side limiters are lifted: this measures memory, not pacing (benchmark 4 does that).
const unlimited = { limit: 1_000_000, intervalMs: 1_000 };
const inventory =
  provider === 'kingdee'
    ? createKingdeeProvider({
        clientId: KINGDEE_SANDBOX_CREDENTIALS.clientId,
        clientSecret: KINGDEE_SANDBOX_CREDENTIALS.clientSecret,
        outerInstanceId: KINGDEE_SANDBOX_CREDENTIALS.account.outerInstanceId,
        baseURL,
        pageSize: 100,
        rateLimit: unlimited,
      }).inventory
    : createWinitProvider({
        appKey: WINIT_SANDBOX_CREDENTIALS.appKeys[0],
        token: WINIT_SANDBOX_CREDENTIALS.token,
        baseURL,
        pageSize: 200,
        rateLimit: { ...unlimited, marginMs: 0 },
      }).inventory;

const baseline = memory(true);
let peakRss = baseline.rss;
let peakHeap = baseline.heapUsed;
const sample = (): void => {
  const usage = process.memoryUsage();
  if (usage.rss > peakRss) peakRss = usage.rss;
  if (usage.heapUsed > peakHeap) peakHeap = usage.heapUsed;
};
const timer = setInterval(sample, 25);
const trail: number[] = [];
const step = expected > 0 ? Math.max(1_000, Math.floor(expected / 10)) : 50_000;
let rows = 0;
const started = performance.now();
if (!inventory.list) throw new Error(`${provider} has no inventory.list`);
for await (const record of inventory.list()) {
  if (record.provider !== provider) throw new Error(`record of ${record.provider}`);
  rows++;
  if (rows % step === 0) {
    sample();
    trail.push(process.memoryUsage().rss);
  }
}
const wallMs = performance.now() - started;
clearInterval(timer);
sample();
const result: StreamResult = {
  provider: provider as string,
  rows,
  wallMs,
  rowsPerSec: rows / (wallMs / 1000),
  baselineRssBytes: baseline.rss,
  peakRssBytes: peakRss,
  peakHeapUsedBytes: peakHeap,
  rssTrail: trail,
};
console.log(JSON.stringify(result));
