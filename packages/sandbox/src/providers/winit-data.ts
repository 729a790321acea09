/**
 * The Winit sandbox state (docs/protocols/winit.md §10, §11): rows by identity, in the stable answer
 * order, looked up per product, adjusted with strictly increasing versions.
 */
import { compareVersion } from '@inv/winit-protocol';
import { generateWinitRows, ORGANIZATIONS, WAREHOUSES } from './winit/dataset-generator.js';
import type {
  WinitSandboxDatasetOptions,
  WinitSandboxRow,
  WinitSandboxState,
  WinitSandboxWarehouse,
} from './winit/dataset-types.js';
import { rowIdentity, sortRows } from './winit/row-identity.js';
import { createVersionClock } from './winit/version-clock.js';

/** Builds the state from given rows or the seeded dataset, plus the version sequence used by `adjust`. */
export function createWinitSandboxState(
  options: WinitSandboxDatasetOptions = {},
): WinitSandboxState {
  const versionAt = createVersionClock();
  const byId = new Map<string, WinitSandboxRow>();
  const put = (row: WinitSandboxRow): void => {
    byId.set(rowIdentity(row), row);
  };
  let warehouses: readonly WinitSandboxWarehouse[] = options.warehouses ?? WAREHOUSES;
  const initialRows = options.rows ?? generateWinitRows(options);
  for (const row of initialRows) put(row);
  let sorted: WinitSandboxRow[] | undefined;
  let revision = 0;
  // batch.query looks rows up by warehouse + code; scanning every row per merchandise was
  // O(merchandises × rows). Built lazily from the sorted rows, dropped with them on any change.
  let byProduct: Map<string, WinitSandboxRow[]> | undefined;
  const productKey = (warehouseCode: string, merchandiseCode: string): string =>
    `${warehouseCode}\u0000${merchandiseCode}`;
  const sortedRows = (): WinitSandboxRow[] => {
    sorted ??= sortRows(byId.values());
    return sorted;
  };

  const load = (
    rows: readonly WinitSandboxRow[],
    nextWarehouses?: readonly WinitSandboxWarehouse[],
  ): void => {
    byId.clear();
    for (const row of rows) put(row);
    warehouses = nextWarehouses ?? WAREHOUSES;
    sorted = undefined;
    byProduct = undefined;
    revision++;
  };

  return {
    warehouses: () => warehouses,
    rows: sortedRows,
    rowsOf(warehouseCode, merchandiseCode) {
      if (!byProduct) {
        byProduct = new Map();
        for (const row of sortedRows()) {
          const key = productKey(row.warehouseCode, row.merchandiseCode);
          const list = byProduct.get(key);
          if (list) list.push(row);
          else byProduct.set(key, [row]);
        }
      }
      return byProduct.get(productKey(warehouseCode, merchandiseCode)) ?? [];
    },
    get(key) {
      return byId.get(rowIdentity(key));
    },
    adjust(key, change, at) {
      const previous = byId.get(rowIdentity(key));
      const base: WinitSandboxRow = previous ?? {
        warehouseCode: key.warehouseCode,
        merchandiseCode: key.merchandiseCode,
        merchandiseSerno: `M${key.merchandiseCode}`,
        merchandiseName: key.merchandiseCode,
        specification: key.specification || null,
        serviceType: key.serviceType ?? '2C',
        merchandiseGrade: key.merchandiseGrade ?? 'GOOD',
        skuCodeThird: key.skuCodeThird || null,
        organization: ORGANIZATIONS[0] as string,
        batchManagerType: key.packingBatchNo ? 'PD' : null,
        batchDate: null,
        packingBatchNo: key.packingBatchNo || null,
        unit: 'PCS',
        provideChannel: 'WINIT',
        salesChannel: 'ALL',
        isActive: 'Y',
        usableQty: 0,
        waitingOutboundQty: 0,
        lostConfirmingQty: 0,
        otherFrozenQty: 0,
        prohibitQty: 0,
        onOrderQty: 0,
        version: '0',
        changedAt: at,
        stringMask: 0,
      };
      for (const [name, value] of Object.entries(change)) {
        if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
          throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
        }
      }
      let version = versionAt(at);
      // A frozen or rewound clock must still move the version forward (§11.2: it marks changes).
      if (compareVersion(version, base.version) <= 0)
        version = (BigInt(base.version) + 1n).toString();
      const row: WinitSandboxRow = {
        ...base,
        ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
        version,
        changedAt: at,
      };
      put(row);
      sorted = undefined;
      byProduct = undefined;
      revision++;
      return row;
    },
    load,
    reset: () => load(initialRows, options.warehouses),
    revision: () => revision,
  };
}
