import { createFastObjectParser, type FastObjectParser } from '@inv/core';
import {
  type InvSynchronousResponse,
  type InvSynchronousRow,
  invSynchronousResponseSchema,
  invSynchronousRowSchema,
  type ScmInventoryRow,
  scmInventoryResponseSchema,
  scmInventoryRowSchema,
} from '@inv/kingdee-protocol';
import { z } from 'zod';

/**
 * Fast parsers of the inventory rows and answers. zod's per-field machinery cost several times
 * `JSON.parse` on large answers (an `inv_synchronous` row has 41 fields, 23 of them quantities);
 * these read the values JDY actually sends with a `typeof` check per field and leave anything
 * else to the schemas, so results and errors are the schemas' own. The kinds are checked against
 * the schemas when this module loads: a field added to a schema without a kind here throws.
 */

/** One `inv_synchronous` row, exactly as {@link invSynchronousRowSchema} parses it. */
export const invSynchronousRowParser: FastObjectParser<InvSynchronousRow> = createFastObjectParser(
  invSynchronousRowSchema,
  {
    id: 'id',
    material_id: 'optionalText',
    material_name: 'optionalText',
    material_number: 'optionalText',
    stock_id: 'optionalText',
    stock_name: 'optionalText',
    stock_number: 'optionalText',
    sp_id: 'optionalText',
    sp_name: 'optionalText',
    sp_number: 'optionalText',
    aux_prop_id: 'optionalText',
    aux_prop_name: 'optionalText',
    auxprop_number: 'optionalText',
    batch_no: 'optionalText',
    kf_date: 'optionalText',
    kf_period: 'optionalQuantity',
    kf_type: 'optionalText',
    valid_date: 'optionalText',
    qty: 'quantity',
    aux_qty: 'optionalQuantity',
    valid_aux_qty: 'optionalQuantity',
    exp_valid_qty: 'optionalQuantity',
    exp_valid_aux_qty: 'optionalQuantity',
    sal_lock_qty: 'optionalQuantity',
    sal_lock_aux_qty: 'optionalQuantity',
    sal_occupy_qty: 'optionalQuantity',
    sal_occupy_aux_qty: 'optionalQuantity',
    sal_pre_out_qty: 'optionalQuantity',
    sal_pre_out_aux_qty: 'optionalQuantity',
    pur_pre_in_qty: 'optionalQuantity',
    pur_prein_aux_qty: 'optionalQuantity',
    pur_transit_qty: 'optionalQuantity',
    pur_transit_aux_qty: 'optionalQuantity',
    tf_pre_out_qty: 'optionalQuantity',
    tf_pre_out_aux_qty: 'optionalQuantity',
    tf_transit_qty: 'optionalQuantity',
    tf_transit_aux_qty: 'optionalQuantity',
    other_pre_in_qty: 'optionalQuantity',
    other_pre_in_aux_qty: 'optionalQuantity',
    other_pre_out_qty: 'optionalQuantity',
    other_pre_out_aux_qty: 'optionalQuantity',
  },
);

/** One `scm/inventory` row, exactly as {@link scmInventoryRowSchema} parses it. */
export const scmInventoryRowParser: FastObjectParser<ScmInventoryRow> = createFastObjectParser(
  scmInventoryRowSchema,
  {
    material_id: 'optionalText',
    material_name: 'optionalText',
    material_number: 'optionalText',
    material_model: 'optionalText',
    stock_id: 'optionalText',
    stock_name: 'optionalText',
    stock_number: 'optionalText',
    sp_id: 'optionalText',
    sp_name: 'optionalText',
    sp_number: 'optionalText',
    aux_prop_id: 'optionalText',
    aux_prop_name: 'optionalText',
    aux_prop_number: 'optionalText',
    batch_no: 'optionalText',
    kf_date: 'optionalText',
    kf_period: 'optionalQuantity',
    kf_type: 'optionalText',
    valid_date: 'optionalText',
    qty: 'quantity',
    valid_qty: 'optionalQuantity',
  },
);

/** An answer schema whose rows sit in `data.rows`, as both inventory answers have them. */
type RowsAnswerSchema = z.ZodObject<{
  data: z.ZodObject<{ rows: z.ZodArray<z.ZodType> }>;
}>;

/**
 * A whole answer, exactly as `schema` parses it: the envelope and `data` by zod (with `rows` read
 * as a bare array), each row by the fast row parser. When anything needs the schema (a bad row, a
 * bad envelope), the whole answer goes to it, so errors keep their full paths (`data.rows.3.qty`)
 * and every issue zod would report.
 */
function answerParser<T>(
  schema: RowsAnswerSchema,
  rows: FastObjectParser<unknown>,
): FastObjectParser<T> {
  const data = schema.shape.data;
  const shell = schema.extend({ data: data.extend({ rows: z.array(z.unknown()) }) });
  const parseFast = (input: unknown): T | undefined => {
    const result = shell.safeParse(input);
    if (!result.success) return undefined;
    // zod's copy of the array, not the caller's: the raw rows stay untouched for `raw`.
    const list = result.data.data.rows;
    for (let i = 0; i < list.length; i++) {
      const row = rows.parseFast(list[i]);
      if (row === undefined) return undefined;
      list[i] = row;
    }
    return result.data as T;
  };
  return {
    schema: schema as unknown as z.ZodType<T>,
    safeParse: (input) => {
      const parsed = parseFast(input);
      return parsed === undefined
        ? (schema.safeParse(input) as z.ZodSafeParseResult<T>)
        : { success: true, data: parsed };
    },
    parseFast,
  };
}

/** An `inv_synchronous` answer, exactly as {@link invSynchronousResponseSchema} parses it. */
export const invSynchronousResponseParser: FastObjectParser<InvSynchronousResponse> = answerParser(
  invSynchronousResponseSchema,
  invSynchronousRowParser,
);

/** An `scm/inventory` answer, exactly as {@link scmInventoryResponseSchema} parses it. */
export const scmInventoryResponseParser: FastObjectParser<
  z.output<typeof scmInventoryResponseSchema>
> = answerParser(scmInventoryResponseSchema, scmInventoryRowParser);
