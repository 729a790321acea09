import { randomBytes } from 'node:crypto';
import { KINGDEE_SANDBOX_CREDENTIALS, KINGDEE_TOKEN_LIFETIME_MS } from '@inv/kingdee-protocol';
import { createKingdeeInventoryState } from './providers/kingdee-data.js';
import { createWinitSandboxState } from './providers/winit-data.js';

/** Samples taken from the default dataset (seed 20240101), for operations without a documented one. */
export interface DefaultDatasetSamples {
  /** Two inventory-row ids, as `inv_synchronous` takes them: `[id1,id2]`. */
  kingdeeIds: string;
  /** The `inv_synchronous` answer for {@link kingdeeIds}. */
  invSynchronousAnswer: unknown;
  /** The first `scm/inventory` page of two rows. */
  scmInventoryAnswer: unknown;
  /** A `batch.query` request's `data` for a merchandise that exists in a warehouse. */
  winitBatchQueryData: { warehouseCode: string; merchandises: { merchandiseCode: string }[] };
  /** The `queryWarehouse` answer. */
  winitWarehousesAnswer: unknown;
}

let cached: DefaultDatasetSamples | undefined;

/**
 * Samples from the dataset a fresh sandbox serves, so every example answers as shown. Built once:
 * the default dataset is deterministic, and a document is built for every request of it.
 */
export function defaultDatasetSamples(): DefaultDatasetSamples {
  if (cached) return cached;
  const kingdee = createKingdeeInventoryState();
  const positions = kingdee.positions().slice(0, 2);
  const ids = positions.map((position) => position.row.id);
  const scmRows = positions.map((position) => kingdee.scmRow(position));
  const winit = createWinitSandboxState();
  const first = winit.rows()[0];
  if (!first) throw new Error('the default Winit dataset has no rows');
  cached = {
    kingdeeIds: `[${ids.join(',')}]`,
    invSynchronousAnswer: {
      data: { rows: kingdee.rowsByIds(ids) },
      description: 'success',
      errcode: 0,
    },
    scmInventoryAnswer: {
      data: {
        count: String(kingdee.size),
        page: 1,
        page_size: 2,
        current_page_size: scmRows.length,
        total_page: Math.ceil(kingdee.size / 2),
        rows: scmRows,
      },
      description: 'success',
      errcode: 0,
    },
    winitBatchQueryData: {
      warehouseCode: first.warehouseCode,
      merchandises: [{ merchandiseCode: first.merchandiseCode }],
    },
    winitWarehousesAnswer: {
      code: '0',
      msg: '操作成功',
      data: winit.warehouses().map((warehouse) => ({ ...warehouse })),
    },
  };
  return cached;
}

/** The sandbox account's `push_app_authorize` answer (what the Kingdee route returns for it). */
export function pushAppAuthorizeAnswer(now: number): unknown {
  const account = KINGDEE_SANDBOX_CREDENTIALS.account;
  return {
    data: [
      {
        appKey: account.appKey,
        appSecret: account.appSecret,
        domain: account.domain,
        status: 1,
        outerInstanceId: account.outerInstanceId,
        accountId: account.accountId,
        accountName: account.accountName,
        groupName: account.groupName,
        serviceId: 'jdy',
        tid: account.outerInstanceId,
        instanceExpiresTime: now + 365 * 86_400_000,
      },
    ],
    description: '成功',
    errcode: 0,
  };
}

/** A `kingdee_auth_token` answer of the sandbox's shape (the token itself differs on every call). */
export function authTokenAnswer(now: number): unknown {
  return {
    data: {
      access_token: randomBytes(16).toString('hex'),
      'app-token': randomBytes(32).toString('base64url'),
      expires: now + KINGDEE_TOKEN_LIFETIME_MS,
      uid: 1,
    },
    description: '成功',
    errcode: 0,
  };
}
