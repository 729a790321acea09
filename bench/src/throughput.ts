/**
 * Benchmark 1, sandbox throughput: the sandbox verifying real signatures, against a bare Hono route
 * answering the same bytes (the ceiling of this runtime) and Stoplight Prism mocking the same
 * OpenAPI document. Each target runs in its own process; autocannon runs in this one.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT } from '@inv/kingdee-protocol';
import { type LoadRequest, type LoadResult, runLoad } from './lib/load.js';
import { prismEntry, resultsDir, serverScript } from './lib/paths.js';
import { freePort, spawnAndProbe, startChild, stopProcess } from './lib/proc.js';
import {
  createKingdeeSigner,
  createWinitSigner,
  KINGDEE_SAMPLE_PATH,
  KINGDEE_SAMPLE_QUERY,
  kingdeeSession,
} from './lib/signers.js';
import { median } from './lib/stats.js';
import type { BareRoute } from './servers/bare-hono-server.js';
import type { SandboxServerConfig } from './servers/sandbox-server.js';

export interface ThroughputConfig {
  runs: number;
  warmupS: number;
  durationS: number;
  connections: number;
}

export type TargetId =
  | 'kingdee-sandbox'
  | 'winit-sandbox'
  | 'kingdee-bare'
  | 'winit-bare'
  | 'kingdee-prism'
  | 'winit-prism';

export interface TargetSummary {
  id: TargetId;
  label: string;
  runs: LoadResult[];
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  serverCpuPct: number;
  generatorCpuPct: number;
  notOk: number;
  errors: number;
  /** Why a target was not measured, when it was not. */
  skipped?: string | undefined;
  firstNotOk?: string | undefined;
}

export interface ThroughputReport {
  config: ThroughputConfig;
  targets: TargetSummary[];
  ratios: {
    kingdeeVsBare: number;
    winitVsBare: number;
    kingdeeVsPrism: number;
    winitVsPrism: number;
  };
}

/** Sandbox options of every throughput run: real clock, every check on, Winit limit off. */
const SANDBOX: SandboxServerConfig = { winit: { rateLimit: false } };
const WINIT_PATH = '/openapi/service';
const JSON_TYPE = 'application/json;charset=UTF-8';

interface Prepared {
  kingdeeText: string;
  winitText: string;
  winitDoc: string;
  kingdeeDoc: string | undefined;
}

