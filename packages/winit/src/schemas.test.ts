import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WINIT_SAMPLE_REQUEST_ATTRIBUTES } from './samples.js';
import {
  batchQueryDataSchema,
  inventoryRowSchema,
  pagedDataSchema,
  pageInvDataSchema,
  queryWarehouseDataSchema,
  winitRequestEnvelopeSchema,
  winitResponseEnvelopeSchema,
} from './schemas.js';

describe('wire schemas', () => {
  it.each([
    ['batchQueryDataSchema', batchQueryDataSchema],
    ['pageInvDataSchema', pageInvDataSchema],
    ['winitRequestEnvelopeSchema', winitRequestEnvelopeSchema],
    ['winitResponseEnvelopeSchema', winitResponseEnvelopeSchema],
    ['inventoryRowSchema', inventoryRowSchema],
    ['pagedDataSchema', pagedDataSchema],
    ['queryWarehouseDataSchema', queryWarehouseDataSchema],
  ] as const)('%s is representable in JSON Schema (for OpenAPI)', (_name, schema) => {
    const json = z.toJSONSchema(schema, { io: 'input' });
    expect(json).toHaveProperty('$schema');
  });

  it('accepts the documented pageInv request data', () => {
    expect(pageInvDataSchema.safeParse(WINIT_SAMPLE_REQUEST_ATTRIBUTES.data).success).toBe(true);
  });

  it('accepts pageVo numbers sent as digits, and refuses a page size above 200', () => {
    expect(pageInvDataSchema.parse({ pageVo: { pageNo: '2', pageSize: '50' } }).pageVo).toEqual({
      pageNo: 2,
      pageSize: 50,
    });
    const result = pageInvDataSchema.safeParse({ pageVo: { pageSize: 201 } });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['pageVo', 'pageSize'],
      message: 'must be at most 200',
    });
  });

  it('requires 1 to 500 merchandises, each with a code', () => {
    const one = { warehouseCode: 'US0001', merchandises: [{ merchandiseCode: 'A' }] };
    expect(batchQueryDataSchema.safeParse(one).success).toBe(true);
    expect(batchQueryDataSchema.safeParse({ ...one, merchandises: [] }).success).toBe(false);
    const many = Array.from({ length: 501 }, () => ({ merchandiseCode: 'A' }));
    expect(batchQueryDataSchema.safeParse({ ...one, merchandises: many }).success).toBe(false);
    expect(
      batchQueryDataSchema.safeParse({ ...one, merchandises: [{ merchandiseCode: ' ' }] }).success,
    ).toBe(false);
  });
});
