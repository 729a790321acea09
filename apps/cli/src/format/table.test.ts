import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable } from './table.js';

describe('renderTable', () => {
  it('aligns text left, numbers right, and prints null as -', () => {
    const out = renderTable(
      [{ title: 'SKU' }, { title: 'QTY', numeric: true }],
      [
        ['A-1', '5'],
        ['LONGER-SKU', null],
        ['B', '-12.5'],
      ],
    );
    expect(out).toBe(
      ['SKU           QTY', 'A-1             5', 'LONGER-SKU      -', 'B           -12.5', ''].join(
        '\n',
      ),
    );
  });

  it('counts CJK characters as two cells so columns stay aligned', () => {
    expect(displayWidth('仓库A')).toBe(5);
    const out = renderTable([{ title: 'NAME' }, { title: 'N', numeric: true }], [['仓库', '1']]);
    expect(out.split('\n')[1]).toBe('仓库  1');
  });

  it('cuts long cells to maxWidth and flattens newlines', () => {
    const out = renderTable([{ title: 'NAME', maxWidth: 6 }], [['abcdefghij'], ['a\nb']]);
    expect(out).toBe('NAME\nabcde…\na b\n');
  });
});
