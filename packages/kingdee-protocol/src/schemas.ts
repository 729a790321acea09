/**
 * Wire schemas of the Kingdee calls this package makes, built from the documented fields
 * (docs/protocols/kingdee.md §2, §6, §9 and seeds/kingdee-inv-synchronous.md). They are the single
 * source of truth for the TypeScript types and for the sandbox's OpenAPI document, so they only use
 * constructs JSON Schema can express (use `z.toJSONSchema(schema, { io: 'input' })`).
 * Unknown fields are kept (`z.looseObject`) and reach `InventoryRecord.raw`.
 */
import { optionalQuantitySchema, quantitySchema } from '@inv/core';
import { z } from 'zod';

/**
 * A JDY id. 19-digit snowflakes exceed 2^53 (§11.2): a string is kept as is; a JSON number is
 * accepted only while it is a safe integer. A larger one was already rounded by whoever parsed the
 * JSON, so it is refused rather than turned into another row's id (this package parses with
 * `parseJsonPreservingIntegers`, which keeps such digits as text).
 */
export const kingdeeIdSchema = z
  .union([z.string(), z.number()], { error: 'expected an id as a string of digits' })
  .transform((input, ctx) => {
    if (typeof input === 'string') return input;
    if (Number.isSafeInteger(input)) return String(input);
    ctx.addIssue({
      code: 'custom',
      input,
      message: `id ${input} arrived as a JSON number beyond 2^53 and was rounded by the JSON parser; parse with parseJsonPreservingIntegers or send ids as strings`,
    });
    return z.NEVER;
  });

/** Optional text: strings kept, numbers (safe ids) as text, `null`/absent → `null`. */
export const optionalTextSchema = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((input, ctx) => {
    if (input === undefined || input === null) return null;
    if (typeof input === 'string') return input;
    if (Number.isSafeInteger(input) || !Number.isInteger(input)) return String(input);
    ctx.addIssue({
      code: 'custom',
      input,
      message: `${input} arrived as a JSON number beyond 2^53 and lost digits; send it as a string`,
    });
    return z.NEVER;
  });

/** An integer that may arrive as a JSON number or as digits in a string (`count`, §9.2). */
export const integerLikeSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected digits')])
  .transform((input) => Number(input));

/** Gateway error body, answered with HTTP 519 (§6). The Chinese text's spelling is unverified. */
export const kingdeeGatewayErrorSchema = z.looseObject({
  errcode: z.union([z.number().int(), z.string()]),
  description: z.string().nullish(),
  descriptionCn: z.string().nullish(),
  description_cn: z.string().nullish(),
});
export type KingdeeGatewayError = z.infer<typeof kingdeeGatewayErrorSchema>;

/** The business envelope `{errcode, description, data}`; `errcode` 0 is success (§6). */
export const kingdeeEnvelopeSchema = z.looseObject({
  errcode: z.number().int(),
  description: z.string().nullish(),
  descriptionCn: z.string().nullish(),
  description_cn: z.string().nullish(),
  data: z.unknown().optional(),
});
export type KingdeeEnvelope = z.infer<typeof kingdeeEnvelopeSchema>;

// ---------------------------------------------------------------------------------------------
// Credentials (§2)

/** Query of `POST /jdyconnector/app_management/push_app_authorize` (step 1). */
export const pushAppAuthorizeQuerySchema = z.object({
  outerInstanceId: z.string().regex(/^\d+$/, 'outerInstanceId is the account instance id (digits)'),
});

/** One authorisation of step 1; camelCase keys (§2). */
export const appAuthorizationSchema = z.looseObject({
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  domain: z.string().min(1),
  /** 1 = active. */
  status: z.union([z.number(), z.string()]).optional(),
  outerInstanceId: optionalTextSchema,
  accountId: optionalTextSchema,
  accountName: optionalTextSchema,
  groupName: optionalTextSchema,
  serviceId: optionalTextSchema,
  tid: optionalTextSchema,
  /** Epoch milliseconds. */
  instanceExpiresTime: z.union([z.number(), z.string()]).nullish(),
});
export type AppAuthorization = z.infer<typeof appAuthorizationSchema>;

