import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WINIT_SAMPLE_REQUEST_ATTRIBUTES } from './samples.js';
import {
  batchQueryDataSchema,
  inventoryRowSchema,
  pagedDataSchema,
  pageInvDataSchema,
  queryWarehouseDataSchema,
  readPagedData,
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

describe('readPagedData (three paging shapes, §11.3)', () => {
  it('reads pageParams, flat and StartRow shapes, and a single-object list', () => {
    expect(
      readPagedData(
        pagedDataSchema.parse({ pageParams: { pageNum: '2', pageSize: 10, totalCount: '25' } }),
      ),
    ).toEqual({ paging: { pageNo: 2, pageSize: 10, totalCount: 25 }, list: [] });
    expect(
      readPagedData(
        pagedDataSchema.parse({
          currentPageNum: 3,
          currentPageSize: 20,
          total: 41,
          list: { a: 1 },
        }),
      ),
    ).toEqual({ paging: { pageNo: 3, pageSize: 20, totalCount: 41 }, list: [{ a: 1 }] });
    expect(
      readPagedData(
        pagedDataSchema.parse({ page: { StartRow: 20, NumRows: 10, TotalRows: 35 }, list: [] }),
      ).paging,
    ).toEqual({ pageNo: 3, pageSize: 10, totalCount: 35 });
  });
});
