/**
 * A short summary of the data both gateways answer from, for the request inspector's side panel
 * (issue #16): how many positions each holds and a few ids to query, so a tester can write a
 * request that finds something without exporting the whole dataset.
 */
import type { DatasetStates } from './dataset.js';

/** Ids listed per provider: enough to copy one, small enough for a side panel. */
const SAMPLES = 5;

export interface DatasetSummary {
  kingdee: {
    positions: number;
    /** Inventory-row ids (`inv_synchronous` `ids`) with their material numbers. */
    samples: { id: string; material: string; stock: string }[];
  };
  winit: {
    rows: number;
    warehouses: string[];
    /** Merchandise codes with the warehouse that holds them (`batch.query`). */
    samples: { merchandiseCode: string; warehouseCode: string }[];
  };
}

const distinct = <T>(items: readonly T[], key: (item: T) => string): T[] => {
  const seen = new Map<string, T>();
  for (const item of items) {
    if (seen.size >= SAMPLES) break;
    if (!seen.has(key(item))) seen.set(key(item), item);
  }
  return [...seen.values()];
};

export function datasetSummary(states: DatasetStates): DatasetSummary {
  const positions = states.kingdee.positions();
  const rows = states.winit.rows();
  return {
    kingdee: {
      positions: positions.length,
      samples: distinct(positions, (p) => p.row.material_number).map(({ row }) => ({
        id: row.id,
        material: row.material_number,
        stock: row.stock_number,
      })),
    },
    winit: {
      rows: rows.length,
      warehouses: states.winit.warehouses().map((warehouse) => warehouse.warehouseCode),
      samples: distinct(rows, (row) => row.merchandiseCode).map((row) => ({
        merchandiseCode: row.merchandiseCode,
        warehouseCode: row.warehouseCode,
      })),
    },
  };
}
