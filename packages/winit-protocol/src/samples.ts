/**
 * Documented samples and the sandbox's fake credentials. Copied from the Winit page
 * 批量查询分类库存 (docs/protocols/winit.md §10.1, §11.4, §12) so the sandbox can replay them at
 * runtime without reading the shared protocol folder. Texts keep the page's bytes (its listing has
 * no indentation); the parsed forms are the same values.
 */

/**
 * Sandbox test credentials, docs/protocols/winit.md §12 [assumed]. Fake: they only open the local sandbox.
 * Point a client at the sandbox with one of `appKeys` and `token` (and `clientId`/`clientSecret`
 * for app mode).
 */
export const WINIT_SANDBOX_CREDENTIALS = Object.freeze({
  appKeys: Object.freeze(['demo@example.com', 'rebecca'] as const),
  token: '0123456789ABCDEF0123456789ABCDEF',
  clientId: 'FAKECLIENTID',
  clientSecret: 'FAKECLIENTSECRET==',
});

/** First request example of the page ("按库存管理分类条件查询"), verbatim (placeholder sign). */
export const WINIT_SAMPLE_REQUEST_ATTRIBUTES_TEXT: string = `{
"action": "winit.inventory.type.pageInv",
"app_key": "rebecca",
"data": {
"warehouseCodes": "US0001",
"serviceType": "2C",
"merchandiseCode": "xxxxx",
"specification": null,
"inventoryAttribute":{
"skuCodeThird": "xxxxx",
"merchandiseGrade": "GOOD",
"organization": "xxxxx"
}
},
"format": "json",
"language": "zh_CN",
"platform": "sw",
"sign": "00000000000000000000000000000000",
"sign_method": "md5",
"timestamp": "2021-10-25 09:58:35",
"version": "1.0"
}`;

/** Second request example of the page ("聚合库存管理分类查询"), verbatim (placeholder sign). */
export const WINIT_SAMPLE_REQUEST_AGGREGATE_TEXT: string = `{
"action": "winit.inventory.type.pageInv",
"app_key": "rebecca",
"data": {
"warehouseCodes": "US0001",
"serviceType": "2C",
"merchandiseCode": "xxxxx",
"specification": null,
"aggregateInvManagerTypes": ["MERCHANDISE_GRADE","SKU_CODE_THIRD"]
},
"format": "json",
"language": "zh_CN",
"platform": "sw",
"sign": "00000000000000000000000000000000",
"sign_method": "md5",
"timestamp": "2021-10-25 09:58:35",
"version": "1.0"
}`;

/**
 * First response example of the page, verbatim. Note the documented quirks: `usableQty` and
 * `inStockQty` are strings, `frozenQty` a number, `version` absent (§11.1, §11.2, §11.5).
 */
export const WINIT_SAMPLE_RESPONSE_TEXT: string = `{
"code": "0",
"msg": "操作成功",
"data": {
"pageParams": {
"pageNo": 1,
"pageSize": 1,
"totalCount": 1
},
"list": [{
"warehouseCode": "US0001",
"usableQty": "0",
"merchandiseSerno": "0",
"specification": null,
"merchandiseCode": "",
"frozenQty": 22,
"inStockQty": "0",
"isActive": "Y",
"skuCodeThird": "xxxxx",
"merchandiseGrade": "GOOD",
"organization": "xxxxx"
}]
}
}`;

/** Second response example of the page (no `merchandiseGrade`), verbatim. */
export const WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT: string = `{
"code": "0",
"msg": "操作成功",
"data": {
"pageParams": {
"pageNo": 1,
"pageSize": 1,
"totalCount": 1
},
"list": [{
"warehouseCode": "US0001",
"usableQty": "0",
"merchandiseSerno": "0",
"specification": null,
"merchandiseCode": "",
"frozenQty": 22,
"inStockQty": "0",
"isActive": "Y",
"skuCodeThird": "xxxxx",
"organization": "xxxxx"
}]
}
}`;

/** Parsed {@link WINIT_SAMPLE_REQUEST_ATTRIBUTES_TEXT}. */
export const WINIT_SAMPLE_REQUEST_ATTRIBUTES: Readonly<Record<string, unknown>> = JSON.parse(
  WINIT_SAMPLE_REQUEST_ATTRIBUTES_TEXT,
);
/** Parsed {@link WINIT_SAMPLE_REQUEST_AGGREGATE_TEXT}. */
export const WINIT_SAMPLE_REQUEST_AGGREGATE: Readonly<Record<string, unknown>> = JSON.parse(
  WINIT_SAMPLE_REQUEST_AGGREGATE_TEXT,
);
/** Parsed {@link WINIT_SAMPLE_RESPONSE_TEXT}. */
export const WINIT_SAMPLE_RESPONSE: Readonly<Record<string, unknown>> = JSON.parse(
  WINIT_SAMPLE_RESPONSE_TEXT,
);
/** Parsed {@link WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT}. */
export const WINIT_SAMPLE_RESPONSE_AGGREGATE: Readonly<Record<string, unknown>> = JSON.parse(
  WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
);

/** The documented examples' clock: `2021-10-25 09:58:35` in UTC+8, as epoch milliseconds. */
export const WINIT_SAMPLE_EPOCH_MS: number = Date.UTC(2021, 9, 25, 1, 58, 35);
