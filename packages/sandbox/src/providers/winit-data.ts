import {
  type AggregateInvManagerType,
  compareVersion,
  formatWinitTimestamp,
  type MerchandiseGrade,
  type ServiceType,
} from '@inv/winit-protocol';
import { createRandom } from '../random.js';

/**
 * Seeded, deterministic Winit inventory for the sandbox (docs/protocols/winit.md §10, §11). The same
 * options give the same rows on every machine, so client tests can assert exact totals.
 */

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

/** Documented row time base of the dataset: 2024-01-01 00:00:00 UTC+8. */
export const WINIT_DATASET_EPOCH_MS = Date.UTC(2023, 11, 31, 16, 0, 0);

const WAREHOUSES: readonly WinitSandboxWarehouse[] = [
  {
    warehouseID: '1000001',
    warehouseCode: 'US0001',
    warehouseName: '美国西岸仓',
    warehouseAddress: '1000 Commerce Way, Ontario, CA 91761, US',
  },
  {
    warehouseID: '1000002',
    warehouseCode: 'DE0001',
    warehouseName: '德国仓',
    warehouseAddress: 'Logistikstraße 1, 41836 Hückelhoven, DE',
  },
  {
    warehouseID: '1000003',
    warehouseCode: 'UK0001',
    warehouseName: '英国仓',
    warehouseAddress: '1 Distribution Park, Coventry CV6 4BX, GB',
  },
  {
    warehouseID: '1000004',
    warehouseCode: 'AU0001',
    warehouseName: '澳洲仓',
    warehouseAddress: '5 Freight Road, Sydney NSW 2170, AU',
  },
];

const NAMES = ['保温杯', '蓝牙耳机', '手机壳', '瑜伽垫', '收纳盒', '台灯', 'LED Strip', 'Desk Fan'];
const ORGANIZATIONS = ['WINIT-MAIN', 'WINIT-EU'];

/** Quantity fields in wire order; a row's `stringMask` bit i types field i. */
export const WINIT_QUANTITY_FIELDS = [
  'usableQty',
  'frozenQty',
  'inStockQty',
  'onOrderQty',
  'prohibitUsableQty',
  'waitingOutboundQty',
  'lostConfirmingQty',
] as const;

/** `frozenQty` = waiting-out + lost-confirming + frozen + awaiting-destruction + VAT (§10.1). */
export function frozenQtyOf(row: WinitSandboxQuantities): number {
  return row.waitingOutboundQty + row.lostConfirmingQty + row.otherFrozenQty;
}

/** `inStockQty` = usable + frozen total + outbound-prohibited (§10.1). */
export function inStockQtyOf(row: WinitSandboxQuantities): number {
  return row.usableQty + frozenQtyOf(row) + row.prohibitQty;
}

const norm = (value: string | null | undefined): string => value ?? '';

/** Identity of a row (its classification included). */
export function rowIdentity(key: WinitRowKey): string {
  return [
    key.warehouseCode,
    key.merchandiseCode,
    norm(key.specification),
    key.serviceType ?? '2C',
    key.merchandiseGrade ?? 'GOOD',
    norm(key.skuCodeThird),
    norm(key.packingBatchNo),
  ].join('\u0000');
}

/**
 * Rows in the stable answer order: warehouse, code, specification, then classification. Each
 * identity is built once: building both per comparison made sorting 100,000 rows take ~0.4 s.
 */
function sortRows(rows: Iterable<WinitSandboxRow>): WinitSandboxRow[] {
  const keyed = Array.from(rows, (row) => ({ row, id: rowIdentity(row) }));
  keyed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((entry) => entry.row);
}

