/**
 * Drift probes: a few signed calls to a gateway whose raw bodies are compared with the documented
 * schemas. The bodies are read before any parsing, so envelope-level drift (a code that became a
 * string) is reported too, and a body the client would refuse still gets its drift table.
 */
import { InvError } from '@inv/core';
import { createKingdeeClient, type KingdeeProviderOptions } from '@inv/kingdee';
import {
  arrayParams,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
  KINGDEE_MAX_IDS,
  KINGDEE_PATHS,
} from '@inv/kingdee-protocol';
import { resolveWinitOptions, type WinitClientOptions } from '@inv/winit';
import {
  canonicalData,
  signRequestBodyAt,
  WINIT_ACTIONS,
  WINIT_MAX_BATCH_SIZE,
  WINIT_SAMPLE_RESPONSE,
  WINIT_SERVICE_PATH,
} from '@inv/winit-protocol';
import { z } from 'zod';
import { type Drift, detectDrift, formatDriftTable, isBreaking } from './drift.js';
import { contractSchemas } from './schemas.js';

/** The drift of one probed endpoint. */
export interface DriftReport {
  /** e.g. `kingdee GET /jdy/v2/scm/inventory`. */
  endpoint: string;
  drifts: Drift[];
}

/** Rows asked for by each probe: enough to see every field, few enough to stay cheap. */
const PROBE_ROWS = 20;

/** Raw answer bodies by request path, observed through the client's `fetch` option. */
function observingFetch(base: typeof fetch = fetch): {
  fetch: typeof fetch;
  bodies: Map<string, string>;
} {
  const bodies = new Map<string, string>();
  const observed: typeof fetch = async (input, init) => {
    const response = await base(input, init);
    const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
    bodies.set(new URL(url).pathname, await response.clone().text());
    return response;
  };
  return { fetch: observed, bodies };
}

const parseBody = (text: string | undefined, endpoint: string): unknown => {
  try {
    return JSON.parse(text ?? '');
  } catch {
    throw new Error(`${endpoint} did not answer JSON, so its drift cannot be measured`);
  }
};

/**
 * Probes a Kingdee account: `scm/inventory` (first page) always, `inv_synchronous` for `ids` when
 * given (its rows also carry the documented sample's types, so number↔string changes the client
 * tolerates are reported). `options` are the provider options of the target.
 */
export async function probeKingdeeDrift(
  options: KingdeeProviderOptions,
  ids: readonly string[] = [],
): Promise<DriftReport[]> {
  const observer = observingFetch(options.fetch);
  const client = createKingdeeClient({ ...options, fetch: observer.fetch });
  const probe = async (
    path: string,
    query: readonly (readonly [string, string])[],
    schema: z.ZodType,
    documented?: unknown,
  ): Promise<DriftReport> => {
    const endpoint = `kingdee GET ${path}`;
    try {
      await client.call({
        method: 'GET',
        path,
        query: query.map(([key, value]) => [key, value] as [string, string]),
        operation: 'contract.drift',
        // Any body that is a successful envelope; its shape is judged below, not here.
        schema: z.unknown(),
        what: `${path} answer`,
      });
    } catch (error) {
      // A body the client refuses (e.g. errcode became a string) still has a drift to report.
      if (!(error instanceof InvError && error.code === 'INV_RESPONSE_SHAPE')) throw error;
    }
    const body = parseBody(observer.bodies.get(path), endpoint);
    return { endpoint, drifts: detectDrift(schema, body, { documented }) };
  };
  const reports = [
    await probe(
      KINGDEE_PATHS.scmInventory,
      [
        ['page', '1'],
        ['page_size', String(PROBE_ROWS)],
      ],
      contractSchemas.kingdeeScmInventory,
    ),
  ];
  if (ids.length > 0) {
    reports.push(
      await probe(
        KINGDEE_PATHS.invSynchronous,
        arrayParams('ids', ids.slice(0, KINGDEE_MAX_IDS), client.options.arrayFormat),
        contractSchemas.kingdeeInvSynchronous,
        INV_SYNCHRONOUS_RESPONSE_SAMPLE,
      ),
    );
  }
  return reports;
}

/**
 * Sends one signed Winit action and returns the raw answer: the request helper of the drift probe
 * (docs/protocols/winit.md §3–§5), signed exactly as the client signs.
 */
