/**
 * The shapes of the Winit sandbox inventory (docs/protocols/winit.md §10, §11): stored rows, their
 * keys and quantities, warehouses, and the state admin routes and endpoints work with.
 */
import type { MerchandiseGrade, ServiceType } from '@inv/winit-protocol';

/** Size and seed of the generated dataset. */
export interface WinitSandboxDatasetOptions {
  /** Seed of the generator. Default 20240101. */
  seed?: number | undefined;
  /** Distinct merchandise codes (SKUs). Default 600, so batch.query chunking (500) is exercised. */
  skuCount?: number | undefined;
  /** Rows to serve instead of generated ones (a loaded dataset file). */
  rows?: readonly WinitSandboxRow[] | undefined;
  /** Warehouses to serve with `rows`. Default: the four generated warehouses. */
  warehouses?: readonly WinitSandboxWarehouse[] | undefined;
}

/** A warehouse of `queryWarehouse` (§10.3). */
export interface WinitSandboxWarehouse {
  warehouseID: string;
  warehouseCode: string;
  warehouseName: string;
  warehouseAddress: string;
}

/** Quantities kept per row; the documented totals are derived from them (§10.1). */
export interface WinitSandboxQuantities {
  /** 可用. */
  usableQty: number;
  /** 待出库: part of frozenQty. */
  waitingOutboundQty: number;
  /** 丢失确认中: part of frozenQty. */
  lostConfirmingQty: number;
  /** Frozen, awaiting destruction and VAT-frozen together: the rest of frozenQty. */
  otherFrozenQty: number;
  /** 禁止出库: in stock but outside usable and frozen. */
  prohibitQty: number;
  /** 在途待入库. */
  onOrderQty: number;
}

/** What identifies a position: warehouse, product (code + specification) and classification. */
export interface WinitRowKey {
  warehouseCode: string;
  merchandiseCode: string;
  /** `null` and `""` are the same product (§11.5). Default `null`. */
  specification?: string | null | undefined;
  /** Default `2C`. */
  serviceType?: ServiceType | undefined;
  /** Default `GOOD`. */
  merchandiseGrade?: MerchandiseGrade | undefined;
  skuCodeThird?: string | null | undefined;
  packingBatchNo?: string | null | undefined;
}

/** One stored inventory row. */
export interface WinitSandboxRow extends WinitSandboxQuantities {
  warehouseCode: string;
  merchandiseCode: string;
  merchandiseSerno: string;
  merchandiseName: string;
  specification: string | null;
  serviceType: ServiceType;
  merchandiseGrade: MerchandiseGrade;
  skuCodeThird: string | null;
  organization: string;
  batchManagerType: string | null;
  batchDate: string | null;
  packingBatchNo: string | null;
  unit: string;
  provideChannel: string;
  salesChannel: string;
  isActive: 'Y' | 'N';
  /** `yyyyMMddHHmmssSSS` + 4 digits, 21 digits (§11.2). */
  version: string;
  /** Last change, epoch ms (pageInv `startTime`/`endTime` filter on it). */
  changedAt: number;
  /** Bit i set: quantity field i is sent as a string (§11.1, reproduced deterministically). */
  stringMask: number;
  /**
   * Members added to (or replacing) the wire row as sent, verbatim: lets a dataset reproduce
   * fields Winit adds later or a type it changes, for drift and bad-data tests.
   */
  extra?: Record<string, unknown> | undefined;
}

/** The sandbox's Winit state. Admin routes build on {@link WinitSandboxState.adjust}. */
export interface WinitSandboxState {
  /** Warehouses `queryWarehouse` answers. */
  warehouses(): readonly WinitSandboxWarehouse[];
  /** Every row, in the stable order answers use. */
  rows(): readonly WinitSandboxRow[];
  /** The row at `key`, if any. */
  get(key: WinitRowKey): WinitSandboxRow | undefined;
  /** Rows of one merchandise code in one warehouse, in answer order (batch.query's lookup). */
  rowsOf(warehouseCode: string, merchandiseCode: string): readonly WinitSandboxRow[];
  /**
   * Sets quantities of the row at `key` (creating it when absent), stamping `changedAt = at` and a
   * new, strictly greater `version`. Returns the updated row.
   */
  adjust(key: WinitRowKey, change: Partial<WinitSandboxQuantities>, at: number): WinitSandboxRow;
  /** Replaces every row (and the warehouses): loading a dataset, or going back to the start. */
  load(rows: readonly WinitSandboxRow[], warehouses?: readonly WinitSandboxWarehouse[]): void;
  /** Goes back to the rows and warehouses the state was created with. */
  reset(): void;
  /** Changes with every `adjust`, `load` and `reset`: answers computed at one revision stay valid until it moves. */
  revision(): number;
}