/** Builds the state: the seeded dataset plus the version sequence used by `adjust`. */
/** The seeded dataset: the same options give the same rows on every machine. */
export function generateWinitRows(
  options: { seed?: number | undefined; skuCount?: number | undefined } = {},
): WinitSandboxRow[] {
  const versionAt = createVersionClock();
  const random = createRandom(options.seed ?? 20240101);
  const skuCount = options.skuCount ?? 600;
  const rows: WinitSandboxRow[] = [];

  for (let i = 1; i <= skuCount; i++) {
    const merchandiseCode = `SKU${String(i).padStart(4, '0')}`;
    const specifications: (string | null)[] =
      i % 7 === 0 ? ['red', 'blue'] : i % 11 === 0 ? ['XL'] : [null];
    for (const [s, specification] of specifications.entries()) {
      const merchandiseSerno = `M${String(i * 10 + s).padStart(9, '0')}`;
      const merchandiseName = `${random.pick(NAMES)} ${merchandiseCode}`;
      for (const warehouse of WAREHOUSES) {
        // Every product is in US0001, so a large batch.query there finds every SKU.
        if (warehouse.warehouseCode !== 'US0001' && !random.chance(0.4)) continue;
        const classes: [ServiceType, MerchandiseGrade][] = [['2C', 'GOOD']];
        if (random.chance(0.3)) classes.push(['2B', 'GOOD']);
        if (random.chance(0.15)) classes.push(['2C', 'DEFECTIVE']);
        if (random.chance(0.05)) classes.push(['2B', 'DEFECTIVE']);
        const skuCodeThird = random.chance(0.3) ? `BC${String(i).padStart(8, '0')}` : null;
        const batched = random.chance(0.1);
        for (const [serviceType, merchandiseGrade] of classes) {
          const changedAt =
            WINIT_DATASET_EPOCH_MS + random.int(0, 30 * 24 * 60) * 60_000 + random.int(0, 999);
          rows.push({
            warehouseCode: warehouse.warehouseCode,
            merchandiseCode,
            merchandiseSerno,
            merchandiseName,
            specification,
            serviceType,
            merchandiseGrade,
            skuCodeThird,
            organization: random.pick(ORGANIZATIONS),
            batchManagerType: batched ? 'PD' : null,
            batchDate: batched ? `2023${String(random.int(1, 12)).padStart(2, '0')}15` : null,
            packingBatchNo: batched ? `LOT${String(i).padStart(5, '0')}` : null,
            unit: 'PCS',
            provideChannel: 'WINIT',
            salesChannel: random.pick(['ALL', 'AMAZON', 'EBAY']),
            isActive: 'Y',
            usableQty: random.int(0, 500),
            waitingOutboundQty: random.chance(0.4) ? random.int(1, 20) : 0,
            lostConfirmingQty: random.chance(0.05) ? random.int(1, 3) : 0,
            otherFrozenQty: random.chance(0.2) ? random.int(1, 10) : 0,
            prohibitQty: random.chance(0.1) ? random.int(1, 5) : 0,
            onOrderQty: random.chance(0.3) ? random.int(1, 200) : 0,
            version: versionAt(changedAt),
            changedAt,
            stringMask: random.int(0, 2 ** WINIT_QUANTITY_FIELDS.length - 1),
          });
        }
      }
    }
  }
  return rows;
}

/** Versions are `yyyyMMddHHmmssSSS` + a 4-digit sequence (§11.2). */
function createVersionClock(): (at: number) => string {
  let sequence = 0;
  return (at) => {
    sequence = (sequence % 9999) + 1;
    const millis = String(((at % 1000) + 1000) % 1000).padStart(3, '0');
    return `${formatWinitTimestamp(at).replace(/\D/g, '')}${millis}${String(sequence).padStart(4, '0')}`;
  };
}

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

/** Which dimensions an answer aggregates away (§10.1 `aggregateInvManagerTypes`). */
export type Aggregation = ReadonlySet<AggregateInvManagerType>;

