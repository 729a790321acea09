/**
 * Bad answers to the clients. A scripted gateway on 127.0.0.1 answers with otherwise valid
 * envelopes carrying HTML pages, empty bodies, wrong types, missing fields, numbers with thousands
 * separators, NaN and negative quantities. Each becomes a typed error whose message names the field,
 * or a documented coercion, never a silently wrong number.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvError, type InventoryRecord, ResponseShapeError, TransportError } from '@inv/core';
import { createKingdeeProvider } from '@inv/kingdee';
import {
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
  KINGDEE_SANDBOX_CREDENTIALS as KINGDEE,
} from '@inv/kingdee-protocol';
import { createWinitProvider } from '@inv/winit';
import { WINIT_SAMPLE_RESPONSE } from '@inv/winit-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Scripted {
  status?: number;
  contentType?: string;
  body: string;
}

let script: Scripted = { body: '' };
let server: Server;
let baseURL: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      // The Kingdee token call always succeeds: only business answers are scripted.
      const answer: Scripted = request.url?.startsWith(
        '/jdyconnector/app_management/kingdee_auth_token',
      )
        ? {
            body: JSON.stringify({
              errcode: 0,
              description: '成功',
              data: { 'app-token': 'scripted-token', expires: Date.now() + 3_600_000 },
            }),
          }
        : script;
      response.writeHead(answer.status ?? 200, {
        'content-type': answer.contentType ?? 'application/json;charset=UTF-8',
      });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(run: () => Promise<unknown> | undefined): Promise<InvError> {
  const outcome = await Promise.resolve()
    .then(run)
    .then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
  if (!('error' in outcome)) {
    throw new Error(`expected a typed error, got ${JSON.stringify(outcome.value).slice(0, 300)}`);
  }
  expect(outcome.error).toBeInstanceOf(InvError);
  return outcome.error as InvError;
}

const HTML = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

// ---------------------------------------------------------------------------------- Kingdee

const kingdee = () =>
  createKingdeeProvider({
    clientId: KINGDEE.clientId,
    clientSecret: KINGDEE.clientSecret,
    appKey: KINGDEE.account.appKey,
    appSecret: KINGDEE.account.appSecret,
    domain: KINGDEE.account.domain,
    baseURL,
    retry: { retries: 0 },
    rateLimit: { limit: 1_000_000, intervalMs: 1000 },
  });

const SAMPLE_ROW = INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows[0] as Record<string, unknown>;
const ID = String(SAMPLE_ROW.id);

/** An inv_synchronous answer whose one row has `patch` applied (`undefined` removes a field). */
function invSynchronous(patch: Record<string, unknown>): string {
  const row: Record<string, unknown> = { ...SAMPLE_ROW, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete row[key];
  return JSON.stringify({ errcode: 0, description: 'success', data: { rows: [row] } });
}

/** Replaces the JSON text of `field` with raw text (for tokens JSON.stringify cannot write). */
function withRawField(field: string, raw: string): string {
  return invSynchronous({ [field]: '__RAW__' }).replace('"__RAW__"', raw);
}

function scmInventory(data: Record<string, unknown>): string {
  const row = {
    material_id: '1',
    stock_id: '2',
    sp_id: '0',
    aux_prop_id: '0',
    qty: '5',
    valid_qty: '4',
  };
  return JSON.stringify({
    errcode: 0,
    description: 'success',
    data: { count: '1', page: 1, page_size: 10, total_page: 1, rows: [row], ...data },
  });
}

async function byIds(): Promise<InventoryRecord[]> {
  return (await kingdee().inventory.byIds?.([ID]))?.records ?? [];
}

async function firstPage(): Promise<InventoryRecord[]> {
  for await (const page of kingdee().inventory.pages?.({ pageSize: 10 }) ?? []) return page.items;
  return [];
}

describe('kingdee client facing bad answers', () => {
  it('the scripted gateway serves a valid answer as a record (the baseline)', async () => {
    script = { body: invSynchronous({}) };
    const [record] = await byIds();
    expect(record?.key).toBe(ID);
    expect(record?.quantities.onHand).toBe(String(SAMPLE_ROW.qty));
  });

  it.each([
    ['an HTML error page with HTTP 200', { body: HTML, contentType: 'text/html' }, /an HTML page/],
    [
      'an HTML error page with HTTP 502',
      { status: 502, body: HTML, contentType: 'text/html' },
      /HTTP 502/,
    ],
    ['an empty body', { body: '' }, /empty body/],
    ['a body cut mid-row', { body: invSynchronous({}).slice(0, 80) }, /not valid JSON/],
    ['a raw NaN token', { body: withRawField('qty', 'NaN') }, /not valid JSON/],
  ])('%s is a retryable TransportError', async (_, answer, message) => {
    script = answer;
    const error = await failure(byIds);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['qty with a thousands separator', { qty: '1,234' }, 'data.rows.0.qty', /thousands separator/],
    ['qty "NaN"', { qty: 'NaN' }, 'data.rows.0.qty', /not a decimal/],
    ['qty "Infinity"', { qty: 'Infinity' }, 'data.rows.0.qty', /not a decimal/],
    ['qty ""', { qty: '' }, 'data.rows.0.qty', /empty/],
    ['qty true', { qty: true }, 'data.rows.0.qty', /number/],
    ['qty missing', { qty: undefined }, 'data.rows.0.qty', /number/],
    ['exp_valid_qty "abc"', { exp_valid_qty: 'abc' }, 'data.rows.0.exp_valid_qty', /not a decimal/],
    [
      'sal_lock_qty as an object',
      { sal_lock_qty: { value: 1 } },
      'data.rows.0.sal_lock_qty',
      /number/,
    ],
    ['id missing', { id: undefined }, 'data.rows.0.id', /./],
  ])('%s is a ResponseShapeError naming the field', async (_, patch, path, reason) => {
    script = { body: invSynchronous(patch) };
    const error = await failure(byIds);
    expect(error).toBeInstanceOf(ResponseShapeError);
    const issues = (error as ResponseShapeError).issues;
    expect(issues.map((issue) => issue.path)).toContain(path);
    expect(error.message).toContain(path);
    expect(issues.find((issue) => issue.path === path)?.message).toMatch(reason);
  });

  it('a quantity beyond float range (1e400) is refused, not read as Infinity', async () => {
    script = { body: withRawField('qty', '1e400') };
    const error = await failure(byIds);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error.message).toContain('data.rows.0.qty');
  });

  it.each([
    [
      'rows as a string',
      JSON.stringify({ errcode: 0, description: 'ok', data: { rows: 'x' } }),
      'data.rows',
    ],
    ['no data', JSON.stringify({ errcode: 0, description: 'ok' }), 'data'],
    [
      'errcode as text',
      JSON.stringify({ errcode: 'zero', description: 'ok', data: {} }),
      'errcode',
    ],
    ['an array for a body', '[]', '(root)'],
  ])('an envelope with %s is a ResponseShapeError naming it', async (_, body, path) => {
    script = { body };
    const error = await failure(byIds);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error.message).toContain(path);
  });

  it.each([
    ['count with a thousands separator', { count: '1,000' }, 'data.count'],
    ['count "NaN"', { count: 'NaN' }, 'data.count'],
    ['a negative count', { count: -1 }, 'data.count'],
    [
      'qty with a thousands separator',
      { rows: [{ material_id: '1', stock_id: '2', qty: '1,000' }] },
      'data.rows.0.qty',
    ],
    [
      'valid_qty NaN',
      { rows: [{ material_id: '1', stock_id: '2', qty: '1', valid_qty: 'NaN' }] },
      'data.rows.0.valid_qty',
    ],
  ])('scm/inventory: %s is a ResponseShapeError naming the field', async (_, data, path) => {
    script = { body: scmInventory(data) };
    const error = await failure(firstPage);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error.message).toContain(path);
  });

  it('negative quantities are kept exactly, sign included (never clamped to 0)', async () => {
    script = {
      body: invSynchronous({
        qty: -5,
        exp_valid_qty: '-2.50',
        sal_lock_qty: -1,
        sal_occupy_qty: 0,
        sal_pre_out_qty: '-0.5',
        tf_pre_out_qty: 0,
        other_pre_out_qty: 0,
      }),
    };
    const [record] = await byIds();
    expect(record?.quantities).toMatchObject({
      onHand: '-5',
      available: '-2.5',
      reserved: '-1',
      pendingOutbound: '-0.5',
    });
    script = {
      body: scmInventory({ rows: [{ material_id: '1', stock_id: '2', qty: '-3', valid_qty: -3 }] }),
    };
    const [row] = await firstPage();
    expect(row?.quantities).toMatchObject({ onHand: '-3', available: '-3' });
  });
});

