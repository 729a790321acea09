import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertResumable,
  type ExportState,
  positionAfter,
  readExportState,
  removeExportState,
  statePathFor,
  writeExportState,
} from './export-state.js';

const state: ExportState = {
  version: 1,
  format: 'csv',
  raw: false,
  providers: ['kingdee', 'winit'],
  pageSize: null,
  next: { provider: 1, cursor: { warehouseCode: 'US0001', pageNo: 3, startTime: null } },
  bytes: 1234,
  rows: 20,
  pages: 4,
};

describe('export state', () => {
  it('lives beside the output', () => {
    expect(statePathFor('/data/stock.csv')).toBe('/data/stock.csv.inv-state.json');
  });

  it('moves to the next provider, then to done, when a provider has no next page', () => {
    expect(positionAfter(0, { page: 2 }, 2)).toEqual({ provider: 0, cursor: { page: 2 } });
    expect(positionAfter(0, null, 2)).toEqual({ provider: 1, cursor: null });
    expect(positionAfter(1, null, 2)).toBeNull();
  });

  it('round-trips through an atomic write and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inv-state-'));
    const path = join(dir, 'out.csv.inv-state.json');
    expect(await readExportState(path)).toBeNull();
    await writeExportState(path, state);
    await writeExportState(path, { ...state, pages: 5 });
    expect(await readExportState(path)).toEqual({ ...state, pages: 5 });
    expect(await readdir(dir)).toEqual(['out.csv.inv-state.json']);
    await removeExportState(path);
    await removeExportState(path);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a file that is not a state file, naming the fix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inv-state-'));
    const path = join(dir, 's.json');
    await writeFile(path, '{"version":1,"format":"xml"}');
    await expect(readExportState(path)).rejects.toMatchObject({
      exitCode: 2,
      fix: 'start the export over with --force',
    });
  });

  it('refuses to resume with other options', () => {
    const request = {
      format: 'csv' as const,
      raw: false,
      providers: undefined,
      pageSize: undefined,
    };
    expect(() => assertResumable(state, request, 's')).not.toThrow();
    expect(() => assertResumable(state, { ...request, format: 'jsonl' }, 's')).toThrow(
      'cannot resume: s was written with format csv, this run asks for jsonl',
    );
    expect(() => assertResumable(state, { ...request, providers: ['winit'] }, 's')).toThrow(
      /providers kingdee,winit/,
    );
    expect(() => assertResumable(state, { ...request, pageSize: 50 }, 's')).toThrow(/--page-size/);
  });
});
