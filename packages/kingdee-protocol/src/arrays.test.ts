import { describe, expect, it } from 'vitest';
import { arrayParams, parseArrayParam } from './arrays.js';
import { buildUrlQuery } from './encoding.js';

const ids = ['1700000000000000001', '1700000000000000002'];

describe('array parameters', () => {
  it('serialises the documented [a,b] form by default and the other forms on request', () => {
    expect(buildUrlQuery(arrayParams('ids', ids, 'brackets'))).toBe(
      'ids=%5B1700000000000000001%2C1700000000000000002%5D',
    );
    expect(buildUrlQuery(arrayParams('ids', ids, 'json'))).toBe(
      'ids=%5B%221700000000000000001%22%2C%221700000000000000002%22%5D',
    );
    expect(arrayParams('ids', ids, 'comma')).toEqual([['ids', ids.join(',')]]);
    expect(arrayParams('ids', ids, 'repeat')).toEqual(ids.map((id) => ['ids', id]));
  });

  it('reads every §11.6 form back', () => {
    expect(parseArrayParam('ids', [`[${ids.join(',')}]`])).toEqual({ ok: true, values: ids });
    expect(parseArrayParam('ids', [JSON.stringify(ids)])).toEqual({ ok: true, values: ids });
    expect(parseArrayParam('ids', [ids.join(',')])).toEqual({ ok: true, values: ids });
    expect(parseArrayParam('ids', ids)).toEqual({ ok: true, values: ids });
    expect(parseArrayParam('ids', ['[ 1 , "2" ]'])).toEqual({ ok: true, values: ['1', '2'] });
    expect(parseArrayParam('ids', ['[]'])).toEqual({ ok: true, values: [] });
  });

  it('explains malformed arrays', () => {
    expect(parseArrayParam('ids', ['[1,2'])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('malformed array'),
    });
    expect(parseArrayParam('ids', ['[1,,2]'])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ids[1] is empty'),
    });
    expect(parseArrayParam('ids', ['["1,2]'])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('unbalanced quotes'),
    });
  });
});
