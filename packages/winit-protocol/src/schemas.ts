import { optionalQuantitySchema } from '@inv/core';
import { z } from 'zod';

/**
 * Wire schemas for every Winit request and response used by `inv` (docs/protocols/winit.md §2, §6,
 * §10). They are the single source of truth for types and are exported so the sandbox validates
 * with them and builds OpenAPI from them (`z.toJSONSchema(schema, { io: 'input' })`). Response
 * schemas are loose: unknown members are kept (§6 "ignore unknown members").
 */

/** Action names of the operations `inv` implements (§10). */
export const WINIT_ACTIONS = Object.freeze({
  batchQuery: 'winit.inventory.type.batch.query',
  pageInv: 'winit.inventory.type.pageInv',
  queryWarehouse: 'queryWarehouse',
} as const);
export type WinitAction = (typeof WINIT_ACTIONS)[keyof typeof WINIT_ACTIONS];

/** Largest `merchandises` array of one batch.query (§10.1 [documented]). */
export const WINIT_MAX_BATCH_SIZE = 500;
/** Largest pageInv `pageSize` (§10.2 [assumed]). */
export const WINIT_MAX_PAGE_SIZE = 200;

const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** `yyyy-MM-dd HH:mm:ss`, no zone (§9). */
export const winitTimestampSchema = z
  .string()
  .regex(TIMESTAMP_PATTERN, { error: 'must be yyyy-MM-dd HH:mm:ss, e.g. 2024-01-01 12:00:00' });

/** Stock grade (库存管理分类 商品等级). */
export const merchandiseGradeSchema = z.enum(['GOOD', 'DEFECTIVE'], {
  error: 'must be GOOD or DEFECTIVE',
});
export type MerchandiseGrade = z.infer<typeof merchandiseGradeSchema>;

/** Service type of pageInv: `2B` or `2C` (§10.2). */
export const serviceTypeSchema = z.enum(['2B', '2C'], { error: 'must be 2B or 2C' });
export type ServiceType = z.infer<typeof serviceTypeSchema>;

/** Inventory management classifications that can be aggregated (§10.1). */
export const aggregateInvManagerTypeSchema = z.enum(
  ['SKU_CODE_THIRD', 'BATCH', 'MERCHANDISE_GRADE'],
  {
    error: 'must be SKU_CODE_THIRD, BATCH or MERCHANDISE_GRADE',
  },
);
export type AggregateInvManagerType = z.infer<typeof aggregateInvManagerTypeSchema>;

/** An enum member, or `""`/`null` meaning "not given" (pageInv: empty = default, §10.2). */
const orEmpty = <T extends z.ZodType>(schema: T, error: string) =>
  z.union([schema, z.literal('')], { error }).nullish();

/** `inventoryAttribute` of batch.query and pageInv (§10.1). The batch triple counts only when complete. */
export const inventoryAttributeSchema = z.looseObject({
  merchandiseGrade: orEmpty(merchandiseGradeSchema, 'must be GOOD, DEFECTIVE or empty'),
  skuCodeThird: z.string().max(30, { error: 'must be at most 30 characters' }).nullish(),
  batchManagerType: z.string().nullish(),
  batchDate: z.string().max(20, { error: 'must be at most 20 characters' }).nullish(),
  packingBatchNo: z.string().max(50, { error: 'must be at most 50 characters' }).nullish(),
  organization: z.string().nullish(),
});
export type InventoryAttribute = z.infer<typeof inventoryAttributeSchema>;

/** One merchandise of batch.query: code + optional specification identify a product (§10.1). */
export const merchandiseSchema = z.object({
  merchandiseCode: z
    .string({ error: 'is required: the merchant SKU (String(100))' })
    .trim()
    .min(1, { error: 'is required: the merchant SKU (String(100))' })
    .max(100, { error: 'must be at most 100 characters' }),
  specification: z.string().max(40, { error: 'must be at most 40 characters' }).nullish(),
});
export type Merchandise = z.input<typeof merchandiseSchema>;

/** `data` of `winit.inventory.type.batch.query` (§10.1). */
export const batchQueryDataSchema = z.object({
  warehouseCode: z
    .string({ error: 'is required: the warehouse code, e.g. US0001 (String(20))' })
    .trim()
    .min(1, { error: 'is required: the warehouse code, e.g. US0001 (String(20))' })
    .max(20, { error: 'must be at most 20 characters' }),
  merchandises: z
    .array(merchandiseSchema, { error: 'is required: an array of 1 to 500 merchandises' })
    .min(1, { error: 'must hold at least 1 merchandise (1 to 500)' })
    .max(WINIT_MAX_BATCH_SIZE, { error: 'must hold at most 500 merchandises (1 to 500)' }),
  inventoryAttribute: inventoryAttributeSchema.nullish(),
  aggregateInvManagerTypes: z.array(aggregateInvManagerTypeSchema).nullish(),
});
export type BatchQueryData = z.input<typeof batchQueryDataSchema>;

