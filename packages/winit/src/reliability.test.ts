/**
 * The shared client reliability suites (`@inv/reliability-tests`: bad answers, resume, secrets,
 * sync under faults) run against the Winit client, plus the scenarios only Winit has.
 */
import { describeReliability, failure, useScriptedGateway } from '@inv/reliability-tests';
import { describe, expect, it } from 'vitest';
import {
  bySku,
  scriptedClient,
  winitAdapter,
  winitAnswer,
} from './test-support/reliability-adapter.js';

describeReliability(winitAdapter);

describe('winit client facing bad answers only Winit can give', () => {
  const gateway = useScriptedGateway();

  it('a non-zero code is an error even when msg says success (msg never decides)', async () => {
    gateway.script({ body: JSON.stringify({ code: '2001', msg: '操作成功', data: '' }) });
    const error = await failure(() => bySku(scriptedClient(gateway.url)));
    expect(error.code).toBe('INV_INVALID_REQUEST');
  });

  it('documented coercions: code 0 as a number is success, "" and null quantities are null', async () => {
    gateway.script({ body: winitAnswer({ inStockQty: '', usableQty: null }, { code: 0 }) });
    const [record] = await bySku(scriptedClient(gateway.url));
    expect(record?.quantities.onHand).toBeNull();
    expect(record?.quantities.available).toBeNull();
  });
});
