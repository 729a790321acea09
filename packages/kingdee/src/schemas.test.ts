import {
  AuthError,
  ConfigError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
  SignatureError,
  TokenExpiredError,
  UnsupportedError,
} from '@inv/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KINGDEE_ERROR_TABLE, kingdeeError, needsTokenRefresh } from './errors.js';
import { INV_SYNCHRONOUS_RESPONSE_SAMPLE } from './samples.js';
import {
  INV_SYNCHRONOUS_ROW_FIELDS,
  invSynchronousQuerySchema,
  invSynchronousResponseSchema,
  kingdeeIdSchema,
  scmInventoryDataSchema,
  scmInventoryQuerySchema,
  scmInventoryResponseSchema,
} from './schemas.js';

describe('wire schemas', () => {
  it('cover the 41 documented inv_synchronous fields, exactly those of the sample', () => {
    expect(INV_SYNCHRONOUS_ROW_FIELDS).toHaveLength(41);
    const sampleRow = INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows[0] as Record<string, unknown>;
    expect([...INV_SYNCHRONOUS_ROW_FIELDS].sort()).toEqual(Object.keys(sampleRow).sort());
  });

  it('parse the documented sample and keep unknown fields', () => {
    const parsed = invSynchronousResponseSchema.parse({
      ...INV_SYNCHRONOUS_RESPONSE_SAMPLE,
      data: { rows: [{ ...INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows[0], extra_field: 'kept' }] },
    });
    expect(parsed.data.rows[0]).toMatchObject({
      id: '2',
      qty: '1',
      kf_period: '12',
      extra_field: 'kept',
    });
  });

  it('accept count and quantities as strings, and refuse a rounded id', () => {
    expect(
      scmInventoryDataSchema.parse({
        count: '7',
        total_page: 1,
        rows: [{ qty: '1.50', valid_qty: 1 }],
      }),
    ).toMatchObject({
      count: 7,
      rows: [{ qty: '1.5', valid_qty: '1' }],
    });
    expect(kingdeeIdSchema.safeParse(123).data).toBe('123');
    const rounded = kingdeeIdSchema.safeParse(1700000000000000000);
    expect(rounded.success).toBe(false);
    expect(rounded.error?.issues[0]?.message).toContain('beyond 2^53');
  });

  it('are representable in JSON Schema for the sandbox OpenAPI document', () => {
    for (const schema of [
      invSynchronousQuerySchema,
      invSynchronousResponseSchema,
      scmInventoryQuerySchema,
      scmInventoryResponseSchema,
    ]) {
      expect(() => z.toJSONSchema(schema, { io: 'input' })).not.toThrow();
    }
  });
});

describe('error table (§7)', () => {
  const cases: [string, new (...args: never[]) => Error][] = [
    ['429', RateLimitedError],
    ['5006', RateLimitedError],
    ['5007', RateLimitedError],
    ['4001', AuthError],
    ['4003', AuthError],
    ['4006', AuthError],
    ['4007', AuthError],
    ['4008', SignatureError],
    ['4011', TokenExpiredError],
    ['1000202001', TokenExpiredError],
    ['1030002006', AuthError],
    ['2000001000', InvalidRequestError],
    ['5001', UnsupportedError],
    ['5002', UnsupportedError],
    ['5003', ConfigError],
    ['2000002000', ProviderError],
    ['999', ProviderError],
  ];
  it.each(cases)('%s → %o', (code, type) => {
    const error = kingdeeError({
      errcode: Number(code),
      description: 'd',
      descriptionCn: '中文',
      status: 519,
    });
    expect(error).toBeInstanceOf(type);
    expect(error.details).toMatchObject({ errcode: code, description: 'd', descriptionCn: '中文' });
    expect(error.provider).toBe('kingdee');
  });

  it('marks rate limits retryable and the token codes for one refresh', () => {
    for (const code of ['429', '5006', '5007'])
      expect(kingdeeError({ errcode: code, status: 200 }).retryable).toBe(true);
    for (const code of ['4011', '1000202001', '1030002006'])
      expect(needsTokenRefresh(kingdeeError({ errcode: code, status: 200 }))).toBe(true);
    expect(needsTokenRefresh(kingdeeError({ errcode: '4008', status: 519 }))).toBe(false);
    expect(Object.keys(KINGDEE_ERROR_TABLE)).toEqual(
      expect.arrayContaining(['4004', '4005', '4009', '4010', '4012', '5000', '5004', '5005']),
    );
  });
});
