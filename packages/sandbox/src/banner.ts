import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import type { DatasetStates } from './dataset.js';

/** How many example ids and SKUs the banner names: enough to try a lookup, few enough to read. */
const EXAMPLES = 3;

/** A value as a POSIX shell word: bare when it is safe, single-quoted otherwise. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The environment variables that point the README snippets, `inv` and `inv-contract --live` at a
 * sandbox at `url`: base URLs, the public test credentials, and ids, SKUs and a warehouse that exist
 * in the data it serves now. The names are the ones `@inv/cli` and `@inv/contract` read.
 */
export function sandboxEnvironment(url: string, states: DatasetStates): [string, string][] {
  const k = KINGDEE_SANDBOX_CREDENTIALS;
  const w = WINIT_SANDBOX_CREDENTIALS;
  const kingdeeRows = states.kingdee.positions().map((position) => position.row);
  const kingdeeIds = kingdeeRows.slice(0, EXAMPLES).map((row) => row.id);
  const kingdeeSkus = distinct(kingdeeRows.map((row) => String(row.material_number)));
  // US0001 when the data has it (what the README examples use), else the first warehouse with stock.
  const winitRows = states.winit.rows();
  const warehouse = winitRows.some((row) => row.warehouseCode === 'US0001')
    ? 'US0001'
    : winitRows[0]?.warehouseCode;
  const winitSkus = distinct(
    winitRows.filter((row) => row.warehouseCode === warehouse).map((row) => row.merchandiseCode),
  );
  const entries: [string, string | undefined][] = [
    ['INV_SANDBOX_URL', url],
    ['INV_KINGDEE_BASE_URL', url],
    ['INV_KINGDEE_CLIENT_ID', k.clientId],
    ['INV_KINGDEE_CLIENT_SECRET', k.clientSecret],
    ['INV_KINGDEE_OUTER_INSTANCE_ID', k.account.outerInstanceId],
    ['INV_KINGDEE_IDS', kingdeeIds.join(',') || undefined],
    ['INV_KINGDEE_SKUS', kingdeeSkus.join(',') || undefined],
    ['INV_WINIT_BASE_URL', url],
    ['INV_WINIT_APP_KEY', w.appKeys[0]],
    ['INV_WINIT_TOKEN', w.token],
    ['INV_WINIT_WAREHOUSE_CODE', warehouse],
    ['INV_WINIT_SKUS', winitSkus.join(',') || undefined],
  ];
  return entries.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].slice(0, EXAMPLES);
}

/** The start banner: where each gateway is, the test credentials, and ready-to-paste exports. */
export function renderBanner(url: string, states: DatasetStates): string {
  const k = KINGDEE_SANDBOX_CREDENTIALS;
  const w = WINIT_SANDBOX_CREDENTIALS;
  const stockNumbers = [
    ...new Set(states.kingdee.positions().map((position) => String(position.row.stock_number))),
  ].sort();
  const warehouses = states.winit.warehouses().map((warehouse) => warehouse.warehouseCode);
  return [
    `inv sandbox listening on ${url}`,
    '',
    `  Kingdee JDY gateway  ${url}  (/jdyconnector/app_management/..., /jdy/v2/...)`,
    `    client_id ${k.clientId}  client_secret ${k.clientSecret}`,
    `    account outerInstanceId ${k.account.outerInstanceId}  appKey ${k.account.appKey}  appSecret ${k.account.appSecret}  domain ${k.account.domain}`,
    `    warehouses (stock_number) ${stockNumbers.join(' ') || '(none)'}`,
    `  Winit gateway        ${url}/openapi/service`,
    `    app_key ${w.appKeys.join(' or ')}  token ${w.token}  (app mode: client_id ${w.clientId}  client_secret ${w.clientSecret})`,
    `    warehouses ${warehouses.join(' ') || '(none)'}`,
    '',
    `  API docs             ${url}/docs`,
    `  OpenAPI              ${url}/openapi/kingdee.json  ${url}/openapi/winit.json`,
    `  Admin                ${url}/_sandbox  (reset, dataset, stock, changes, requests, stubs, faults, subscriptions, deliveries)`,
    `  Health               ${url}/health`,
    '',
    '  Point the README examples, `inv` and `inv-contract --live` at this sandbox (paste into a shell):',
    '',
    ...sandboxEnvironment(url, states).map(([name, value]) => `export ${name}=${shellWord(value)}`),
    '',
    '  These are public test credentials: they open this sandbox only.',
  ].join('\n');
}
