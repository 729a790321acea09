import { type RunningSandbox, startSandbox } from '@inv/sandbox';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFactories } from './default-providers.js';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('default Winit provider (sandbox over HTTP)', () => {
  const winit = () =>
    defaultFactories.winit({
      appKey: WINIT_SANDBOX_CREDENTIALS.appKeys[0],
      token: WINIT_SANDBOX_CREDENTIALS.token,
      baseURL: sandbox.url,
    });

  it('counts the rows of a multi-segment sync, for the progress percentage', async () => {
    const cli = winit();
    let rows = 0;
    for await (const page of cli.provider.inventory.pages?.() ?? []) {
      // Several warehouses × service types × grades: the pages announce no whole-sync total.
      expect(page.total).toBeUndefined();
      rows += page.items.length;
    }
    expect(rows).toBeGreaterThan(0);
    expect(await cli.countRows?.({})).toBe(rows);
    let inUs = 0;
    for await (const page of cli.provider.inventory.pages?.({
      warehouseCodes: ['US0001'],
    } as object) ?? []) {
      inUs += page.items.length;
    }
    expect(await cli.countRows?.({ extra: { warehouseCodes: ['US0001'] } })).toBe(inUs);
  }, 60_000);

  it('lists the warehouse codes, to refuse an unknown --warehouse', async () => {
    expect(await winit().warehouseCodes?.()).toContain('US0001');
  });
});
