/**
 * Seeded, deterministic Winit inventory for the sandbox (docs/protocols/winit.md §10, §11). The same
 * options give the same rows on every machine, so client tests can assert exact totals.
 */
import type { MerchandiseGrade, ServiceType } from '@inv/winit-protocol';
import { createRandom } from '../../random.js';
import type { WinitSandboxRow, WinitSandboxWarehouse } from './dataset-types.js';
import { createVersionClock } from './version-clock.js';
import { WINIT_QUANTITY_FIELDS } from './wire-row.js';

/** Documented row time base of the dataset: 2024-01-01 00:00:00 UTC+8. */
export const WINIT_DATASET_EPOCH_MS = Date.UTC(2023, 11, 31, 16, 0, 0);

export const WAREHOUSES: readonly WinitSandboxWarehouse[] = [
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
export const ORGANIZATIONS = ['WINIT-MAIN', 'WINIT-EU'];

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
