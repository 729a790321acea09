import { describe, expect, it } from 'vitest';
import { record } from '../test-support/records.js';
import { RECORD_COLUMNS } from './columns.js';
import { createFormatter, recordShape } from './formatter.js';

const pages = [
  [record({ sku: 'A', onHand: '1.5' }), record({ sku: 'B, "quoted"', available: null })],
  [record({ sku: 'C', name: '商品 C' })],
];

function render(format: Parameters<typeof createFormatter>[0], raw = false): string {
  const formatter = createFormatter(format, recordShape({ raw }));
  return formatter.header() + pages.map((p) => formatter.rows(p)).join('') + formatter.footer();
}

describe('record formatter', () => {
  it('jsonl: one record per line, without raw unless asked', () => {
    const lines = render('jsonl').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const first = JSON.parse(lines[0] as string);
    expect(first.item.sku).toBe('A');
    expect(first.quantities.onHand).toBe('1.5');
    expect(first).not.toHaveProperty('raw');
    expect(JSON.parse(render('jsonl', true).split('\n')[0] as string).raw).toEqual({ sku: 'A' });
  });

  it('json: one valid array streamed across pages, and [] when empty', () => {
    const parsed = JSON.parse(render('json'));
    expect(parsed.map((r: { item: { sku: string } }) => r.item.sku)).toEqual([
      'A',
      'B, "quoted"',
      'C',
    ]);
    const empty = createFormatter('json', recordShape({ raw: false }));
    expect(JSON.parse(empty.header() + empty.rows([]) + empty.footer())).toEqual([]);
  });

  it('csv: header of every column, quoted cells, empty cell for unreported quantities', () => {
    const lines = render('csv').trimEnd().split('\n');
    expect(lines[0]).toBe(RECORD_COLUMNS.map((c) => c.name).join(','));
    expect(lines[0]).toContain('sku,variant,name');
    expect(lines[2]).toContain('"B, ""quoted"""');
    const available = RECORD_COLUMNS.findIndex((c) => c.name === 'available');
    expect(lines[2]?.split(',').length).toBeGreaterThan(available);
    expect(lines).toHaveLength(4);
  });

  it('table: readable columns, - for unreported quantities', () => {
    const out = render('table');
    const [header, , second] = out.split('\n');
    expect(header).toMatch(/^SKU\s+VARIANT\s+NAME\s+WAREHOUSE/);
    expect(header).toContain('AVAILABLE');
    expect(out).toContain('商品 C');
    expect(second).toMatch(/B, "quoted"/);
    expect(second?.split(/\s+/)).toContain('-');
  });
});
