/**
 * Deterministic inventory of the Kingdee sandbox: the positions served by `inv_synchronous` and
 * `scm/inventory` (docs/protocols/kingdee.md §9). One seed always yields the same rows, ids and
 * quantities on every machine. The state object is the seam for admin routes: read rows by id,
 * list them in a stable order, and `adjust` quantities, which records a change id and modify time.
 */
import { addDecimal, type Decimal, parseDecimal } from '@inv/core';
import type {
  InvSynchronousRowField,
  InvSynchronousRowInput,
  ScmInventoryRowInput,
} from '@inv/kingdee-protocol';
import { createRandom, type Random } from '../random.js';

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

/** Base-unit quantity fields an adjustment or generator sets (the rest derive from them). */
type BaseField =
  | 'qty'
  | 'sal_lock_qty'
  | 'sal_occupy_qty'
  | 'sal_pre_out_qty'
  | 'pur_pre_in_qty'
  | 'pur_transit_qty'
  | 'tf_pre_out_qty'
  | 'tf_transit_qty'
  | 'other_pre_in_qty'
  | 'other_pre_out_qty';

/** Auxiliary-unit twin of each base figure (the spellings are Kingdee's, §9.1). */
const AUX_OF: Record<BaseField | 'valid_qty' | 'exp_valid_qty', keyof KingdeeInvRow> = {
  qty: 'aux_qty',
  valid_qty: 'valid_aux_qty',
  exp_valid_qty: 'exp_valid_aux_qty',
  sal_lock_qty: 'sal_lock_aux_qty',
  sal_occupy_qty: 'sal_occupy_aux_qty',
  sal_pre_out_qty: 'sal_pre_out_aux_qty',
  pur_pre_in_qty: 'pur_prein_aux_qty',
  pur_transit_qty: 'pur_transit_aux_qty',
  tf_pre_out_qty: 'tf_pre_out_aux_qty',
  tf_transit_qty: 'tf_transit_aux_qty',
  other_pre_in_qty: 'other_pre_in_aux_qty',
  other_pre_out_qty: 'other_pre_out_aux_qty',
};

/** Quantities in thousandths, so every sum is exact. */
type Milli = Record<BaseField, number>;

const toNumber = (milli: number): number => Number((milli / 1000).toFixed(3));

/**
 * Derived figures of the sandbox (an assumption, documented in the README):
 * available (可用量) = qty − sal_lock − sal_occupy − sal_pre_out − tf_pre_out − other_pre_out;
 * expected available (预计可用量) = available + pur_pre_in + pur_transit + tf_transit + other_pre_in.
 */
function derive(q: Milli): { valid: number; expValid: number } {
  const valid =
    q.qty -
    q.sal_lock_qty -
    q.sal_occupy_qty -
    q.sal_pre_out_qty -
    q.tf_pre_out_qty -
    q.other_pre_out_qty;
  const expValid =
    valid + q.pur_pre_in_qty + q.pur_transit_qty + q.tf_transit_qty + q.other_pre_in_qty;
  return { valid, expValid };
}

function writeQuantities(row: KingdeeInvRow, q: Milli, ratio: number): void {
  const { valid, expValid } = derive(q);
  const all: Record<keyof typeof AUX_OF, number> = {
    ...q,
    valid_qty: valid,
    exp_valid_qty: expValid,
  };
  const target = row as unknown as Record<string, number>;
  for (const [field, milli] of Object.entries(all) as [keyof typeof AUX_OF, number][]) {
    // `valid_qty` is not a field of this row (§9.1): only its auxiliary twin is.
    if (field !== 'valid_qty') target[field] = toNumber(milli);
    target[AUX_OF[field]] = toNumber(Math.round(milli / ratio));
  }
}

function readMilli(row: KingdeeInvRow, field: BaseField): number {
  return Math.round(Number(row[field] ?? 0) * 1000);
}

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

