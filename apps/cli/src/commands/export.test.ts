import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransportError } from '@inv/core';
import { describe, expect, it } from 'vitest';
import { exportStateSchema } from '../export-state.js';
import { fakeFactories, fakeProvider, run } from '../test-support/harness.js';
import { record } from '../test-support/records.js';

const pagesOf = (provider: 'kingdee' | 'winit', count: number) =>
  Array.from({ length: count }, (_, page) =>
    Array.from({ length: 3 }, (_, i) =>
      record({
        provider,
        sku: `${provider}-${page}-${i}`,
        name: `名 "${page},${i}"`,
        onHand: `${page}.${i}5`,
      }),
    ),
  );

function factories(options: { winitFailOnPage?: number } = {}) {
  return fakeFactories({
    kingdee: () => ({ provider: fakeProvider({ id: 'kingdee', pages: pagesOf('kingdee', 3) }) }),
    winit: () => ({
      provider: fakeProvider({
        id: 'winit',
        pages: pagesOf('winit', 4),
        ...(options.winitFailOnPage === undefined
          ? {}
          : {
              failOnPage: {
                index: options.winitFailOnPage,
                error: new TransportError('connection reset', {
                  provider: 'winit',
                  retryable: true,
                }),
              },
            }),
      }),
    }),
  });
}

async function workdir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'inv-export-'));
}

async function fullExport(name: string, extra: string[] = []): Promise<string> {
  const cwd = await workdir();
  const result = await run(['export', '--all', '--out', name, ...extra], {
    cwd,
    factories: factories(),
  });
  expect(result.code).toBe(0);
  return readFile(join(cwd, name), 'utf8');
}

