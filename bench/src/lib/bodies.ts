/**
 * Generated response bodies of the documented shapes, deterministic (no randomness): a Winit
 * pageInv/batch.query page (§10.1–§10.2, quantities mixed numbers and numeric strings §11.1,
 * 21-digit versions §11.2), and Kingdee inv_synchronous (§9.1, 41 fields, 19-digit ids) and
 * scm/inventory (§9.2, quantities as strings) answers.
 */

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A small deterministic integer in [0, mod) from a row number. */
const mix = (i: number, salt: number, mod: number): number =>
  Math.abs(((i + 1) * 2654435761 + salt * 40503) | 0) % mod;

export function winitRow(i: number): Record<string, unknown> {
  const stringy = (value: number, bit: number): number | string =>
    (mix(i, 7, 128) >> bit) & 1 ? String(value) : value;
  const usable = mix(i, 1, 500);
  const waiting = mix(i, 2, 20);
  const frozen = waiting + mix(i, 3, 5);
  const prohibit = mix(i, 4, 10) === 0 ? 2 : 0;
  const batched = i % 10 === 0;
  const row: Record<string, unknown> = {
    version: `20240101${pad(i % 1_000_000_000, 9)}${pad(i % 10_000, 4)}`,
    warehouseCode: ['US0001', 'DE0001', 'UK0001', 'AU0001'][i % 4],
    usableQty: stringy(usable, 0),
    merchandiseSerno: `M${pad(i, 9)}`,
    specification: i % 7 === 0 ? 'red' : null,
    merchandiseCode: `SKU${pad(i, 6)}`,
    merchandiseName: `保温杯 SKU${pad(i, 6)}`,
    frozenQty: stringy(frozen, 1),
    inStockQty: stringy(usable + frozen + prohibit, 2),
    isActive: 'Y',
    serviceType: i % 3 === 0 ? '2B' : '2C',
    skuCodeThird: i % 3 === 1 ? `BC${pad(i, 8)}` : null,
    merchandiseGrade: i % 9 === 0 ? 'DEFECTIVE' : 'GOOD',
    organization: 'WINIT-MAIN',
  };
  if (batched) {
    row.batchManagerType = 'PD';
    row.batchDate = '20230915';
    row.packingBatchNo = `LOT${pad(i, 6)}`;
  }
  Object.assign(row, {
    onOrderQty: stringy(mix(i, 5, 200), 3),
    prohibitUsableQty: stringy(prohibit, 4),
    isProhibitOutbound: prohibit === 0 ? 'N' : 'PART',
    waitingOutboundQty: stringy(waiting, 5),
    lostConfirmingQty: stringy(0, 6),
    unit: 'PCS',
    provideChannel: 'WINIT',
    salesChannel: 'ALL',
  });
  return row;
}

/** A Winit answer envelope holding `rows` rows (one pageInv/batch.query `data`). */
export function winitBody(rows: number): string {
  const list = Array.from({ length: rows }, (_, i) => winitRow(i));
  return JSON.stringify({
    code: '0',
    msg: '操作成功',
    data: { pageParams: { pageNo: 1, pageSize: rows, totalCount: rows }, list },
  });
}

const snowflake = (i: number): string => `17${pad(i, 17)}`;

export function kingdeeInvRow(i: number): Record<string, unknown> {
  const q = (salt: number, scale = 1): number => mix(i, salt, 1000) / scale;
  return {
    aux_prop_id: i % 5 === 0 ? snowflake(i + 7) : '0',
    aux_prop_name: i % 5 === 0 ? '红色' : '',
    aux_qty: q(1),
    auxprop_number: i % 5 === 0 ? 'RED' : '',
    batch_no: i % 4 === 0 ? `B${pad(i, 6)}` : '',
    exp_valid_aux_qty: q(2),
    exp_valid_qty: q(3, 4),
    id: snowflake(i),
    kf_date: i % 4 === 0 ? '2023-09-15' : '',
    kf_period: i % 4 === 0 ? 365 : 0,
    kf_type: i % 4 === 0 ? '1' : '',
    material_id: snowflake(i + 1),
    material_name: `保温杯 ${i}`,
    material_number: `MAT${pad(i, 6)}`,
    other_pre_in_aux_qty: 0,
    other_pre_in_qty: q(4),
    other_pre_out_aux_qty: 0,
    other_pre_out_qty: q(5),
    pur_pre_in_qty: q(6),
    pur_prein_aux_qty: 0,
    pur_transit_aux_qty: 0,
    pur_transit_qty: q(7),
    qty: q(8, 4),
    sal_lock_aux_qty: 0,
    sal_lock_qty: q(9),
    sal_occupy_aux_qty: 0,
    sal_occupy_qty: q(10),
    sal_pre_out_aux_qty: 0,
    sal_pre_out_qty: q(11),
    sp_id: i % 2 === 0 ? snowflake(i + 3) : '0',
    sp_name: i % 2 === 0 ? `A-${i % 100}` : '',
    sp_number: i % 2 === 0 ? `A${i % 100}` : '',
    stock_id: snowflake(i % 8),
    stock_name: `仓库 ${i % 8}`,
    stock_number: `CK${i % 8}`,
    tf_pre_out_aux_qty: 0,
    tf_pre_out_qty: q(12),
    tf_transit_aux_qty: 0,
    tf_transit_qty: q(13),
    valid_aux_qty: q(14),
    valid_date: i % 4 === 0 ? '2024-09-14' : '',
  };
}

export function kingdeeInvBody(rows: number): string {
  const list = Array.from({ length: rows }, (_, i) => kingdeeInvRow(i));
  return JSON.stringify({ data: { rows: list }, description: 'success', errcode: 0 });
}

export function kingdeeScmRow(i: number): Record<string, unknown> {
  return {
    material_id: snowflake(i + 1),
    material_name: `保温杯 ${i}`,
    material_number: `MAT${pad(i, 6)}`,
    material_model: '500ml',
    stock_id: snowflake(i % 8),
    stock_name: `仓库 ${i % 8}`,
    stock_number: `CK${i % 8}`,
    sp_id: i % 2 === 0 ? snowflake(i + 3) : '0',
    sp_name: i % 2 === 0 ? `A-${i % 100}` : '',
    sp_number: i % 2 === 0 ? `A${i % 100}` : '',
    aux_prop_id: i % 5 === 0 ? snowflake(i + 7) : '0',
    aux_prop_name: i % 5 === 0 ? '红色' : '',
    aux_prop_number: i % 5 === 0 ? 'RED' : '',
    batch_no: i % 4 === 0 ? `B${pad(i, 6)}` : '',
    kf_date: i % 4 === 0 ? '2023-09-15' : '',
    kf_period: i % 4 === 0 ? '365' : '0',
    kf_type: i % 4 === 0 ? '1' : '',
    valid_date: i % 4 === 0 ? '2024-09-14' : '',
    qty: (mix(i, 8, 10_000) / 4).toFixed(4),
    valid_qty: (mix(i, 9, 10_000) / 4).toFixed(4),
  };
}

export function kingdeeScmBody(rows: number): string {
  const list = Array.from({ length: rows }, (_, i) => kingdeeScmRow(i));
  return JSON.stringify({
    data: {
      count: String(rows),
      page: 1,
      page_size: rows,
      current_page_size: rows,
      total_page: 1,
      rows: list,
    },
    description: 'success',
    errcode: 0,
  });
}
