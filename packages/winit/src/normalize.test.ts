import { inventoryRecordSchema } from '@inv/core';
import {
  inventoryRowSchema,
  pagedDataSchema,
  readPagedData,
  WINIT_SAMPLE_RESPONSE,
} from '@inv/winit-protocol';
import { describe, expect, it } from 'vitest';
import { positionKey, toInventoryRecord } from './normalize.js';

const parseRow = (raw: Record<string, unknown>) =>
  toInventoryRecord(inventoryRowSchema.parse(raw), raw);

describe('toInventoryRecord', () => {
  it('normalizes the documented sample row (mixed string/number quantities)', () => {
    const data = (WINIT_SAMPLE_RESPONSE as { data: unknown }).data;
    const { list, paging } = readPagedData(pagedDataSchema.parse(data));
    expect(paging).toEqual({ pageNo: 1, pageSize: 1, totalCount: 1 });
    const record = parseRow(list[0] as Record<string, unknown>);
    expect(inventoryRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      provider: 'winit',
      warehouse: { code: 'US0001', id: null, name: null },
      item: { sku: '', id: '0', variant: null },
      grade: 'GOOD',
      quantities: { onHand: '0', available: '0', frozen: '22', inboundInTransit: null },
      version: null,
    });
    expect(record.raw).toBe(list[0]);
  });

  it('maps every documented quantity and keeps unknown fields in raw', () => {
    const raw = {
      version: '202310251358351230001',
      merchandiseSerno: 'M123',
      merchandiseCode: 'SKU001',
      merchandiseName: '杯子',
      specification: 'red',
      warehouseCode: 'US0001',
      warehouseID: 1000001,
      merchandiseGrade: 'DEFECTIVE',
      serviceType: '2B',
      skuCodeThird: 'AS001',
      inStockQty: 10,
      usableQty: '6',
      frozenQty: '4',
      onOrderQty: 3,
      waitingOutboundQty: '2',
      prohibitUsableQty: '',
      batchManagerType: 'PD',
      batchDate: '20230101',
      packingBatchNo: 'LOT001',
      somethingNew: { a: 1 },
    };
    const record = parseRow(raw);
    expect(record).toMatchObject({
      warehouse: { id: '1000001', code: 'US0001' },
      item: { sku: 'SKU001', id: 'M123', name: '杯子', variant: { code: 'red' } },
      grade: 'DEFECTIVE',
      batch: { lot: 'LOT001', productionDate: '2023-01-01' },
      quantities: {
        onHand: '10',
        available: '6',
        frozen: '4',
        inboundInTransit: '3',
        pendingOutbound: '2',
        reserved: null,
      },
      version: '202310251358351230001',
    });
    expect(record.raw.somethingNew).toEqual({ a: 1 });
  });

  it('tolerates the other spellings (§11.3)', () => {
    const record = parseRow({
      warehouseCode: 'DE0001',
      warehouseId: '7',
      merchandiseCode: 'A',
      qtyAvailable: '5',
      isprohibitoutbound: 'N',
    });
    expect(record.warehouse.id).toBe('7');
    expect(record.quantities.available).toBe('5');
  });

  it('refuses a non-numeric quantity naming the field', () => {
    const result = inventoryRowSchema.safeParse({ usableQty: 'lots' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['usableQty']);
  });

  it('keys positions by every classification, null and "" specifications alike', () => {
    const base = { warehouseCode: 'US0001', merchandiseCode: 'SKU|1', merchandiseGrade: 'GOOD' };
    const a = positionKey(inventoryRowSchema.parse({ ...base, specification: null }));
    const b = positionKey(inventoryRowSchema.parse({ ...base, specification: '' }));
    const c = positionKey(inventoryRowSchema.parse({ ...base, merchandiseGrade: 'DEFECTIVE' }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a.split('|')[1]).toBe('SKU%7C1');
  });
});
