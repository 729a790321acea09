import { type InventoryRecord, parseShape } from '@inv/core';
import { toInventoryRecord } from './normalize.js';
import { inventoryRowParser } from './row-parser.js';

/** The rows of a batch.query or pageInv list as records; a row of the wrong shape names its index. */
export function toRecords(list: unknown[], operation: string): InventoryRecord[] {
  return list.map((raw, index) => {
    // The fast path first: a page holds up to thousands of rows, and naming a row's index is only
    // needed for the one that fails (parseShape then gives zod's own error). parseKnown: the
    // record reads the documented fields and keeps the row whole in `raw`, so the row's other
    // members need no copy.
    const row =
      inventoryRowParser.parseKnown(raw) ??
      parseShape(inventoryRowParser, raw, 'winit', `${operation} list[${index}]`);
    return toInventoryRecord(row, raw as Record<string, unknown>);
  });
}