/** A non-negative integer sent as a number or as digits (clients differ, §11.3). */
const wireIntSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/)], { error: 'must be an integer' })
  .transform(Number);

/** `pageVo` of pageInv: defaults 1 and 10; `pageSize` at most 200 [assumed] (§10.2). */
export const pageVoSchema = z.looseObject({
  pageNo: wireIntSchema
    .pipe(z.number().min(1, { error: 'must be 1 or more (pages start at 1)' }))
    .nullish(),
  pageSize: wireIntSchema
    .pipe(
      z
        .number()
        .min(1, { error: 'must be 1 or more' })
        .max(WINIT_MAX_PAGE_SIZE, { error: 'must be at most 200' }),
    )
    .nullish(),
});

/** `data` of `winit.inventory.type.pageInv` (§10.2). Every member is optional. */
export const pageInvDataSchema = z.looseObject({
  warehouseCodes: z.string().nullish(),
  warehouseCode: z.string().nullish(),
  serviceType: orEmpty(serviceTypeSchema, 'must be 2B, 2C or empty (empty = 2C)'),
  merchandiseGrade: orEmpty(merchandiseGradeSchema, 'must be GOOD, DEFECTIVE or empty'),
  merchandiseCode: z.string().nullish(),
  merchandiseSerno: z.string().nullish(),
  specification: z.string().nullish(),
  provideChannel: z.string().nullish(),
  salesChannel: z.string().nullish(),
  organization: z.string().nullish(),
  startTime: orEmpty(winitTimestampSchema, 'must be yyyy-MM-dd HH:mm:ss, e.g. 2024-01-01 12:00:00'),
  endTime: orEmpty(winitTimestampSchema, 'must be yyyy-MM-dd HH:mm:ss, e.g. 2024-01-01 12:00:00'),
  inventoryAttribute: inventoryAttributeSchema.nullish(),
  aggregateInvManagerTypes: z.array(aggregateInvManagerTypeSchema).nullish(),
  pageVo: pageVoSchema.nullish(),
});
export type PageInvData = z.input<typeof pageInvDataSchema>;

/** The request envelope as sent (§2): every value a string; `data` an object or `""`. */
export const winitRequestEnvelopeSchema = z.object({
  action: z.string().min(1),
  app_key: z.string().min(1),
  client_id: z.string().optional(),
  client_sign: z
    .string()
    .regex(/^[0-9A-F]{32}$/)
    .optional(),
  data: z.union([z.record(z.string(), z.unknown()), z.string(), z.null()]).optional(),
  format: z.literal('json'),
  language: z.string().optional(),
  platform: z.string().optional(),
  sign: z.string().regex(/^[0-9A-F]{32}$/, { error: 'must be 32 uppercase hex digits' }),
  sign_method: z.literal('md5'),
  timestamp: winitTimestampSchema,
  version: z.literal('1.0'),
});
export type WinitRequestEnvelope = z.infer<typeof winitRequestEnvelopeSchema>;

/** Every response: `{code, msg, data}`; `code` a string, numeric on legacy endpoints (§6). */
export const winitResponseEnvelopeSchema = z.looseObject({
  code: z.union([z.string(), z.number()], { error: 'expected the response code' }),
  msg: z.string().nullish(),
  data: z.unknown(),
});
export type WinitResponseEnvelope = z.infer<typeof winitResponseEnvelopeSchema>;

const textish = z
  .union([z.string(), z.number()])
  .transform((value) => String(value))
  .nullish();

/**
 * One inventory row of batch.query / pageInv (§10.1, §10.2), with the spelling variants of §11.3.
 * Quantities accept numbers and numeric strings in one row; `""`/`null` mean absent (§11.1).
 * `version` (21 digits, beyond 2^53) is kept as text (§11.2).
 */
