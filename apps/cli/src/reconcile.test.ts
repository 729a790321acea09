import { describe, expect, it } from 'vitest';
import type { MappingEntry } from './mapping.js';
import { buildReport, compareLine, createTallies } from './reconcile.js';
import { record } from './test-support/records.js';

const entry = (
  line: number,
  material: string,
  code: string,
  specification: string | null = null,
): MappingEntry => ({
  line,
  kingdee: { materialNumber: material, stockNumber: 'CK01' },
  winit: { merchandiseCode: code, specification, warehouseCode: 'US0001' },
});

const k = (sku: string, available: string | null, warehouse = 'CK01') =>
  record({ provider: 'kingdee', sku, warehouse, available, onHand: '100' });
const w = (
  sku: string,
  available: string | null,
  variant: string | null = null,
  warehouse = 'US0001',
) => record({ provider: 'winit', sku, warehouse, variant, available, onHand: '100' });

describe('reconcile', () => {
  it('sums each side per mapping line and reports exact differences', () => {
    const mapping = [entry(2, 'M-1', 'W-1'), entry(3, 'M-2', 'W-2'), entry(4, 'M-3', 'W-3', 'Red')];
    const tallies = createTallies(mapping, 'available');
    // Kingdee M-1 spread over two bins/batches; 0.1 + 0.2 must be exactly 0.3.
    for (const r of [k('M-1', '0.1'), k('M-1', '0.2'), k('M-2', '5'), k('M-3', '1')])
      tallies.addKingdee(r);
    // Noise: other warehouse, other SKU, other specification.
    for (const r of [k('M-1', '99', 'CK02'), k('M-9', '1')]) tallies.addKingdee(r);
    for (const r of [
      w('W-1', '0.3'),
      w('W-2', '3'),
      w('W-2', '1.5'),
      w('W-3', '1', 'Red'),
      w('W-3', '7', 'Blue'),
      w('W-1', '9', null, 'UK0001'),
    ]) {
      tallies.addWinit(r);
    }
    const report = buildReport(mapping, tallies, '0');
    expect(
      report.rows.map((r) => [r.entry.line, r.kingdee, r.winit, r.difference, r.status]),
    ).toEqual([
      [2, '0.3', '0.3', '0', 'ok'],
      [3, '5', '4.5', '-0.5', 'differs'],
      [4, '1', '1', '0', 'ok'],
    ]);
    expect(report).toMatchObject({ differing: 1, overThreshold: 1, absent: 0 });
  });

  it('a line without specification sums every specification of the code', () => {
    const mapping = [entry(2, 'M-1', 'W-1')];
    const tallies = createTallies(mapping, 'onHand');
    tallies.addKingdee(k('M-1', null));
    tallies.addWinit(w('W-1', '1', 'Red'));
    tallies.addWinit(w('W-1', '1', 'Blue'));
    const [row] = buildReport(mapping, tallies, '0').rows;
    expect(row).toMatchObject({
      kingdee: '100',
      winit: '200',
      difference: '100',
      status: 'differs',
    });
  });

  it('applies the threshold to the absolute difference, strictly', () => {
    const tally = (sum: string) => ({ rows: 1, sum, unreported: 0 });
    const at = (kq: string, wq: string, threshold: string) =>
      compareLine(entry(2, 'M', 'W'), tally(kq), tally(wq), threshold).overThreshold;
    expect(at('10', '7', '3')).toBe(false);
    expect(at('10', '7', '2.99')).toBe(true);
    expect(at('7', '10', '3')).toBe(false);
    expect(at('7', '10.5', '3')).toBe(true);
  });

  it('counts a missing side as zero and flags lines with no stock anywhere', () => {
    const mapping = [entry(2, 'M-1', 'W-1'), entry(3, 'M-2', 'W-2'), entry(4, 'M-3', 'W-3')];
    const tallies = createTallies(mapping, 'available');
    tallies.addKingdee(k('M-1', '4'));
    tallies.addWinit(w('W-2', '2'));
    const report = buildReport(mapping, tallies, '1');
    expect(report.rows.map((r) => [r.status, r.difference, r.overThreshold])).toEqual([
      ['missing-in-winit', '-4', true],
      ['missing-in-kingdee', '2', true],
      ['absent', '0', false],
    ]);
    expect(report).toMatchObject({ differing: 2, overThreshold: 2, absent: 1 });
  });

  it('never treats an unreported quantity as zero', () => {
    const mapping = [entry(2, 'M-1', 'W-1')];
    const tallies = createTallies(mapping, 'available');
    tallies.addKingdee(k('M-1', '4'));
    tallies.addWinit(w('W-1', null));
    const [row] = buildReport(mapping, tallies, '1000').rows;
    expect(row).toMatchObject({
      kingdee: '4',
      winit: null,
      difference: null,
      status: 'unreported',
      overThreshold: true,
    });
  });
});
