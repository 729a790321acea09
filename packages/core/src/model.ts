import { z } from 'zod';
import { type Decimal, parseDecimal } from './decimal.js';

/**
 * A quantity as it arrives from a provider: a JSON number or a numeric string, possibly both in
 * one row. Parsed into a canonical exact decimal string; anything else is a validation issue that
 * names the field, never a silent `NaN` or `0`.
 */
export const quantitySchema: z.ZodType<Decimal, number | string> = z
  .union([z.number(), z.string()], { error: 'expected a number or a numeric string' })
  .transform((input, ctx) => {
    const result = parseDecimal(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.reason, input });
    return z.NEVER;
  });

/**
 * Like {@link quantitySchema} but `null`, absent and `""` mean "the provider did not say" and
 * become `null` (Winit sends `""` for absent quantities, see docs/protocols/winit.md §11.1).
 */
export const optionalQuantitySchema: z.ZodType<Decimal | null, number | string | null | undefined> =
  z
    .union([z.number(), z.string(), z.null()], {
      error: 'expected a number, a numeric string or null',
    })
    .optional()
    .transform((input, ctx) => {
      if (input === null || input === undefined || input === '') return null;
      const result = parseDecimal(input);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.reason, input });
      return z.NEVER;
    });

/** A decimal as it appears in a normalized record. */
export const decimalSchema: z.ZodType<Decimal> = z
  .string()
  .regex(/^-?\d+(\.\d*[1-9])?$/, 'expected a canonical decimal string');

/**
 * Normalized quantities. Every member is an exact decimal string, or `null` when the provider
 * does not report that figure (never invented as `"0"`).
 */
export const quantitiesSchema = z.object({
  /** Physically in the warehouse (Kingdee `qty`, Winit `inStockQty`). */
  onHand: decimalSchema.nullable(),
  /** Free to sell or allocate now. */
  available: decimalSchema.nullable(),
  /** Locked or occupied by orders but still on hand. */
  reserved: decimalSchema.nullable(),
  /** Blocked for quality, loss, destruction or tax reasons. */
  frozen: decimalSchema.nullable(),
  /** Expected inbound: purchase and transfer in transit, awaiting receipt. */
  inboundInTransit: decimalSchema.nullable(),
  /** Waiting to leave: sales, transfers and other outbound documents not yet shipped. */
  pendingOutbound: decimalSchema.nullable(),
});
export type Quantities = z.infer<typeof quantitiesSchema>;

export const shelfLifeUnitSchema = z.enum(['day', 'month', 'year']);
export type ShelfLifeUnit = z.infer<typeof shelfLifeUnitSchema>;

/** Where the stock is: a warehouse and, when the provider manages bins, a location inside it. */
export const warehouseRefSchema = z.object({
  id: z.string().nullable(),
  code: z.string().nullable(),
  name: z.string().nullable(),
});
export type WarehouseRef = z.infer<typeof warehouseRefSchema>;

/** The stock-keeping unit, with its variant (Kingdee auxiliary property, Winit specification). */
export const itemRefSchema = z.object({
  /** The merchant's SKU / material number: the key that joins providers together. */
  sku: z.string(),
  id: z.string().nullable(),
  name: z.string().nullable(),
  variant: z
    .object({ id: z.string().nullable(), code: z.string().nullable(), name: z.string().nullable() })
    .nullable(),
});
export type ItemRef = z.infer<typeof itemRefSchema>;

/** Batch or lot information. Dates are kept as the provider's text; `*Date` fields are ISO when parseable. */
export const batchSchema = z.object({
  lot: z.string().nullable(),
  productionDate: z.string().nullable(),
  expiryDate: z.string().nullable(),
  shelfLife: z.object({ value: decimalSchema, unit: shelfLifeUnitSchema.nullable() }).nullable(),
});
export type Batch = z.infer<typeof batchSchema>;

/** One normalized inventory position: an item, in a place, optionally in a batch, with its quantities. */
export const inventoryRecordSchema = z.object({
  /** Provider id, e.g. `kingdee` or `winit`. */
  provider: z.string(),
  /** Stable key of this position within the provider (row id, or a composite key). */
  key: z.string(),
  warehouse: warehouseRefSchema,
  location: warehouseRefSchema.nullable(),
  item: itemRefSchema,
  batch: batchSchema.nullable(),
  /** Stock grade / quality class when the provider has one (Winit `GOOD`/`DEFECTIVE`). */
  grade: z.string().nullable(),
  quantities: quantitiesSchema,
  /** Provider's change marker (Winit row `version`), compared as text. */
  version: z.string().nullable(),
  /** The untouched provider row, including fields `inv` does not know. */
  raw: z.record(z.string(), z.unknown()),
});
export type InventoryRecord = z.infer<typeof inventoryRecordSchema>;

/** Shorthand used by provider normalizers: every quantity absent. */
export const EMPTY_QUANTITIES: Quantities = Object.freeze({
  onHand: null,
  available: null,
  reserved: null,
  frozen: null,
  inboundInTransit: null,
  pendingOutbound: null,
});