/** Records what the sandbox answers (for the bare route) and the OpenAPI documents it serves. */
async function prepare(): Promise<Prepared> {
  const sandbox = await startChild(serverScript('sandbox-server'), SANDBOX);
  try {
    const session = await kingdeeSession(sandbox.url);
    const kingdee = await fetch(`${sandbox.url}${KINGDEE_SAMPLE_PATH}?${KINGDEE_SAMPLE_QUERY}`, {
      headers: createKingdeeSigner(session)(),
    });
    const kingdeeText = await kingdee.text();
    if (kingdee.status !== 200 || kingdeeText !== INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT) {
      throw new Error(`the Kingdee sample was not replayed: ${kingdee.status} ${kingdeeText}`);
    }
    const winit = await fetch(`${sandbox.url}${WINIT_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: createWinitSigner()(),
    });
    const winitText = await winit.text();
    if (!winitText.startsWith('{"code":"0"')) {
      throw new Error(`the Winit batch query was refused: ${winitText}`);
    }
    const winitDoc = await (await fetch(`${sandbox.url}/openapi/winit.json`)).text();
    const kingdeeDocAnswer = await fetch(`${sandbox.url}/openapi/kingdee.json`);
    const kingdeeDoc = kingdeeDocAnswer.ok ? await kingdeeDocAnswer.text() : undefined;
    return { kingdeeText, winitText, winitDoc, kingdeeDoc };
  } finally {
    await sandbox.stop();
  }
}

interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startPrism(documentPath: string): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = await spawnAndProbe(
    process.execPath,
    [prismEntry(), 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'silent', documentPath],
    async () => {
      await fetch(`${url}/`);
      return true;
    },
  );
  return { url, pid: child.pid as number, stop: () => stopProcess(child) };
}

interface Target {
  id: TargetId;
  label: string;
  start(): Promise<Server>;
  /** Requests, built once the server (and, for the sandbox, a session) exists. */
  requests(server: Server): Promise<LoadRequest[]>;
  skipped?: string | undefined;
}

function targets(prepared: Prepared): Target[] {
  const dir = resultsDir();
  const winitDocPath = join(dir, 'openapi-winit.json');
  writeFileSync(winitDocPath, prepared.winitDoc);
  const kingdeeDocPath = join(dir, 'openapi-kingdee.json');
  if (prepared.kingdeeDoc) writeFileSync(kingdeeDocPath, prepared.kingdeeDoc);

  const kingdeeRequest = async (
    url: string,
    isOk: LoadRequest['isOk'],
    withSession: boolean,
  ): Promise<LoadRequest[]> => {
    // Targets that do not check tokens still get the same signed headers: same generator work.
    const session = withSession
      ? await kingdeeSession(url)
      : { appToken: 'bench', domain: 'https://tf.jdy.com' };
    const sign = createKingdeeSigner(session);
    return [
      {
        method: 'GET',
        path: `${KINGDEE_SAMPLE_PATH}?${KINGDEE_SAMPLE_QUERY}`,
        headers: { 'Content-Type': 'application/json' },
        sign: () => ({ headers: sign() }),
        isOk,
      },
    ];
  };
  const winitRequest = (isOk: LoadRequest['isOk']): LoadRequest[] => {
    const sign = createWinitSigner();
    return [
      {
        method: 'POST',
        path: WINIT_PATH,
        headers: { 'content-type': 'application/json' },
        sign: () => ({ body: sign() }),
        isOk,
      },
    ];
  };
  const exactly =
    (text: string): LoadRequest['isOk'] =>
    (status, body) =>
      status === 200 && body === text;
  const success: LoadRequest['isOk'] = (status) => status >= 200 && status < 300;
  const sandbox = () => startChild(serverScript('sandbox-server'), SANDBOX);
  const bareRoutes: BareRoute[] = [
    {
      method: 'GET',
      path: KINGDEE_SAMPLE_PATH,
      contentType: JSON_TYPE,
      body: prepared.kingdeeText,
    },
    { method: 'POST', path: WINIT_PATH, contentType: JSON_TYPE, body: prepared.winitText },
  ];
  const bare = () => startChild(serverScript('bare-hono-server'), { routes: bareRoutes });
  return [
    {
      id: 'kingdee-sandbox',
      label: '(a) sandbox, Kingdee inv_synchronous sample, HMAC + nonce + token verified',
      start: sandbox,
      requests: (s) => kingdeeRequest(s.url, exactly(prepared.kingdeeText), true),
    },
    {
      id: 'winit-sandbox',
      label: '(b) sandbox, Winit batch.query (10 SKUs), sign + client_sign verified',
      start: sandbox,
      requests: async () => winitRequest(exactly(prepared.winitText)),
    },
    {
      id: 'kingdee-bare',
      label: '(c) bare Hono route, same Kingdee JSON',
      start: bare,
      requests: (s) => kingdeeRequest(s.url, exactly(prepared.kingdeeText), false),
    },
    {
      id: 'winit-bare',
      label: '(c) bare Hono route, same Winit JSON',
      start: bare,
      requests: async () => winitRequest(exactly(prepared.winitText)),
    },
    {
      id: 'kingdee-prism',
      label: '(d) Prism mock of the sandbox Kingdee OpenAPI document',
      start: () => startPrism(kingdeeDocPath),
      requests: (s) => kingdeeRequest(s.url, success, false),
      skipped: prepared.kingdeeDoc
        ? undefined
        : 'the sandbox does not serve /openapi/kingdee.json yet (404)',
    },
    {
      id: 'winit-prism',
      label: '(d) Prism mock of the sandbox Winit OpenAPI document',
      start: () => startPrism(winitDocPath),
      requests: async () => winitRequest(success),
    },
  ];
}

export async function runThroughput(
  config: ThroughputConfig,
  log: (line: string) => void,
): Promise<ThroughputReport> {
  const prepared = await prepare();
  // BENCH_TARGETS=winit-sandbox,winit-bare measures a subset (ratios need both sides).
  const only = process.env.BENCH_TARGETS?.split(',').map((id) => id.trim());
  const all = targets(prepared).filter((t) => !only || only.includes(t.id));
  const runs = new Map<TargetId, LoadResult[]>(all.map((t) => [t.id, []]));
  const firstNotOk = new Map<TargetId, string>();
  // Round-robin over targets, so slow drift of the machine spreads over all of them.
  for (let run = 1; run <= config.runs; run++) {
    for (const target of all) {
      if (target.skipped) continue;
      const server = await target.start();
      try {
        const requests = await target.requests(server);
        const load = (durationS: number) =>
          runLoad({
            url: server.url,
            requests,
            connections: config.connections,
            durationS,
            serverPid: server.pid,
            onNotOk: (status, body) => {
              if (!firstNotOk.has(target.id))
                firstNotOk.set(target.id, `${status} ${body.slice(0, 300)}`);
            },
          });
        await load(config.warmupS);
        const result = await load(config.durationS);
        runs.get(target.id)?.push(result);
        log(
          `  run ${run}/${config.runs} ${target.id}: ${Math.round(result.requestsPerSec)} req/s, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, server CPU ${Math.round(result.serverCpuPct)}%, generator CPU ${Math.round(result.generatorCpuPct)}%, not ok ${result.notOk}, errors ${result.errors + result.timeouts}`,
        );
      } finally {
        await server.stop();
      }
    }
  }
  const summaries: TargetSummary[] = all.map((target) => {
    const results = runs.get(target.id) ?? [];
    return {
      id: target.id,
      label: target.label,
      runs: results,
      requestsPerSec: median(results.map((r) => r.requestsPerSec)),
      latencyP50Ms: median(results.map((r) => r.latencyP50Ms)),
      latencyP99Ms: median(results.map((r) => r.latencyP99Ms)),
      serverCpuPct: median(results.map((r) => r.serverCpuPct)),
      generatorCpuPct: median(results.map((r) => r.generatorCpuPct)),
      notOk: results.reduce((sum, r) => sum + r.notOk, 0),
      errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
      skipped: target.skipped,
      firstNotOk: firstNotOk.get(target.id),
    };
  });
  const rps = (id: TargetId) => summaries.find((s) => s.id === id)?.requestsPerSec ?? Number.NaN;
  return {
    config,
    targets: summaries,
    ratios: {
      kingdeeVsBare: rps('kingdee-sandbox') / rps('kingdee-bare'),
      winitVsBare: rps('winit-sandbox') / rps('winit-bare'),
      kingdeeVsPrism: rps('kingdee-sandbox') / rps('kingdee-prism'),
      winitVsPrism: rps('winit-sandbox') / rps('winit-prism'),
    },
  };
}
