/**
 * The generated Kingdee sandbox inventory: deterministic stocks, bins, items, variants, batches and
 * quantities from a seed (docs/protocols/kingdee.md §9).
 */
import type { InvSynchronousRowInput } from '@inv/kingdee-protocol';
import { createRandom, type Random } from '../../random.js';
import { type Milli, writeQuantities } from './dataset-quantities.js';
import type { KingdeeInvRow, KingdeePosition } from './dataset-types.js';

/**
 * Fixed origin of generated create/modify times, so datasets do not depend on the clock. Every
 * generated modify time is before it: a "changed since" window after it holds only adjusted rows.
 */
const DATASET_EPOCH = Date.UTC(2023, 0, 1);
const DAY = 86_400_000;

const STOCKS = [
  { name: '深圳总仓', number: 'CK001', bins: 6 },
  { name: '上海仓', number: 'CK002', bins: 4 },
  { name: '广州退货仓', number: 'CK003', bins: 0 },
  { name: '成都前置仓', number: 'CK004', bins: 3 },
  { name: '海外仓 LA', number: 'CK005', bins: 0 },
];
const PRODUCTS = ['保温杯', '数据线', '蓝牙耳机', '帆布包', '绿茶', '洗手液', '充电宝', '笔记本'];
const MODELS = ['500ml', '1m', 'TWS-2', 'L', '250g', '300ml', '10000mAh', 'A5'];
const COLOURS = [
  ['红色', 'RED'],
  ['蓝色', 'BLUE'],
  ['黑色', 'BLACK'],
];

/** An aux-unit amount: mostly whole, sometimes .5/.25, sometimes three decimals ("mixed decimals"). */
function amount(random: Random, max: number): number {
  const whole = random.int(0, max) * 1000;
  const roll = random.next();
  if (roll < 0.6) return whole;
  if (roll < 0.9) return whole + random.pick([250, 500, 750]);
  return whole + random.int(1, 999);
}

const snowflake = (base: bigint, index: number, random: Random): string =>
  String(base + BigInt(index) * 1000n + BigInt(random.int(0, 999)));

const date = (epoch: number): string => new Date(epoch).toISOString().slice(0, 10);