/** Rows summed over the aggregated dimensions; the first row of a group carries the rest. */
export function aggregateRows(
  rows: readonly WinitSandboxRow[],
  aggregation: Aggregation,
): WinitSandboxRow[] {
  if (aggregation.size === 0) return [...rows];
  const groups = new Map<string, WinitSandboxRow>();
  for (const row of rows) {
    const id = rowIdentity({
      ...row,
      merchandiseGrade: aggregation.has('MERCHANDISE_GRADE') ? 'GOOD' : row.merchandiseGrade,
      skuCodeThird: aggregation.has('SKU_CODE_THIRD') ? null : row.skuCodeThird,
      packingBatchNo: aggregation.has('BATCH') ? null : row.packingBatchNo,
    });
    const group = groups.get(id);
    if (!group) {
      groups.set(id, { ...row });
      continue;
    }
    group.usableQty += row.usableQty;
    group.waitingOutboundQty += row.waitingOutboundQty;
    group.lostConfirmingQty += row.lostConfirmingQty;
    group.otherFrozenQty += row.otherFrozenQty;
    group.prohibitQty += row.prohibitQty;
    group.onOrderQty += row.onOrderQty;
    if (compareVersion(row.version, group.version) > 0) {
      group.version = row.version;
      group.changedAt = row.changedAt;
    }
  }
  return [...groups.values()];
}

/**
 * The row as the gateway sends it: documented members (§10.1, §10.2), quantities typed per
 * `stringMask` (numbers and numeric strings mixed, §11.1), aggregated dimensions omitted.
 */
export function toWireRow(
  row: WinitSandboxRow,
  aggregation: Aggregation = new Set(),
): Record<string, unknown> {
  const frozenQty = frozenQtyOf(row);
  const quantities: Record<(typeof WINIT_QUANTITY_FIELDS)[number], number> = {
    usableQty: row.usableQty,
    frozenQty,
    inStockQty: inStockQtyOf(row),
    onOrderQty: row.onOrderQty,
    prohibitUsableQty: row.prohibitQty,
    waitingOutboundQty: row.waitingOutboundQty,
    lostConfirmingQty: row.lostConfirmingQty,
  };
  const typed = (field: (typeof WINIT_QUANTITY_FIELDS)[number]): number | string => {
    const bit = WINIT_QUANTITY_FIELDS.indexOf(field);
    const value = quantities[field];
    return (row.stringMask >> bit) & 1 ? String(value) : value;
  };
  const wire: Record<string, unknown> = {
    version: row.version,
    warehouseCode: row.warehouseCode,
    usableQty: typed('usableQty'),
    merchandiseSerno: row.merchandiseSerno,
    specification: row.specification,
    merchandiseCode: row.merchandiseCode,
    merchandiseName: row.merchandiseName,
    frozenQty: typed('frozenQty'),
    inStockQty: typed('inStockQty'),
    isActive: row.isActive,
    serviceType: row.serviceType,
  };
  if (!aggregation.has('SKU_CODE_THIRD')) wire.skuCodeThird = row.skuCodeThird;
  if (!aggregation.has('MERCHANDISE_GRADE')) wire.merchandiseGrade = row.merchandiseGrade;
  wire.organization = row.organization;
  if (!aggregation.has('BATCH') && row.packingBatchNo !== null) {
    wire.batchManagerType = row.batchManagerType;
    wire.batchDate = row.batchDate;
    wire.packingBatchNo = row.packingBatchNo;
  }
  wire.onOrderQty = typed('onOrderQty');
  wire.prohibitUsableQty = typed('prohibitUsableQty');
  wire.isProhibitOutbound = row.prohibitQty === 0 ? 'N' : row.usableQty === 0 ? 'Y' : 'PART';
  wire.waitingOutboundQty = typed('waitingOutboundQty');
  wire.lostConfirmingQty = typed('lostConfirmingQty');
  wire.unit = row.unit;
  wire.provideChannel = row.provideChannel;
  wire.salesChannel = row.salesChannel;
  return row.extra ? { ...wire, ...row.extra } : wire;
}
