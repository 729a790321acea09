/**
 * autocannon, run in the parent process against a server child: the generator and the server each
 * get their own event loop (and, on 2 cores, their own core). Every run is bounded by `durationS`.
 */
import autocannon from 'autocannon';
import { sampleProc } from './proc.js';

/** One kind of request a run sends, signed afresh by `sign` before every send. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  /** Request target, sent verbatim (the Kingdee sample's `[` `]` are not encoded). */
  path: string;
  headers: Record<string, string>;
  /** Per-request headers and body (signature, timestamp, nonce). */
  sign?: (() => { headers?: Record<string, string>; body?: string }) | undefined;
  /** Whether an answer is the success the run expects (a refusal must not count as throughput). */
  isOk(status: number, body: string): boolean;
}

export interface LoadResult {
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  totalRequests: number;
  /** Answers `isOk` accepted / rejected. */
  ok: number;
  notOk: number;
  /** Socket errors and timeouts. */
  errors: number;
  timeouts: number;
  durationS: number;
  /** CPU use of the server process and of this (generator) process, in % of one core. */
  serverCpuPct: number;
  generatorCpuPct: number;
}

export interface LoadOptions {
  url: string;
  requests: readonly LoadRequest[];
  connections: number;
  durationS: number;
  /** Process sampled for the server's CPU use. */
  serverPid?: number | undefined;
  /** First non-ok answer seen, for diagnostics. */
  onNotOk?: ((status: number, body: string) => void) | undefined;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let ok = 0;
  let notOk = 0;
  const requests = options.requests.map((request) => ({
    method: request.method,
    path: request.path,
    headers: request.headers,
    setupRequest: (req: Record<string, unknown>) => {
      if (!request.sign) return req;
      const signed = request.sign();
      return {
        ...req,
        headers: { ...request.headers, ...signed.headers },
        ...(signed.body === undefined ? {} : { body: signed.body }),
      };
    },
    onResponse: (status: number, body: string) => {
      if (request.isOk(status, body)) ok++;
      else {
        notOk++;
        options.onNotOk?.(status, body);
      }
    },
  }));
  const server0 = options.serverPid ? sampleProc(options.serverPid) : undefined;
  const self0 = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    duration: options.durationS,
    timeout: 10,
    // The hooks close over counters: autocannon types them loosely.
    requests: requests as unknown as autocannon.Request[],
  });
  const wallMs = performance.now() - started;
  const self = process.cpuUsage(self0);
  const server1 = options.serverPid ? sampleProc(options.serverPid) : undefined;
  return {
    requestsPerSec: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    totalRequests: result.requests.total,
    ok,
    notOk,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    serverCpuPct:
      server0 && server1 ? ((server1.cpuMs - server0.cpuMs) / wallMs) * 100 : Number.NaN,
    generatorCpuPct: ((self.user + self.system) / 1000 / wallMs) * 100,
  };
}