export async function sendSignedWinitRequest(
  options: WinitClientOptions,
  action: string,
  data: unknown,
): Promise<{ status: number; text: string }> {
  const resolved = resolveWinitOptions(options);
  const body = signRequestBodyAt(resolved, action, canonicalData(data), resolved.nowMs());
  const response = await fetch(`${resolved.baseURL}${WINIT_SERVICE_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8', accept: 'application/json' },
    body,
    signal: AbortSignal.timeout(resolved.timeoutMs ?? 30_000),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * The documented types of an inventory answer: the page's sample without its quantities, which
 * docs/protocols/winit.md §11.1 documents as numbers or numeric strings (the sample itself mixes them).
 */
function winitDocumentedPage(): unknown {
  const sample = WINIT_SAMPLE_RESPONSE as { data: { list: Record<string, unknown>[] } };
  const list = sample.data.list.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !key.endsWith('Qty'))),
  );
  return { ...sample, data: { ...sample.data, list } };
}

/**
 * Probes a Winit account: `queryWarehouse`, the first pageInv page of `warehouseCode` (default:
 * the first warehouse listed), and batch.query for `skus` when given. Inventory rows also carry
 * the documented sample's types, so number↔string changes the client tolerates are reported.
 */
export async function probeWinitDrift(
  options: WinitClientOptions,
  target: { warehouseCode?: string | undefined; skus?: readonly string[] | undefined } = {},
): Promise<DriftReport[]> {
  const documented = winitDocumentedPage();
  const probe = async (action: string, data: unknown, schema: z.ZodType, sample?: unknown) => {
    const endpoint = `winit ${action}`;
    const answer = await sendSignedWinitRequest(options, action, data);
    if (answer.status !== 200) throw new Error(`${endpoint} answered HTTP ${answer.status}`);
    const body = parseBody(answer.text, endpoint);
    const code = (body as { code?: unknown } | null)?.code;
    if (String(code) !== '0') {
      const msg = (body as { msg?: unknown }).msg;
      throw new Error(`${endpoint} answered code ${String(code)} (${String(msg)})`);
    }
    return {
      report: { endpoint, drifts: detectDrift(schema, body, { documented: sample }) },
      body,
    };
  };
  const warehouses = await probe(WINIT_ACTIONS.queryWarehouse, '', contractSchemas.winitWarehouses);
  const listed = (warehouses.body as { data?: unknown }).data;
  const first = Array.isArray(listed)
    ? (listed[0] as { warehouseCode?: unknown } | undefined)?.warehouseCode
    : undefined;
  const warehouseCode = target.warehouseCode ?? (typeof first === 'string' ? first : undefined);
  const reports: DriftReport[] = [warehouses.report];
  if (warehouseCode !== undefined) {
    const page = await probe(
      WINIT_ACTIONS.pageInv,
      { warehouseCodes: warehouseCode, pageVo: { pageNo: 1, pageSize: PROBE_ROWS } },
      contractSchemas.winitInventoryPage,
      documented,
    );
    reports.push(page.report);
    const skus = target.skus ?? [];
    if (skus.length > 0) {
      const batch = await probe(
        WINIT_ACTIONS.batchQuery,
        {
          warehouseCode,
          merchandises: skus
            .slice(0, WINIT_MAX_BATCH_SIZE)
            .map((merchandiseCode) => ({ merchandiseCode })),
        },
        contractSchemas.winitInventoryPage,
        documented,
      );
      reports.push(batch.report);
    }
  }
  return reports;
}

/** The outcome of a drift check. */
export interface DriftVerdict {
  /** False when a drift fails the check: any breaking one, or any at all in strict mode. */
  ok: boolean;
  /** The drifts that failed the check. */
  failing: Drift[];
  /** One table per endpoint, for the CI log. */
  table: string;
  /** The reports judged. */
  reports: readonly DriftReport[];
}

/**
 * Judges drift reports: additive changes (unknown fields) and type changes the client tolerates
 * pass unless `strict`; breaking changes (a type the schema refuses, a missing field) always fail.
 */
export function judgeDrift(
  reports: readonly DriftReport[],
  options: { strict: boolean },
): DriftVerdict {
  const all = reports.flatMap((report) => report.drifts);
  const failing = options.strict ? all : all.filter(isBreaking);
  const table = reports
    .map((report) => formatDriftTable(report.drifts, `Schema drift of ${report.endpoint}`))
    .join('\n\n');
  return { ok: failing.length === 0, failing, table, reports };
}
