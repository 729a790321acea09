import { describe, expect, it } from 'vitest';
import { CliError } from './errors.js';
import { parseMapping } from './mapping.js';

function message(text: string): string {
  try {
    parseMapping(text, 'mapping.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error('expected the mapping to be refused');
}

describe('parseMapping', () => {
  it('reads every column, in any order, with camelCase headers and an optional specification', () => {
    const entries = parseMapping(
      [
        'warehouseCode,merchandise_code,Material Number,stock_number,specification,note',
        'US0001,W-1,M-1,CK01,,first',
        'US0001,W-2,M-2,CK01,Red,',
        '',
      ].join('\r\n'),
      'mapping.csv',
    );
    expect(entries).toEqual([
      {
        line: 2,
        kingdee: { materialNumber: 'M-1', stockNumber: 'CK01' },
        winit: { merchandiseCode: 'W-1', specification: null, warehouseCode: 'US0001' },
      },
      {
        line: 3,
        kingdee: { materialNumber: 'M-2', stockNumber: 'CK01' },
        winit: { merchandiseCode: 'W-2', specification: 'Red', warehouseCode: 'US0001' },
      },
    ]);
  });

  it('names unknown and missing header columns', () => {
    expect(message('material_number,stock_numbr,merchandise_code,warehouse_code\n')).toBe(
      'mapping.csv: line 1: unknown column "stock_numbr"; line 1: missing column stock_number',
    );
  });

  it('reports bad lines with their numbers, counting quoted newlines', () => {
    expect(
      message(
        [
          'material_number,stock_number,merchandise_code,warehouse_code',
          '"M\n1",CK01,W-1,US0001',
          'M-2,CK01,W-2',
          'M-3,,W-3,',
        ].join('\n'),
      ),
    ).toBe(
      'mapping.csv: line 4: expected 4 fields like the header, found 3; line 5: stock_number, warehouse_code are empty',
    );
  });

  it('refuses lines that would count the same stock twice', () => {
    expect(
      message(
        [
          'material_number,stock_number,merchandise_code,specification,warehouse_code',
          'M-1,CK01,W-1,,US0001',
          'M-1,CK01,W-9,,US0001',
          'M-2,CK01,W-1,,US0001',
          'M-3,CK01,W-1,Red,US0001',
        ].join('\n'),
      ),
    ).toBe(
      'mapping.csv: line 3: material_number M-1 in stock_number CK01 is already mapped on line 2; line 4: merchandise_code W-1 in warehouse_code US0001 is already mapped on line 2; line 5: merchandise_code W-1 specification Red in warehouse_code US0001 overlaps line 2: a line without specification already covers every specification of that code',
    );
  });

  it('refuses an empty file, a header alone and an unclosed quote', () => {
    expect(message('')).toBe('mapping.csv: the file is empty');
    expect(message('material_number,stock_number,merchandise_code,warehouse_code\n')).toBe(
      'mapping.csv: has a header but no mapping lines',
    );
    expect(message('material_number,stock_number,merchandise_code,warehouse_code\n"M-1,CK01')).toBe(
      'mapping.csv: line 2: a quoted field is never closed',
    );
  });
});
