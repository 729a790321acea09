/**
 * Every documented sample as a contract case, in both directions: the client must turn each
 * documented response into the documented fields, and the sandbox must answer each documented
 * request with the documented response, byte for byte.
 */
import { type InventoryRecord, parseShape } from '@inv/core';
import { createKingdeeClient, normalizeInvSynchronousRow } from '@inv/kingdee';
import {
  buildStringToSign as buildKingdeeStringToSign,
  canonicalizeRawQuery,
  INV_SYNCHRONOUS_REQUEST_SAMPLE,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  KINGDEE_HEADERS,
  KINGDEE_SANDBOX_CREDENTIALS,
  parseJsonPreservingIntegers,
  signStringToSign,
} from '@inv/kingdee-protocol';
import { toInventoryRecord } from '@inv/winit';
import {
  buildRequestBody,
  canonicalData,
  computeSign,
  inventoryRowSchema,
  pagedDataSchema,
  type SignedFields,
  WINIT_SAMPLE_EPOCH_MS,
  WINIT_SAMPLE_REQUEST_AGGREGATE,
  WINIT_SAMPLE_REQUEST_ATTRIBUTES,
  WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
  WINIT_SAMPLE_RESPONSE_TEXT,
  WINIT_SANDBOX_CREDENTIALS,
  WINIT_SERVICE_PATH,
  winitResponseEnvelopeSchema,
} from '@inv/winit-protocol';
import { z } from 'zod';
import { contractSchemas } from './schemas.js';
import type { ContractProvider } from './target.js';

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A documented response the client must parse into the documented fields. */
export interface DocumentedResponseCase {
  provider: ContractProvider;
  /** What the sample is, e.g. `inv_synchronous response sample`. */
  name: string;
  /** The sample as published. */
  text: string;
  /**
   * Parses `text` (default: the sample) with the provider's response schema and normalizer. A text
   * that no longer parses throws a `ResponseShapeError` naming each field path.
   */
  parse(text?: string): InventoryRecord[];
  /** The fields each record must carry: the package README's field mapping applied to the sample. */
  expected: readonly DeepPartial<InventoryRecord>[];
}

/** A documented request the sandbox must answer with a documented response. */
export interface DocumentedRequestCase {
  provider: ContractProvider;
  name: string;
  /** The documented timestamp as epoch ms: the sandbox clock must show it during the replay. */
  at: number;
  /** The answer the sandbox must send, byte for byte. */
  expectedText: string;
  /** Sends the documented request to the sandbox at `baseURL`. */
  send(baseURL: string): Promise<{ status: number; text: string }>;
}

// ------------------------------------------------------------------------------------- Kingdee

const kingdeeResponse: DocumentedResponseCase = {
  provider: 'kingdee',
  name: 'inv_synchronous response sample (库存同步列表)',
  text: INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  parse(text = INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT) {
    // The client's own parser: 19-digit ids sent as numbers keep their digits (docs/protocols/kingdee.md §11.2).
    const json = parseJsonPreservingIntegers(text) as { data?: { rows?: unknown[] } };
    const body = parseShape(
      contractSchemas.kingdeeInvSynchronous,
      json,
      'kingdee',
      'documented inv_synchronous response sample',
    );
    return body.data.rows.map((row, i) =>
      normalizeInvSynchronousRow(row, { raw: json.data?.rows?.[i] as Record<string, unknown> }),
    );
  },
  // packages/kingdee README "Field mapping", applied by hand to the one sample row.
  expected: [
    {
      provider: 'kingdee',
      key: '2',
      warehouse: { id: '1', code: '1', name: '1' },
      location: { id: '121', code: '121', name: '121' },
      item: {
        sku: '8440',
        id: '8440',
        name: '8440',
        variant: { id: '0001', code: '0001', name: '辅助属性1' },
      },
      // kf_date "2" and valid_date "15" are Kingdee's placeholders, kept as text (§11.3).
      batch: {
        lot: '001',
        productionDate: '2',
        expiryDate: '15',
        shelfLife: { value: '12', unit: 'day' },
      },
      grade: null,
      quantities: {
        onHand: '1',
        available: '1',
        reserved: '12',
        frozen: null,
        inboundInTransit: '14',
        pendingOutbound: '13',
      },
      version: null,
    },
  ],
};

/**
 * The documented `inv_synchronous` request (`ids=[],d=true`, documented timestamp and nonce), sent
 * verbatim except for what only the sandbox can accept: the documented example client `200421`
 * instead of the page's `205022`, a signature recomputed for it, and a real app-token obtained from
 * the sandbox under the same frozen clock (docs/protocols/kingdee.md §9.1, §11.1).
 */
