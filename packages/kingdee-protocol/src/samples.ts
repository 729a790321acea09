/**
 * Documented samples of the 库存同步列表 page (seeds/kingdee-inv-synchronous.md, open.jdy.com), carried
 * as constants because the sandbox replays them at runtime and must not read files.
 */

/** The documented request example. `ids=[],d=true` is a doc-generator artefact (§11.1): never send `d=true`. */
export const INV_SYNCHRONOUS_REQUEST_SAMPLE = {
  method: 'GET',
  url: 'https://api.kingdee.com/jdy/v2/inv/inv_synchronous?ids=[],d=true',
  path: '/jdy/v2/inv/inv_synchronous',
  rawQuery: 'ids=[],d=true',
  headers: {
    'Content-Type': 'application/json',
    'X-Api-ClientID': '205022',
    'X-Api-Auth-Version': '2.0',
    'X-Api-TimeStamp': '1655775240000',
    'X-Api-Nonce': '1655775240000',
    'X-Api-SignHeaders': 'X-Api-TimeStamp,X-Api-Nonce',
    'X-Api-Signature': 'xxx',
    'app-token': 'xxx',
    'X-GW-Router-Addr': 'https://tf.jdy.com',
  },
} as const;

/**
 * The documented response sample, byte for byte as published (2-space indentation, keys sorted).
 * Placeholder values such as `kf_date: "2"` are Kingdee's (§11.3).
 */
export const INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT: string = `{
  "data": {
    "rows": [
      {
        "aux_prop_id": "0001",
        "aux_prop_name": "辅助属性1",
        "aux_qty": 1,
        "auxprop_number": "0001",
        "batch_no": "001",
        "exp_valid_aux_qty": 1,
        "exp_valid_qty": 1,
        "id": "2",
        "kf_date": "2",
        "kf_period": 12,
        "kf_type": "1",
        "material_id": "8440",
        "material_name": "8440",
        "material_number": "8440",
        "other_pre_in_aux_qty": 1,
        "other_pre_in_qty": 11,
        "other_pre_out_aux_qty": 1,
        "other_pre_out_qty": 1,
        "pur_pre_in_qty": 1,
        "pur_prein_aux_qty": 1,
        "pur_transit_aux_qty": 1,
        "pur_transit_qty": 1,
        "qty": 1,
        "sal_lock_aux_qty": 11,
        "sal_lock_qty": 1,
        "sal_occupy_aux_qty": 1,
        "sal_occupy_qty": 11,
        "sal_pre_out_aux_qty": 1,
        "sal_pre_out_qty": 1,
        "sp_id": "121",
        "sp_name": "121",
        "sp_number": "121",
        "stock_id": "1",
        "stock_name": "1",
        "stock_number": "1",
        "tf_pre_out_aux_qty": 11,
        "tf_pre_out_qty": 11,
        "tf_transit_aux_qty": 1,
        "tf_transit_qty": 1,
        "valid_aux_qty": 1,
        "valid_date": "15"
      }
    ]
  },
  "description": "success",
  "errcode": 0
}`;

/** {@link INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT} parsed. */
export const INV_SYNCHRONOUS_RESPONSE_SAMPLE: {
  data: { rows: Record<string, string | number>[] };
  description: string;
  errcode: number;
} = JSON.parse(INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT);

/**
 * Kingdee's signed example from the open.jdy.com page 加密规则 (vector `doc-auth-token`): replays
 * under a clock frozen at `timestamp` with the documented client 200421.
 */
export const DOCUMENTED_SIGNATURE_EXAMPLE = {
  clientId: '200421',
  clientSecret: 'f2adcfef73369bfc4e1384677d38a0ff',
  method: 'GET',
  path: '/jdyconnector/app_management/kingdee_auth_token',
  query: {
    app_key: 'bVZgAZOv1',
    app_signature:
      'MzZlYTk0ODk4MWZlNjdiODNmNWU4YzViNzYxNGM5MTFlOGJkN2NjMzk0MTJkZGNhZGM0NzZhN2YxZDJmOTlkZA==',
  },
  nonce: '4427456950',
  timestamp: '1670305063559',
  stringToSign:
    'GET\n%2Fjdyconnector%2Fapp_management%2Fkingdee_auth_token\napp_key=bVZgAZOv1&app_signature=MzZlYTk0ODk4MWZlNjdiODNmNWU4YzViNzYxNGM5MTFlOGJkN2NjMzk0MTJkZGNhZGM0NzZhN2YxZDJmOTlkZA%253D%253D\nx-api-nonce:4427456950\nx-api-timestamp:1670305063559\n',
  signature:
    'OTFiZTliNDFiMjNkYTI3YzVhNzg4MDI4ZGU3MWY1ZTA5ZTk1NjVlNGM1YTI1ZjIxY2Y5YTA3ZGY2OGI1MGQ1MQ==',
} as const;

/** Kingdee's app_signature example from the 获取app-token guide (vector `doc-app-signature`). */
export const DOCUMENTED_APP_SIGNATURE_EXAMPLE = {
  appKey: 'abc',
  appSecret: 'abc123',
  appSignature:
    'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==',
} as const;
