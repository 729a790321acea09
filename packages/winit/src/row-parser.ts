import { createFastObjectParser, type FastRowParser } from '@inv/core';
import { inventoryRowSchema, type WinitInventoryRow } from '@inv/winit-protocol';

/**
 * Parses one inventory row of batch.query / pageInv exactly as {@link inventoryRowSchema} does,
 * without zod's per-field machinery for the values Winit actually sends (a pageInv sync validates
 * every row of every page; zod alone cost ~3× `JSON.parse` of the answer). Anything else is left
 * to the schema, so errors name the field as before. The kinds are checked against the schema when
 * this module loads: a field added to the schema without a kind here throws.
 */
export const inventoryRowParser: FastRowParser<WinitInventoryRow> = createFastObjectParser(
  inventoryRowSchema,
  {
    version: 'textish',
    merchandiseSerno: 'textish',
    merchandiseCode: 'text',
    merchandiseName: 'text',
    specification: 'text',
    warehouseCode: 'text',
    warehouseCodes: 'text',
    warehouseID: 'textish',
    warehouseId: 'textish',
    warehouseName: 'text',
    isActive: 'text',
    serviceType: 'text',
    merchandiseGrade: 'text',
    organization: 'text',
    skuCodeThird: 'text',
    batchManagerType: 'text',
    batchDate: 'text',
    packingBatchNo: 'text',
    unit: 'text',
    provideChannel: 'text',
    salesChannel: 'text',
    inStockQty: 'optionalQuantity',
    usableQty: 'optionalQuantity',
    qtyAvailable: 'optionalQuantity',
    frozenQty: 'optionalQuantity',
    qtyFrozen: 'optionalQuantity',
    onOrderQty: 'optionalQuantity',
    inboundQty: 'optionalQuantity',
    prohibitUsableQty: 'optionalQuantity',
    waitingOutboundQty: 'optionalQuantity',
    qtyWaitOut: 'optionalQuantity',
    lostConfirmingQty: 'optionalQuantity',
    outboundQty: 'optionalQuantity',
    isProhibitOutbound: 'text',
    isprohibitoutbound: 'text',
    firstShelvesDate: 'text',
  },
);
