import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { detectDrift, formatDriftTable, isBreaking } from './drift.js';

const row = z.looseObject({
  id: z.string(),
  qty: z.union([z.number(), z.string()]),
  valid_qty: z.number(),
  name: z.string().optional(),
});
const envelope = z.object({ errcode: z.number(), data: z.object({ rows: z.array(row) }) });

describe('detectDrift', () => {
  it('finds nothing in a conforming response', () => {
    expect(
      detectDrift(envelope, { errcode: 0, data: { rows: [{ id: '1', qty: '2', valid_qty: 3 }] } }),
    ).toEqual([]);
  });

  it('reports unknown fields, type changes and missing fields with counts', () => {
    const drifts = detectDrift(envelope, {
      errcode: 0,
      extra: true,
      data: {
        rows: [
          { id: '1', qty: 1, valid_qty: '3', color: 'red' },
          { id: '2', qty: 1, valid_qty: '4', color: 'blue' },
          { qty: 1, valid_qty: 4 },
        ],
      },
    });
    expect(drifts).toEqual(
      expect.arrayContaining([
        { path: 'extra', kind: 'unknown-field', actual: 'boolean', count: 1 },
        { path: 'data.rows[].color', kind: 'unknown-field', actual: 'string', count: 2 },
        {
          path: 'data.rows[].valid_qty',
          kind: 'type-change',
          expected: 'number',
          actual: 'string',
          count: 2,
        },
        { path: 'data.rows[].id', kind: 'missing-field', expected: 'string', count: 1 },
      ]),
    );
    expect(drifts).toHaveLength(4);
    expect(
      drifts
        .filter(isBreaking)
        .map((d) => d.kind)
        .sort(),
    ).toEqual(['missing-field', 'type-change']);
  });

  it('does not report an optional field that is absent, nor a union member', () => {
    expect(detectDrift(row, { id: '1', qty: 'x', valid_qty: 1 })).toEqual([]);
  });

  it('reports a type the schema tolerates but the documented sample does not show, as tolerated', () => {
    const documented = { errcode: 0, data: { rows: [{ id: '1', qty: 2, valid_qty: 3 }] } };
    const drifts = detectDrift(
      envelope,
      {
        errcode: 0,
        data: {
          rows: [
            { id: '1', qty: '2', valid_qty: 3.5 },
            { id: '2', qty: 4, valid_qty: 1 },
          ],
        },
      },
      { documented },
    );
    expect(drifts).toEqual([
      {
        path: 'data.rows[].qty',
        kind: 'type-change',
        expected: 'number',
        actual: 'string',
        count: 1,
        tolerated: true,
      },
    ]);
    expect(drifts.filter(isBreaking)).toEqual([]);
    const nullable = z.object({ n: z.number().nullable() });
    expect(detectDrift(nullable, { n: null }, { documented: { n: 1 } })).toEqual([]);
    expect(formatDriftTable(drifts)).toContain(
      '| data.rows[].qty | type-change (tolerated) | number | string | 1 |',
    );
  });

  it('renders a readable table, breaking drifts first', () => {
    const table = formatDriftTable(
      detectDrift(envelope, {
        errcode: '0',
        data: { rows: [{ id: '1', qty: 1, valid_qty: 1, more: 1 }] },
      }),
      'kingdee inv_synchronous',
    );
    expect(table.split('\n')).toEqual([
      'kingdee inv_synchronous:',
      '| field | change | documented | received | seen |',
      '| --- | --- | --- | --- | --- |',
      '| errcode | type-change (breaking) | number | string | 1 |',
      '| data.rows[].more | unknown-field |  | integer | 1 |',
    ]);
    expect(formatDriftTable([])).toBe('Schema drift: none');
  });
});