const kingdeeRequest: DocumentedRequestCase = {
  provider: 'kingdee',
  name: 'inv_synchronous request sample (ids=[],d=true)',
  at: Number(INV_SYNCHRONOUS_REQUEST_SAMPLE.headers['X-Api-TimeStamp']),
  expectedText: INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  async send(baseURL) {
    const sample = INV_SYNCHRONOUS_REQUEST_SAMPLE;
    const { clientId, clientSecret } = KINGDEE_SANDBOX_CREDENTIALS.documentedClient;
    const timestamp = sample.headers['X-Api-TimeStamp'];
    const nonce = sample.headers['X-Api-Nonce'];
    const client = createKingdeeClient({
      clientId,
      clientSecret,
      outerInstanceId: KINGDEE_SANDBOX_CREDENTIALS.account.outerInstanceId,
      baseURL,
      now: () => Number(timestamp),
      retry: { retries: 0 },
    });
    const session = await client.session();
    const stringToSign = buildKingdeeStringToSign({
      method: sample.method,
      path: sample.path,
      canonicalQuery: canonicalizeRawQuery(sample.rawQuery),
      nonce,
      timestamp,
    });
    const response = await fetch(`${baseURL}${sample.path}?${sample.rawQuery}`, {
      method: sample.method,
      headers: {
        ...sample.headers,
        [KINGDEE_HEADERS.clientId]: clientId,
        [KINGDEE_HEADERS.signature]: signStringToSign(clientSecret, stringToSign),
        [KINGDEE_HEADERS.appToken]: session.appToken,
      },
    });
    return { status: response.status, text: await response.text() };
  },
};

// --------------------------------------------------------------------------------------- Winit

/**
 * The documented page answer: `list` an array, as in both samples. (The drift schema also accepts a
 * single row, §11.3, but a union would blur the field path of a failure to `data.list`.)
 */
const winitDocumentedPageSchema = winitResponseEnvelopeSchema.extend({
  data: pagedDataSchema.extend({ list: z.array(inventoryRowSchema) }),
});

function winitResponseCase(
  name: string,
  text: string,
  grade: string | null,
): DocumentedResponseCase {
  return {
    provider: 'winit',
    name,
    text,
    parse(input = text) {
      const json = JSON.parse(input) as { data: { list: Record<string, unknown>[] } };
      const body = parseShape(winitDocumentedPageSchema, json, 'winit', `documented ${name}`);
      return body.data.list.map((row, i) => toInventoryRecord(row, json.data.list[i] ?? {}));
    },
    // packages/winit README "Field mapping", applied by hand to the sample row (docs/protocols/winit.md §11.1,
    // §11.5: string and number quantities in one row, empty code, serno "0", null specification).
    expected: [
      {
        provider: 'winit',
        warehouse: { id: null, code: 'US0001', name: null },
        location: null,
        item: { sku: '', id: '0', name: null, variant: null },
        batch: null,
        grade,
        quantities: {
          onHand: '0',
          available: '0',
          reserved: null,
          frozen: '22',
          inboundInTransit: null,
          pendingOutbound: null,
        },
        version: null,
      },
    ],
  };
}

/**
 * A documented Winit request example signed with the sandbox token instead of its placeholder
 * `sign`: the body of the `seed-example-pageinv-*` vectors (protocols/winit-vectors.json).
 */
export function signedWinitSample(sample: Readonly<Record<string, unknown>>): string {
  const text = (field: string): string => String(sample[field] ?? '');
  const fields: SignedFields = {
    action: text('action'),
    app_key: text('app_key'),
    format: text('format'),
    platform: text('platform'),
    sign_method: text('sign_method'),
    timestamp: text('timestamp'),
    version: text('version'),
  };
  const data = canonicalData(sample.data);
  const sign = computeSign(fields, data, WINIT_SANDBOX_CREDENTIALS.token);
  return buildRequestBody({ ...fields, language: text('language'), sign }, data);
}

function winitRequestCase(
  name: string,
  sample: Readonly<Record<string, unknown>>,
  expectedText: string,
): DocumentedRequestCase {
  return {
    provider: 'winit',
    name,
    at: WINIT_SAMPLE_EPOCH_MS,
    // docs/protocols/winit.md §11.4: each example replays as pageInv with the documented response that fits it.
    expectedText,
    async send(baseURL) {
      const response = await fetch(`${baseURL}${WINIT_SERVICE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: signedWinitSample(sample),
      });
      return { status: response.status, text: await response.text() };
    },
  };
}

/** Documented responses the client must parse, per provider. */
export const DOCUMENTED_RESPONSES: Readonly<
  Record<ContractProvider, readonly DocumentedResponseCase[]>
> = {
  kingdee: [kingdeeResponse],
  winit: [
    winitResponseCase(
      'pageInv response sample (按库存管理分类条件查询)',
      WINIT_SAMPLE_RESPONSE_TEXT,
      'GOOD',
    ),
    winitResponseCase(
      'pageInv aggregated response sample (聚合库存管理分类查询)',
      WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
      null,
    ),
  ],
};

/** Documented requests the sandbox must answer, per provider. */
export const DOCUMENTED_REQUESTS: Readonly<
  Record<ContractProvider, readonly DocumentedRequestCase[]>
> = {
  kingdee: [kingdeeRequest],
  winit: [
    winitRequestCase(
      'pageInv request sample (按库存管理分类条件查询)',
      WINIT_SAMPLE_REQUEST_ATTRIBUTES,
      WINIT_SAMPLE_RESPONSE_TEXT,
    ),
    winitRequestCase(
      'pageInv aggregated request sample (聚合库存管理分类查询)',
      WINIT_SAMPLE_REQUEST_AGGREGATE,
      WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
    ),
  ],
};