export const inventoryRowSchema = z.looseObject({
  version: textish,
  merchandiseSerno: textish,
  merchandiseCode: z.string().nullish(),
  merchandiseName: z.string().nullish(),
  specification: z.string().nullish(),
  warehouseCode: z.string().nullish(),
  warehouseCodes: z.string().nullish(),
  warehouseID: textish,
  warehouseId: textish,
  warehouseName: z.string().nullish(),
  isActive: z.string().nullish(),
  serviceType: z.string().nullish(),
  merchandiseGrade: z.string().nullish(),
  organization: z.string().nullish(),
  skuCodeThird: z.string().nullish(),
  batchManagerType: z.string().nullish(),
  batchDate: z.string().nullish(),
  packingBatchNo: z.string().nullish(),
  unit: z.string().nullish(),
  provideChannel: z.string().nullish(),
  salesChannel: z.string().nullish(),
  inStockQty: optionalQuantitySchema,
  usableQty: optionalQuantitySchema,
  qtyAvailable: optionalQuantitySchema,
  frozenQty: optionalQuantitySchema,
  qtyFrozen: optionalQuantitySchema,
  onOrderQty: optionalQuantitySchema,
  inboundQty: optionalQuantitySchema,
  prohibitUsableQty: optionalQuantitySchema,
  waitingOutboundQty: optionalQuantitySchema,
  qtyWaitOut: optionalQuantitySchema,
  lostConfirmingQty: optionalQuantitySchema,
  outboundQty: optionalQuantitySchema,
  isProhibitOutbound: z.string().nullish(),
  isprohibitoutbound: z.string().nullish(),
  firstShelvesDate: z.string().nullish(),
});
export type WinitInventoryRow = z.infer<typeof inventoryRowSchema>;

const countSchema = z
  .union([z.number().int().min(0), z.string().regex(/^\d+$/)], {
    error: 'expected a non-negative integer',
  })
  .transform(Number);

/** `pageParams` of batch.query/pageInv; `pageNum` is the other spelling (§11.3). */
export const pageParamsSchema = z.looseObject({
  pageNo: countSchema.nullish(),
  pageNum: countSchema.nullish(),
  pageSize: countSchema.nullish(),
  totalCount: countSchema.nullish(),
});

/**
 * `data` of a paged answer in any of the three paging shapes (§11.3): `pageParams {pageNo,
 * pageSize, totalCount}`, flat `currentPageNum/currentPageSize/total`, or `page {StartRow, NumRows,
 * TotalRows}`. `list` may be an array, a single row, or absent. Use {@link readPagedData}.
 */
export const pagedDataSchema = z.looseObject({
  pageParams: pageParamsSchema.nullish(),
  currentPageNum: countSchema.nullish(),
  currentPageSize: countSchema.nullish(),
  total: countSchema.nullish(),
  page: z
    .looseObject({
      StartRow: countSchema.nullish(),
      NumRows: countSchema.nullish(),
      TotalRows: countSchema.nullish(),
    })
    .nullish(),
  list: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown()), z.null()]).optional(),
});
export type PagedData = z.infer<typeof pagedDataSchema>;

/** Paging of one answer, whatever its shape; members the answer lacks are `undefined`. */
export interface Paging {
  pageNo: number | undefined;
  pageSize: number | undefined;
  totalCount: number | undefined;
}

/** Reads the paging members and the row list out of any of the three paging shapes (§11.3). */
export function readPagedData(data: PagedData): { paging: Paging; list: unknown[] } {
  const params = data.pageParams;
  const page = data.page;
  const pageSize = params?.pageSize ?? data.currentPageSize ?? page?.NumRows ?? undefined;
  const startRow = page?.StartRow ?? undefined;
  const pageNo =
    params?.pageNo ??
    params?.pageNum ??
    data.currentPageNum ??
    (startRow !== undefined && pageSize ? Math.floor(startRow / pageSize) + 1 : undefined);
  const totalCount = params?.totalCount ?? data.total ?? page?.TotalRows ?? undefined;
  const list = data.list === undefined || data.list === null ? [] : data.list;
  return {
    paging: { pageNo, pageSize, totalCount },
    list: Array.isArray(list) ? list : [list],
  };
}

/** One warehouse of `queryWarehouse` (§10.3); `warehouseId` is the other spelling (§11.3). */
export const warehouseSchema = z.looseObject({
  warehouseID: textish,
  warehouseId: textish,
  warehouseCode: z.string({ error: 'expected the warehouse code' }),
  warehouseName: z.string().nullish(),
  warehouseAddress: z.string().nullish(),
});
export type WinitWarehouseRow = z.infer<typeof warehouseSchema>;

/** `data` of `queryWarehouse`: an array of warehouses (a single object tolerated). */
export const queryWarehouseDataSchema = z.union([
  z.array(warehouseSchema),
  warehouseSchema.transform((row) => [row]),
]);