describe('inv export', () => {
  it('writes every provider, page by page, and removes the state file when complete', async () => {
    const cwd = await workdir();
    const result = await run(['export', '--all', '--out', 'stock.csv'], {
      cwd,
      factories: factories(),
    });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toBe('inv: wrote 21 rows (7 pages) to stock.csv\n');
    const lines = (await readFile(join(cwd, 'stock.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^provider,key,sku,/);
    expect(lines).toHaveLength(22);
    expect(lines[1]).toMatch(/^kingdee,/);
    expect(lines[21]).toMatch(/^winit,.*winit-3-2/);
    expect(existsSync(join(cwd, 'stock.csv.inv-state.json'))).toBe(false);
  });

  it('takes the format from the extension and the providers from --provider', async () => {
    const text = await fullExport('w.jsonl', ['--provider', 'winit']);
    const rows = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.provider === 'winit' && r.raw === undefined)).toBe(true);
  });

  it('resumes after --max-pages to a file identical to an uninterrupted export', async () => {
    for (const name of ['stock.csv', 'stock.jsonl']) {
      const expected = await fullExport(name);
      const cwd = await workdir();
      const out = join(cwd, name);
      const first = await run(['export', '--all', '--out', name, '--max-pages', '4'], {
        cwd,
        factories: factories(),
      });
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/stopped after 12 rows \(4 pages\).*--resume/);
      const state = exportStateSchema.parse(
        JSON.parse(await readFile(`${out}.inv-state.json`, 'utf8')),
      );
      expect(state).toMatchObject({ providers: ['kingdee', 'winit'], rows: 12, pages: 4 });
      // 3 Kingdee pages, then Winit's first: Winit's cursor resumes at its second page.
      expect(state.next).toEqual({ provider: 1, cursor: { page: 1 } });
      expect(state.bytes).toBe((await stat(out)).size);
      const second = await run(['export', '--all', '--out', name, '--resume', '--max-pages', '1'], {
        cwd,
        factories: factories(),
      });
      expect(second.stderr).toMatch(/^inv: resuming .* after 12 rows \(4 pages\)/);
      const third = await run(['export', '--out', name, '--resume'], {
        cwd,
        factories: factories(),
      });
      expect(third.code).toBe(0);
      expect(await readFile(out, 'utf8')).toBe(expected);
      expect(existsSync(`${out}.inv-state.json`)).toBe(false);
    }
  });

  it('drops a half-written page on resume (a crash between rows and state)', async () => {
    const expected = await fullExport('stock.csv');
    const cwd = await workdir();
    const out = join(cwd, 'stock.csv');
    await run(['export', '--out', 'stock.csv', '--max-pages', '2'], {
      cwd,
      factories: factories(),
    });
    await appendFile(out, 'kingdee,partial row that never got its state\n');
    const resumed = await run(['export', '--out', 'stock.csv', '--resume'], {
      cwd,
      factories: factories(),
    });
    expect(resumed.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(expected);
  });

  it('keeps the state of the last full page when the provider fails, and resumes from it', async () => {
    const expected = await fullExport('stock.jsonl');
    const cwd = await workdir();
    const failed = await run(['export', '--out', 'stock.jsonl'], {
      cwd,
      factories: factories({ winitFailOnPage: 2 }),
    });
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(
      /^inv: winit: connection reset \[INV_TRANSPORT\]\. Fix: check the network and INV_WINIT_BASE_URL/,
    );
    const state = JSON.parse(await readFile(join(cwd, 'stock.jsonl.inv-state.json'), 'utf8'));
    expect(state.next).toEqual({ provider: 1, cursor: { page: 2 } });
    const resumed = await run(['export', '--out', 'stock.jsonl', '--resume'], {
      cwd,
      factories: factories(),
    });
    expect(resumed.code).toBe(0);
    expect(await readFile(join(cwd, 'stock.jsonl'), 'utf8')).toBe(expected);
  });

  it('stops at once on Ctrl-C, leaving a resumable state', async () => {
    const cwd = await workdir();
    const controller = new AbortController();
    controller.abort();
    const result = await run(['export', '--out', 'x.csv'], {
      cwd,
      factories: factories(),
      signal: controller.signal,
    });
    expect(result.code).toBe(130);
    const state = JSON.parse(await readFile(join(cwd, 'x.csv.inv-state.json'), 'utf8'));
    expect(state).toMatchObject({ next: { provider: 0, cursor: null }, rows: 0 });
  });

  it('refuses to clobber an interrupted export, to resume nothing, or to resume other options', async () => {
    const cwd = await workdir();
    await run(['export', '--out', 's.csv', '--max-pages', '1'], { cwd, factories: factories() });
    const again = await run(['export', '--out', 's.csv'], { cwd, factories: factories() });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /an interrupted export of .*s\.csv exists .* Fix: continue it with --resume, or start over with --force/,
    );
    const other = await run(['export', '--out', 's.csv', '--resume', '--provider', 'winit'], {
      cwd,
      factories: factories(),
    });
    expect(other.stderr).toMatch(
      /cannot resume: .* providers kingdee,winit, this run asks for winit/,
    );
    const forced = await run(['export', '--out', 's.csv', '--force'], {
      cwd,
      factories: factories(),
    });
    expect(forced.code).toBe(0);
    const nothing = await run(['export', '--out', 's.csv', '--resume'], {
      cwd,
      factories: factories(),
    });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to resume/);
  });

  it('refuses to resume over a file shorter than the state says', async () => {
    const cwd = await workdir();
    await run(['export', '--out', 's.csv', '--max-pages', '2'], { cwd, factories: factories() });
    await writeFile(join(cwd, 's.csv'), 'short');
    const result = await run(['export', '--out', 's.csv', '--resume'], {
      cwd,
      factories: factories(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is 5 bytes, shorter than the \d+ bytes recorded/);
  });

  it('needs --out with a known format', async () => {
    expect((await run(['export', '--all'])).stderr).toBe(
      'inv: inv export needs --out <file>. Fix: run inv export --help\n',
    );
    const unknown = await run(['export', '--out', 'x.xlsx']);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/cannot tell the format of .*x\.xlsx/);
  });
});