/** The seeded dataset: the same seed and size give the same positions on every machine. */
export function generateKingdeePositions(seed: number, size: number): KingdeePosition[] {
  const random = createRandom(seed);
  const stocks = STOCKS.map((stock, s) => ({
    id: snowflake(1_720_000_000_000_000_000n, s, random),
    ...stock,
    bins: Array.from({ length: stock.bins }, (_, b) => ({
      id: snowflake(1_730_000_000_000_000_000n, s * 100 + b, random),
      number: `${stock.number}-${String.fromCharCode(65 + (b % 26))}${String(b + 1).padStart(2, '0')}`,
      name: `${stock.name} ${b + 1}号位`,
    })),
  }));
  const positions: KingdeePosition[] = [];
  for (let m = 0; positions.length < size; m++) {
    const product = m % PRODUCTS.length;
    const ratio = random.pick([1, 1, 1, 1, 6, 12]);
    const material = {
      id: snowflake(1_710_000_000_000_000_000n, m, random),
      number: `SP${String(m + 1).padStart(5, '0')}`,
      name: `${PRODUCTS[product]} ${m + 1}`,
      model: MODELS[product] as string,
    };
    const variants = random.chance(0.25)
      ? COLOURS.slice(0, random.int(2, 3)).map(([name, code], v) => ({
          id: snowflake(1_740_000_000_000_000_000n, m * 10 + v, random),
          name: name as string,
          number: `${material.number}-${code}`,
        }))
      : [null];
    const batches = random.chance(0.35)
      ? Array.from({ length: random.int(1, 3) }, (_, b) => {
          const made = DATASET_EPOCH - random.int(10, 300) * DAY;
          const months = random.pick([6, 12, 24]);
          const expiry = new Date(made);
          expiry.setUTCMonth(expiry.getUTCMonth() + months);
          return {
            batchNo: `B${date(made).replaceAll('-', '')}-${b + 1}`,
            kfDate: date(made),
            kfPeriod: months,
            kfType: '2',
            validDate: date(expiry.getTime()),
          };
        })
      : [null];
    const stockCount = random.int(1, 3);
    const chosen = [...stocks].sort(() => random.next() - 0.5).slice(0, stockCount);
    for (const stock of chosen) {
      const bin = stock.bins.length > 0 ? random.pick(stock.bins) : null;
      for (const variant of variants) {
        for (const batch of batches) {
          if (positions.length >= size) break;
          const index = positions.length;
          const q: Milli = {
            qty: 0,
            sal_lock_qty: 0,
            sal_occupy_qty: 0,
            sal_pre_out_qty: 0,
            pur_pre_in_qty: 0,
            pur_transit_qty: 0,
            tf_pre_out_qty: 0,
            tf_transit_qty: 0,
            other_pre_in_qty: 0,
            other_pre_out_qty: 0,
          };
          // Generated in auxiliary units then scaled, so base = aux × ratio exactly.
          const aux = (max: number): number => amount(random, max) * ratio;
          q.qty = aux(800);
          const committed = (share: number): number =>
            Math.floor((q.qty * share * random.next()) / ratio / 1000) * 1000 * ratio;
          q.sal_lock_qty = random.chance(0.3) ? committed(0.15) : 0;
          q.sal_occupy_qty = random.chance(0.4) ? committed(0.15) : 0;
          q.sal_pre_out_qty = random.chance(0.3) ? committed(0.1) : 0;
          q.tf_pre_out_qty = random.chance(0.15) ? committed(0.1) : 0;
          q.other_pre_out_qty = random.chance(0.1) ? committed(0.05) : 0;
          q.pur_pre_in_qty = random.chance(0.3) ? aux(200) : 0;
          q.pur_transit_qty = random.chance(0.25) ? aux(150) : 0;
          q.tf_transit_qty = random.chance(0.15) ? aux(60) : 0;
          q.other_pre_in_qty = random.chance(0.1) ? aux(20) : 0;
          const row = {
            id: snowflake(1_750_000_000_000_000_000n, index, random),
            material_id: material.id,
            material_name: material.name,
            material_number: material.number,
            stock_id: stock.id,
            stock_name: stock.name,
            stock_number: stock.number,
            sp_id: bin?.id ?? '',
            sp_name: bin?.name ?? '',
            sp_number: bin?.number ?? '',
            aux_prop_id: variant?.id ?? '',
            aux_prop_name: variant?.name ?? '',
            auxprop_number: variant?.number ?? '',
            batch_no: batch?.batchNo ?? '',
            kf_date: batch?.kfDate ?? '',
            kf_period: batch?.kfPeriod ?? 0,
            kf_type: batch?.kfType ?? '',
            valid_date: batch?.validDate ?? '',
          } as KingdeeInvRow;
          writeQuantities(row, q, ratio);
          const createdAt = DATASET_EPOCH - random.int(30, 400) * DAY;
          positions.push({
            row,
            materialModel: material.model,
            ratio,
            createdAt,
            modifiedAt: createdAt + random.int(0, 29) * DAY + random.int(0, DAY - 1),
          });
        }
      }
    }
  }
  return positions;
}

/** Positions serving the given rows as they are (a loaded dataset, the documented sample). */
export function positionsFromRows(rows: readonly InvSynchronousRowInput[]): KingdeePosition[] {
  return rows.map((row) => ({
    row: { ...row, id: String(row.id) } as KingdeeInvRow,
    materialModel: '',
    ratio: 1,
    createdAt: DATASET_EPOCH,
    modifiedAt: DATASET_EPOCH,
  }));
}
