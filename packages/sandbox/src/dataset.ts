import { type InvSynchronousRowInput, invSynchronousRowSchema } from '@inv/kingdee-protocol';
import { z } from 'zod';
import type { KingdeeInventoryState } from './providers/kingdee/dataset-types.js';
import type {
  WinitSandboxRow,
  WinitSandboxState,
  WinitSandboxWarehouse,
} from './providers/winit/dataset-types.js';
import { plainQuantitySchema, unservable } from './stored-values.js';

/** Identifies a sandbox dataset file; `version` changes only with an incompatible format. */
export const DATASET_FORMAT = 'inv-sandbox-dataset';
export const DATASET_VERSION = 1;

const quantity = z.number().int().min(0, { error: 'must be a non-negative integer' });
const optionalText = z.string().nullable();

const winitWarehouseSchema = z.object({
  warehouseID: z.string().min(1),
  warehouseCode: z.string().min(1),
  warehouseName: z.string(),
  warehouseAddress: z.string().default(''),
});

/**
 * A Winit position as the sandbox stores it. Only the identity and `usableQty` are required;
 * everything else has the default a new position gets. `extra` members are added to the wire row
 * verbatim (new fields, changed types), for drift and bad-data tests.
 */
const winitRowSchema = z.object({
  warehouseCode: z.string().min(1),
  merchandiseCode: z.string().min(1),
  merchandiseSerno: z.string().optional(),
  merchandiseName: z.string().optional(),
  specification: optionalText.default(null),
  serviceType: z.enum(['2B', '2C']).default('2C'),
  merchandiseGrade: z.enum(['GOOD', 'DEFECTIVE']).default('GOOD'),
  skuCodeThird: optionalText.default(null),
  organization: z.string().default('WINIT-MAIN'),
  batchManagerType: optionalText.default(null),
  batchDate: optionalText.default(null),
  packingBatchNo: optionalText.default(null),
  unit: z.string().default('PCS'),
  provideChannel: z.string().default('WINIT'),
  salesChannel: z.string().default('ALL'),
  isActive: z.enum(['Y', 'N']).default('Y'),
  usableQty: quantity,
  waitingOutboundQty: quantity.default(0),
  lostConfirmingQty: quantity.default(0),
  otherFrozenQty: quantity.default(0),
  prohibitQty: quantity.default(0),
  onOrderQty: quantity.default(0),
  version: z
    .string()
    .regex(/^\d{1,25}$/, { error: 'must be digits (yyyyMMddHHmmssSSS + 4)' })
    .default('202401010000000000001'),
  changedAt: z
    .number()
    .int()
    .default(Date.UTC(2023, 11, 31, 16)),
  stringMask: z.number().int().min(0).default(0),
  extra: z
    .record(z.string(), z.unknown())
    .check((ctx) => {
      const problem = unservable(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
    })
    .optional(),
});

/** Kingdee quantity members (`qty`, `*_qty`): served verbatim and summed by stock changes. */
const KINGDEE_QUANTITY_FIELD = /(^|_)qty$/;
const kingdeeQuantity = plainQuantitySchema(10);

/**
 * A dataset file: the positions each gateway serves. Kingdee rows are `inv_synchronous` rows as the
 * gateway sends them (checked with @inv/kingdee-protocol's row schema, kept verbatim); Winit rows are the
 * sandbox's positions. A provider left out is generated from the seed.
 */
export const sandboxDatasetSchema = z.object({
  format: z.literal(DATASET_FORMAT, { error: `must be "${DATASET_FORMAT}"` }),
  version: z.literal(DATASET_VERSION, {
    error: `must be ${DATASET_VERSION}, the dataset version this sandbox reads`,
  }),
  description: z.string().optional(),
  kingdee: z
    .object({
      rows: z.array(z.record(z.string(), z.unknown())).superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((row, index) => {
          const parsed = invSynchronousRowSchema.safeParse(row);
          if (!parsed.success) {
            for (const issue of parsed.error.issues) {
              ctx.addIssue({
                code: 'custom',
                message: issue.message,
                path: [index, ...issue.path],
              });
            }
            return;
          }
          const problem = unservable(row);
          if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [index] });
          for (const [field, value] of Object.entries(row)) {
            if (!KINGDEE_QUANTITY_FIELD.test(field) || value === null || value === undefined) {
              continue;
            }
            for (const issue of kingdeeQuantity.safeParse(value).error?.issues ?? []) {
              ctx.addIssue({ code: 'custom', message: issue.message, path: [index, field] });
            }
          }
          const id = String(row.id);
          if (seen.has(id))
            ctx.addIssue({ code: 'custom', message: `duplicate id ${id}`, path: [index, 'id'] });
          seen.add(id);
        });
      }),
    })
    .optional(),
  winit: z
    .object({
      warehouses: z.array(winitWarehouseSchema).min(1).optional(),
      rows: z.array(winitRowSchema),
    })
    .optional(),
});
export type SandboxDataset = z.input<typeof sandboxDatasetSchema>;
type ParsedDataset = z.output<typeof sandboxDatasetSchema>;

/** A dataset that does not validate; `issues` name each field path and rule. */
export class DatasetError extends Error {
  override name = 'DatasetError';
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super(
      `invalid sandbox dataset: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`,
    );
    this.issues = issues;
  }
}

/** Validates a dataset (parsed JSON). Throws {@link DatasetError} naming every problem. */
export function parseDataset(input: unknown): ParsedDataset {
  const result = sandboxDatasetSchema.safeParse(input);
  if (result.success) return result.data;
  throw new DatasetError(
    result.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    ),
  );
}

/** The states a dataset is loaded into and exported from. */
export interface DatasetStates {
  kingdee: KingdeeInventoryState;
  winit: WinitSandboxState;
}

/** Winit rows of a dataset with the defaults a new position gets. */
function winitRows(rows: readonly z.output<typeof winitRowSchema>[]): WinitSandboxRow[] {
  return rows.map((row) => ({
    ...row,
    merchandiseSerno: row.merchandiseSerno ?? `M${row.merchandiseCode}`,
    merchandiseName: row.merchandiseName ?? row.merchandiseCode,
  }));
}

/** Loads the providers a dataset names into the states; the others keep their rows. */
export function loadDataset(states: DatasetStates, dataset: ParsedDataset): void {
  if (dataset.kingdee) states.kingdee.load(dataset.kingdee.rows as InvSynchronousRowInput[]);
  if (dataset.winit) {
    states.winit.load(
      winitRows(dataset.winit.rows),
      dataset.winit.warehouses as WinitSandboxWarehouse[] | undefined,
    );
  }
}

/** The current state as a dataset file, which `loadDataset` reads back to the same answers. */
export function exportDataset(states: DatasetStates): SandboxDataset {
  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    kingdee: { rows: states.kingdee.positions().map((position) => ({ ...position.row })) },
    winit: {
      warehouses: states.winit.warehouses().map((warehouse) => ({ ...warehouse })),
      rows: states.winit.rows().map((row) => ({ ...row })),
    },
  };
}