/**
 * Step 1's answer: `{errcode: 0, description, data: [...]}`, or `{code: 200, msg, data: [...]}` as
 * some clients observe (§2); both are accepted.
 */
export const pushAppAuthorizeResponseSchema = z.union([
  z.looseObject({
    errcode: z.literal(0),
    description: z.string().nullish(),
    data: z.array(appAuthorizationSchema),
  }),
  z.looseObject({
    code: z.literal(200),
    msg: z.string().nullish(),
    data: z.array(appAuthorizationSchema),
  }),
]);

/** Query of `GET /jdyconnector/app_management/kingdee_auth_token` (step 3). */
export const authTokenQuerySchema = z.object({
  app_key: z.string().min(1),
  app_signature: z.string().min(1),
  uid: z.string().optional(),
});

/** Step 3's `data`: the key is literally `app-token`; `expires` (epoch ms) may be absent (§2). */
export const authTokenDataSchema = z.looseObject({
  access_token: z.string().nullish(),
  'app-token': z.string().min(1),
  expires: z.union([z.number(), z.string().regex(/^\d+$/)]).nullish(),
  uid: z.union([z.number(), z.string()]).nullish(),
});
export type AuthTokenData = z.infer<typeof authTokenDataSchema>;

export const authTokenResponseSchema = z.looseObject({
  errcode: z.literal(0),
  description: z.string().nullish(),
  data: authTokenDataSchema,
});

// ---------------------------------------------------------------------------------------------
// GET /jdy/v2/inv/inv_synchronous (§9.1)

/** Query: `ids`, at most 100, as one array value (`[id1,id2]`, §4). */
export const invSynchronousQuerySchema = z.object({
  ids: z.string().optional(),
});

/** One row; the 41 documented fields. Quantities are JSON numbers on the wire (§11.2). */
export const invSynchronousRowSchema = z.looseObject({
  id: kingdeeIdSchema,
  material_id: optionalTextSchema,
  material_name: optionalTextSchema,
  material_number: optionalTextSchema,
  stock_id: optionalTextSchema,
  stock_name: optionalTextSchema,
  stock_number: optionalTextSchema,
  /** Bin (仓位). */
  sp_id: optionalTextSchema,
  sp_name: optionalTextSchema,
  sp_number: optionalTextSchema,
  aux_prop_id: optionalTextSchema,
  aux_prop_name: optionalTextSchema,
  /** Spelled `auxprop_number` in this row (sic). */
  auxprop_number: optionalTextSchema,
  batch_no: optionalTextSchema,
  /** Production date (placeholder text in the documented sample). */
  kf_date: optionalTextSchema,
  kf_period: optionalQuantitySchema,
  /** `1` days, `2` months, `3` years. */
  kf_type: optionalTextSchema,
  /** Expiry date. */
  valid_date: optionalTextSchema,
  qty: quantitySchema,
  aux_qty: optionalQuantitySchema,
  valid_aux_qty: optionalQuantitySchema,
  exp_valid_qty: optionalQuantitySchema,
  exp_valid_aux_qty: optionalQuantitySchema,
  sal_lock_qty: optionalQuantitySchema,
  sal_lock_aux_qty: optionalQuantitySchema,
  sal_occupy_qty: optionalQuantitySchema,
  sal_occupy_aux_qty: optionalQuantitySchema,
  sal_pre_out_qty: optionalQuantitySchema,
  sal_pre_out_aux_qty: optionalQuantitySchema,
  pur_pre_in_qty: optionalQuantitySchema,
  /** Spelled `pur_prein_aux_qty` (sic). */
  pur_prein_aux_qty: optionalQuantitySchema,
  pur_transit_qty: optionalQuantitySchema,
  pur_transit_aux_qty: optionalQuantitySchema,
  tf_pre_out_qty: optionalQuantitySchema,
  tf_pre_out_aux_qty: optionalQuantitySchema,
  tf_transit_qty: optionalQuantitySchema,
  tf_transit_aux_qty: optionalQuantitySchema,
  other_pre_in_qty: optionalQuantitySchema,
  other_pre_in_aux_qty: optionalQuantitySchema,
  other_pre_out_qty: optionalQuantitySchema,
  other_pre_out_aux_qty: optionalQuantitySchema,
});
export type InvSynchronousRow = z.infer<typeof invSynchronousRowSchema>;
export type InvSynchronousRowInput = z.input<typeof invSynchronousRowSchema>;

