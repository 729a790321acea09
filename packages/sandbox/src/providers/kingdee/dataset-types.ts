/**
 * The shapes of the Kingdee sandbox inventory (docs/protocols/kingdee.md §9): wire rows, positions,
 * recorded changes and the state admin routes and endpoints work with.
 */
import type { Decimal } from '@inv/core';
import type {
  InvSynchronousRowField,
  InvSynchronousRowInput,
  ScmInventoryRowInput,
} from '@inv/kingdee-protocol';

type InvTextField =
  | 'id'
  | 'material_id'
  | 'material_name'
  | 'material_number'
  | 'stock_id'
  | 'stock_name'
  | 'stock_number'
  | 'sp_id'
  | 'sp_name'
  | 'sp_number'
  | 'aux_prop_id'
  | 'aux_prop_name'
  | 'auxprop_number'
  | 'batch_no'
  | 'kf_date'
  | 'kf_type'
  | 'valid_date';

/**
 * One wire row of `inv_synchronous` exactly as the sandbox serves it: the 41 documented fields,
 * ids and texts as strings, `kf_period` and quantities as JSON numbers (§9.1, §11.2).
 */
export type KingdeeInvRow = { [K in InvTextField]: string } & {
  [K in Exclude<InvSynchronousRowField, InvTextField>]: number;
};

/** A position: its wire row plus what `scm/inventory` needs and the change bookkeeping. */
export interface KingdeePosition {
  readonly row: KingdeeInvRow;
  /** `material_model` of the `scm/inventory` row (the item's specification). */
  readonly materialModel: string;
  /** Base units per auxiliary unit (1 when the item has no auxiliary unit). */
  readonly ratio: number;
  /** Epoch ms, for `create_start_time`/`create_end_time`. */
  readonly createdAt: number;
  /** Epoch ms of the last change, for `modify_start_time`/`modify_end_time`. */
  readonly modifiedAt: number;
}

/** What `adjust` recorded. */
export interface KingdeeInventoryChange {
  /** Monotonic, from 1. */
  changeId: number;
  /** Inventory-row id that changed (what Kingdee would push to subscribers, §10). */
  id: string;
  /** Base-unit delta applied to `qty`, as a decimal string. */
  delta: Decimal;
  /** Epoch ms (the sandbox clock). */
  at: number;
}

export interface KingdeeInventoryState {
  /** Number of positions. */
  readonly size: number;
  /** Every position in the stable list order of `scm/inventory`. */
  positions(): readonly KingdeePosition[];
  /** A position by inventory-row id. */
  get(id: string): KingdeePosition | undefined;
  /** Rows of known ids in request order; unknown ids omitted, repeated ids answered once (§9.1). */
  rowsByIds(ids: readonly string[]): KingdeeInvRow[];
  /** The `scm/inventory` projection of a position (`qty`, `valid_qty` as strings, §9.2). */
  scmRow(position: KingdeePosition): ScmInventoryRowInput;
  /**
   * Adds `delta` (base units, up to 3 decimals, may be negative) to the on-hand quantity and the
   * figures derived from it, stamps the modify time and records a change. Throws a `RangeError`
   * for an unknown id or a malformed delta.
   */
  adjust(id: string, delta: string | number): KingdeeInventoryChange;
  /** Changes recorded after `afterChangeId` (default: all), oldest first. */
  changes(afterChangeId?: number): KingdeeInventoryChange[];
  /** Replaces every position with `rows` (a loaded dataset) and forgets recorded changes. */
  load(rows: readonly InvSynchronousRowInput[]): void;
  /** Goes back to the positions the state was created with and forgets recorded changes. */
  reset(): void;
  /** Changes with every `adjust`, `load` and `reset`: answers computed at one revision stay valid until it moves. */
  revision(): number;
  /**
   * Calls `listener` with the ids an `adjust` or `load` changed (a load: every id before and after
   * it), after the change is applied; `reset` goes back without notifying. Returns the unsubscribe.
   * The push deliveries of docs/protocols/kingdee.md §10 are fed from here.
   */
  onChange(listener: (ids: readonly string[]) => void): () => void;
}

export interface KingdeeDatasetOptions {
  /** PRNG seed; the same seed gives the same dataset. Default 20240101. */
  seed?: number | undefined;
  /** Number of positions to generate. Default 640. */
  size?: number | undefined;
  /** Serve these rows instead of generated ones (e.g. the documented sample row). */
  rows?: readonly InvSynchronousRowInput[] | undefined;
  /** Clock for modify times of changes. Default `Date.now`. */
  now?: (() => number) | undefined;
}
