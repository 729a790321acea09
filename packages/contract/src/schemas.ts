import { invSynchronousResponseSchema, scmInventoryResponseSchema } from '@inv/kingdee-protocol';
import {
  inventoryRowSchema,
  pagedDataSchema,
  queryWarehouseDataSchema,
  winitResponseEnvelopeSchema,
} from '@inv/winit-protocol';
import { z } from 'zod';

/**
 * Whole-body schemas of the answers the contract checks, taken from (or composed of) the providers'
 * own schemas, so a parse failure or a drift names the full field path (`data.list.0.usableQty`).
 */
export const contractSchemas = {
  /** `GET /jdy/v2/inv/inv_synchronous` (docs/protocols/kingdee.md §9.1). */
  kingdeeInvSynchronous: invSynchronousResponseSchema,
  /** `GET /jdy/v2/scm/inventory` (§9.2). */
  kingdeeScmInventory: scmInventoryResponseSchema,
  /** `winit.inventory.type.pageInv` and `batch.query` answers (docs/protocols/winit.md §10.1, §10.2). */
  winitInventoryPage: winitResponseEnvelopeSchema.extend({
    // `list` may be one row instead of an array (docs/protocols/winit.md §11.3), as `readPagedData` accepts.
    data: pagedDataSchema.extend({
      list: z.union([z.array(inventoryRowSchema), inventoryRowSchema, z.null()]).optional(),
    }),
  }),
  /** `queryWarehouse` (§10.3). */
  winitWarehouses: winitResponseEnvelopeSchema.extend({ data: queryWarehouseDataSchema }),
} as const;