/** A documented field of an `inv_synchronous` row. */
export type InvSynchronousRowField = keyof typeof invSynchronousRowSchema.shape;

/** The 41 documented field names of an `inv_synchronous` row. */
export const INV_SYNCHRONOUS_ROW_FIELDS = Object.freeze(
  Object.keys(invSynchronousRowSchema.shape),
) as readonly InvSynchronousRowField[];

export const invSynchronousDataSchema = z.looseObject({
  rows: z.array(invSynchronousRowSchema),
});

export const invSynchronousResponseSchema = z.looseObject({
  errcode: z.literal(0),
  description: z.string().nullish(),
  data: invSynchronousDataSchema,
});
export type InvSynchronousResponse = z.infer<typeof invSynchronousResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /jdy/v2/scm/inventory (§9.2)

const dateTimeText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected yyyy-MM-dd HH:mm:ss');

/** Query of the paged inventory list. Arrays are one value in the configured form (§4). */
export const scmInventoryQuerySchema = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d*$/, 'page starts at 1')
    .optional(),
  page_size: z
    .string()
    .regex(/^[1-9]\d*$/, 'page_size is 1..100')
    .optional(),
  material_ids: z.string().optional(),
  material_numbers: z.string().optional(),
  stock_ids: z.string().optional(),
  stock_numbers: z.string().optional(),
  sp_ids: z.string().optional(),
  aux_prop_ids: z.string().optional(),
  modify_start_time: dateTimeText.optional(),
  modify_end_time: dateTimeText.optional(),
  create_start_time: dateTimeText.optional(),
  create_end_time: dateTimeText.optional(),
  include_batch_kf_period: z.enum(['true', 'false']).optional(),
});
export type ScmInventoryQuery = z.infer<typeof scmInventoryQuerySchema>;

/** One row of the list. It has no id; `qty` and `valid_qty` are strings on the wire (§9.2). */
export const scmInventoryRowSchema = z.looseObject({
  material_id: optionalTextSchema,
  material_name: optionalTextSchema,
  material_number: optionalTextSchema,
  material_model: optionalTextSchema,
  stock_id: optionalTextSchema,
  stock_name: optionalTextSchema,
  stock_number: optionalTextSchema,
  sp_id: optionalTextSchema,
  sp_name: optionalTextSchema,
  sp_number: optionalTextSchema,
  aux_prop_id: optionalTextSchema,
  aux_prop_name: optionalTextSchema,
  aux_prop_number: optionalTextSchema,
  batch_no: optionalTextSchema,
  kf_date: optionalTextSchema,
  kf_period: optionalQuantitySchema,
  kf_type: optionalTextSchema,
  valid_date: optionalTextSchema,
  qty: quantitySchema,
  valid_qty: optionalQuantitySchema,
});
export type ScmInventoryRow = z.infer<typeof scmInventoryRowSchema>;
export type ScmInventoryRowInput = z.input<typeof scmInventoryRowSchema>;

/** `data` of the list; `count` may be a string (§9.2). */
export const scmInventoryDataSchema = z.looseObject({
  count: integerLikeSchema,
  page: integerLikeSchema.optional(),
  page_size: integerLikeSchema.optional(),
  current_page_size: integerLikeSchema.optional(),
  total_page: integerLikeSchema,
  rows: z.array(scmInventoryRowSchema),
});
export type ScmInventoryData = z.infer<typeof scmInventoryDataSchema>;

export const scmInventoryResponseSchema = z.looseObject({
  errcode: z.literal(0),
  description: z.string().nullish(),
  data: scmInventoryDataSchema,
});