// ------------------------------------------------------------------------------------ Winit

const winit = () =>
  createWinitProvider({
    appKey: 'demo@example.com',
    token: 'scripted-token-0123456789',
    baseURL,
    warehouseCode: 'US0001',
    warehouseCodes: ['US0001'],
    serviceTypes: ['2C'],
    grades: ['GOOD'],
    retry: { retries: 0 },
    rateLimit: { limit: 1_000_000, intervalMs: 1000 },
  });

const SAMPLE = WINIT_SAMPLE_RESPONSE as { data: { list: Record<string, unknown>[] } };
const WINIT_ROW = { ...SAMPLE.data.list[0], merchandiseCode: 'SKU1' } as Record<string, unknown>;

function winitAnswer(
  patch: Record<string, unknown>,
  envelope: Record<string, unknown> = {},
): string {
  const row: Record<string, unknown> = { ...WINIT_ROW, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete row[key];
  return JSON.stringify({
    code: '0',
    msg: '操作成功',
    data: { pageParams: { pageNo: 1, pageSize: 200, totalCount: 1 }, list: [row] },
    ...envelope,
  });
}

async function bySkus(): Promise<InventoryRecord[]> {
  return (await winit().inventory.bySkus?.(['SKU1']))?.records ?? [];
}

async function winitPage(): Promise<InventoryRecord[]> {
  for await (const page of winit().inventory.pages?.() ?? []) return page.items;
  return [];
}

describe('winit client facing bad answers', () => {
  it('the scripted gateway serves a valid answer as a record (the baseline)', async () => {
    script = { body: winitAnswer({}) };
    const [record] = await bySkus();
    expect(record?.item.sku).toBe('SKU1');
    expect(record?.quantities.frozen).toBe('22');
  });

  it.each([
    ['an HTML error page with HTTP 200', { body: HTML, contentType: 'text/html' }, /an HTML page/],
    [
      'an HTML error page with HTTP 503',
      { status: 503, body: HTML, contentType: 'text/html' },
      /HTTP 503/,
    ],
    ['an empty body', { body: '' }, /empty body/],
    ['a body cut mid-row', { body: winitAnswer({}).slice(0, 90) }, /not valid JSON/],
  ])('%s is a retryable TransportError', async (_, answer, message) => {
    script = answer;
    const error = await failure(bySkus);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(message);
  });

  it.each([
    [
      'inStockQty with a thousands separator',
      { inStockQty: '1,234' },
      'inStockQty',
      /thousands separator/,
    ],
    ['inStockQty "NaN"', { inStockQty: 'NaN' }, 'inStockQty', /not a decimal/],
    ['usableQty as an object', { usableQty: { n: 1 } }, 'usableQty', /number/],
    ['frozenQty true', { frozenQty: true }, 'frozenQty', /number/],
    ['merchandiseCode as a number', { merchandiseCode: 12 }, 'merchandiseCode', /string/],
  ])('%s is a ResponseShapeError naming the field and row', async (_, patch, path, reason) => {
    script = { body: winitAnswer(patch) };
    const error = await failure(bySkus);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error.message).toContain('list[0]');
    expect(error.message).toContain(path);
    expect((error as ResponseShapeError).issues.find((i) => i.path === path)?.message).toMatch(
      reason,
    );
  });

  it.each([
    ['no code', { code: undefined }, 'code'],
    ['list as a number', { data: { list: 7 } }, 'list'],
    [
      'totalCount as words',
      { data: { pageParams: { totalCount: 'many' }, list: [] } },
      'totalCount',
    ],
  ])('an envelope with %s is a ResponseShapeError naming it', async (_, envelope, path) => {
    const body = JSON.parse(winitAnswer({}, envelope)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(envelope)) if (value === undefined) delete body[key];
    script = { body: JSON.stringify(body) };
    const error = await failure(winitPage);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error.message).toContain(path);
  });

  it('a non-zero code is an error even when msg says success (msg never decides)', async () => {
    script = { body: JSON.stringify({ code: '2001', msg: '操作成功', data: '' }) };
    const error = await failure(bySkus);
    expect(error.code).toBe('INV_INVALID_REQUEST');
  });

  it('documented coercions: code 0 as a number is success, "" and null quantities are null', async () => {
    script = {
      body: winitAnswer({ inStockQty: '', usableQty: null }, { code: 0 }),
    };
    const [record] = await bySkus();
    expect(record?.quantities.onHand).toBeNull();
    expect(record?.quantities.available).toBeNull();
  });

  it('negative quantities are kept exactly, sign included (never clamped to 0)', async () => {
    script = { body: winitAnswer({ inStockQty: -3, usableQty: '-1.50', frozenQty: -2 }) };
    const [record] = await bySkus();
    expect(record?.quantities).toMatchObject({ onHand: '-3', available: '-1.5', frozen: '-2' });
  });
});
