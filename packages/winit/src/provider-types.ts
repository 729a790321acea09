import type {
  ByIdsResult,
  ChangesOptions,
  ListOptions,
  OperationOptions,
  ProviderWith,
} from '@inv/core';
import type {
  AggregateInvManagerType,
  InventoryAttribute,
  Merchandise,
  MerchandiseGrade,
  ServiceType,
} from '@inv/winit-protocol';
import type { WinitClient } from './client.js';

/** Options of `bySkus` / `byMerchandises` (batch.query, docs/protocols/winit.md §10.1). */
export interface WinitBySkusOptions extends OperationOptions {
  /** Warehouse to query; defaults to the provider option `warehouseCode`. Required by Winit. */
  warehouseCode?: string | undefined;
  /** Filter by classification: grade, third-party barcode, complete batch triple. */
  inventoryAttribute?: InventoryAttribute | undefined;
  /** Classifications to sum over (their concrete values must then be omitted). */
  aggregateInvManagerTypes?: readonly AggregateInvManagerType[] | undefined;
}

/** `byMerchandises` result: `missing` holds codes, `missingMerchandises` the exact requests. */
export interface WinitByMerchandisesResult extends ByIdsResult {
  missingMerchandises: Merchandise[];
}

/** Options of a full sync (`pages`/`list`), overriding the provider defaults for one run. */
export interface WinitListOptions extends ListOptions {
  warehouseCodes?: readonly string[] | undefined;
  serviceTypes?: readonly ServiceType[] | undefined;
  grades?: readonly MerchandiseGrade[] | undefined;
}

/** Options of an incremental sync (`changes`). */
export interface WinitChangesOptions extends ChangesOptions {
  warehouseCodes?: readonly string[] | undefined;
  serviceTypes?: readonly ServiceType[] | undefined;
  grades?: readonly MerchandiseGrade[] | undefined;
}

/** A warehouse of `queryWarehouse` (§10.3), normalized. */
export interface WinitWarehouse {
  id: string | null;
  code: string;
  name: string | null;
  address: string | null;
  raw: Record<string, unknown>;
}

/** The Winit provider: the core contract plus Winit-specific operations. */
export interface WinitProvider
  extends ProviderWith<'winit', 'bySkus' | 'pages' | 'list' | 'changes'> {
  /** The signed low-level client, for actions `inv` does not wrap. */
  readonly client: WinitClient;
  /** Warehouses of the account (`queryWarehouse`, data `""`). */
  warehouses(options?: OperationOptions): Promise<WinitWarehouse[]>;
  /** batch.query by merchandise (code + optional specification), chunked and merged. */
  byMerchandises(
    merchandises: readonly Merchandise[],
    options?: WinitBySkusOptions,
  ): Promise<WinitByMerchandisesResult>;
}
