import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvField, csvLine, parseCsv } from './csv.js';

describe('csvLine', () => {
  it('quotes only fields that need it and doubles inner quotes', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, '-1.5'])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,-1.5\n',
    );
  });

  it('keeps CJK text untouched', () => {
    expect(csvField('仓库 A')).toBe('仓库 A');
  });
});

describe('parseCsv', () => {
  it('round-trips what csvLine writes, with the line each record starts on', () => {
    const text = csvLine(['x', 'y']) + csvLine(['multi\nline', 'q"uote']) + csvLine(['', 'z']);
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['x', 'y'] },
      { line: 2, fields: ['multi\nline', 'q"uote'] },
      { line: 4, fields: ['', 'z'] },
    ]);
  });

  it('accepts CRLF, a BOM, blank lines and a missing final newline', () => {
    expect(parseCsv('\uFEFFa,b\r\n\r\nc,d')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['c', 'd'] },
    ]);
  });

  it('keeps a line of one empty quoted field', () => {
    expect(parseCsv('""\n')).toEqual([{ line: 1, fields: [''] }]);
  });

  it('names the line of an unterminated quote', () => {
    const error = (() => {
      try {
        parseCsv('a,b\nc,"open\nstill open');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({ line: 2, message: 'a quoted field is never closed' });
  });

  it('refuses a stray quote inside an unquoted field', () => {
    expect(() => parseCsv('ab"c,d')).toThrow(/quote may only open a field/);
  });
});
