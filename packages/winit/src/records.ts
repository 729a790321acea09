import { type InventoryRecord, parseShape } from '@inv/core';
import { toInventoryRecord } from './normalize.js';
import { inventoryRowParser } from './row-parser.js';

/** The rows of a batch.query or pageInv list as records; a row of the wrong shape names its index. */
export function toRecords(list: unknown[], operation: string): InventoryRecord[] {
  return list.map((raw, index) => {
    const row = parseShape(inventoryRowParser, raw, 'winit', `${operation} list[${index}]`);
    return toInventoryRecord(row, raw as Record<string, unknown>);
  });
}
