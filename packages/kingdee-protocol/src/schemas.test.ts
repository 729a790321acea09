import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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