function generate(seed: number, size: number): KingdeePosition[] {
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

function fromRows(rows: readonly InvSynchronousRowInput[]): KingdeePosition[] {
  return rows.map((row) => ({
    row: { ...row, id: String(row.id) } as KingdeeInvRow,
    materialModel: '',
    ratio: 1,
    createdAt: DATASET_EPOCH,
    modifiedAt: DATASET_EPOCH,
  }));
}

/** Creates the sandbox inventory: generated from `seed`/`size`, or the given `rows`. */
export function createKingdeeInventoryState(
  options: KingdeeDatasetOptions = {},
): KingdeeInventoryState {
  const now = options.now ?? Date.now;
  const initial = (): KingdeePosition[] =>
    options.rows ? fromRows(options.rows) : generate(options.seed ?? 20240101, options.size ?? 640);
  let list: KingdeePosition[] = initial();
  let byId = new Map(list.map((position, index) => [position.row.id, index]));
  const log: KingdeeInventoryChange[] = [];
  let revision = 0;
  const listeners = new Set<(ids: readonly string[]) => void>();
  const notify = (ids: readonly string[]): void => {
    for (const listener of listeners) listener(ids);
  };

  return {
    get size() {
      return list.length;
    },
    positions: () => list,
    revision: () => revision,
    load(rows) {
      const before = [...byId.keys()];
      list = fromRows(rows);
      byId = new Map(list.map((position, index) => [position.row.id, index]));
      log.length = 0;
      revision++;
      if (listeners.size > 0) notify([...new Set([...before, ...byId.keys()])]);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      list = initial();
      byId = new Map(list.map((position, index) => [position.row.id, index]));
      log.length = 0;
      revision++;
    },
    get: (id) => {
      const index = byId.get(id);
      return index === undefined ? undefined : list[index];
    },
    rowsByIds(ids) {
      const seen = new Set<string>();
      const rows: KingdeeInvRow[] = [];
      for (const id of ids) {
        const index = byId.get(id);
        if (index === undefined || seen.has(id)) continue;
        seen.add(id);
        rows.push((list[index] as KingdeePosition).row);
      }
      return rows;
    },
    scmRow({ row, materialModel }) {
      return {
        material_id: row.material_id,
        material_name: row.material_name,
        material_number: row.material_number,
        material_model: materialModel,
        stock_id: row.stock_id,
        stock_name: row.stock_name,
        stock_number: row.stock_number,
        sp_id: row.sp_id,
        sp_name: row.sp_name,
        sp_number: row.sp_number,
        aux_prop_id: row.aux_prop_id,
        aux_prop_name: row.aux_prop_name,
        // This endpoint spells it aux_prop_number (§9.2), inv_synchronous auxprop_number.
        aux_prop_number: row.auxprop_number,
        batch_no: row.batch_no,
        kf_date: row.kf_date,
        kf_period: row.kf_period,
        kf_type: row.kf_type,
        valid_date: row.valid_date,
        qty: decimalText(row.qty),
        valid_qty: decimalText(toNumber(derive(milliOf(row)).valid)),
      };
    },
    adjust(id, delta) {
      const index = byId.get(id);
      if (index === undefined) throw new RangeError(`unknown inventory id ${id}`);
      const parsed = parseDecimal(delta);
      if (!parsed.ok || !/^-?\d+(\.\d{1,3})?$/.test(parsed.value)) {
        throw new RangeError(
          `delta ${String(delta)} must be a decimal with at most 3 fractional digits`,
        );
      }
      const position = list[index] as KingdeePosition;
      const row = { ...position.row };
      const q = milliOf(row);
      q.qty = Math.round(Number(addDecimal(decimalText(row.qty), parsed.value)) * 1000);
      // Quantities are kept in thousandths in a double: beyond 2^53 they would be served rounded.
      if (!Number.isSafeInteger(q.qty)) {
        throw new RangeError(
          `delta ${parsed.value} would take qty of ${id} beyond ${Math.floor(Number.MAX_SAFE_INTEGER / 1000)}, the largest quantity the sandbox serves exactly`,
        );
      }
      writeQuantities(row, q, position.ratio);
      const at = now();
      list[index] = { ...position, row, modifiedAt: at };
      revision++;
      const change = { changeId: log.length + 1, id, delta: parsed.value, at };
      log.push(change);
      notify([id]);
      return change;
    },
    changes: (afterChangeId = 0) => log.filter((change) => change.changeId > afterChangeId),
  };
}

function milliOf(row: KingdeeInvRow): Milli {
  const fields: BaseField[] = [
    'qty',
    'sal_lock_qty',
    'sal_occupy_qty',
    'sal_pre_out_qty',
    'pur_pre_in_qty',
    'pur_transit_qty',
    'tf_pre_out_qty',
    'tf_transit_qty',
    'other_pre_in_qty',
    'other_pre_out_qty',
  ];
  return Object.fromEntries(fields.map((field) => [field, readMilli(row, field)])) as Milli;
}

function decimalText(value: unknown): Decimal {
  const parsed = parseDecimal(value);
  return parsed.ok ? parsed.value : '0';
}
