import { describe, expect, it } from 'vitest';
import { kingdeeMatchKey, likeness, matchKeyText, winitMatchKey } from './match-key.js';

describe('kingdeeMatchKey', () => {
  it('leaves out signatures, times, nonces and credentials, and sorts the rest', () => {
    const key = kingdeeMatchKey(
      'get',
      '/jdy/v2/scm/inventory',
      'page_size=40&app_key=RealKey&page=1&app_signature=abc%3D&timestamp=1&nonce=2&signature=x',
    );
    expect(key).toEqual({
      provider: 'kingdee',
      route: 'GET /jdy/v2/scm/inventory',
      params: [
        ['page', '1'],
        ['page_size', '40'],
      ],
    });
  });

  it('matches the same parameters whatever their order or percent-encoding', () => {
    const a = kingdeeMatchKey('GET', '/p', 'material_number=A%20B&page=1');
    const b = kingdeeMatchKey('GET', '/p', 'page=1&material_number=A+B');
    expect(matchKeyText(a)).toBe(matchKeyText(b));
  });

  it('does not depend on the credentials of the client', () => {
    const real = kingdeeMatchKey('GET', '/k', 'app_key=Real&app_signature=r');
    const sandbox = kingdeeMatchKey('GET', '/k', 'app_key=Sandbox&app_signature=s');
    expect(matchKeyText(real)).toBe(matchKeyText(sandbox));
  });
});

describe('winitMatchKey', () => {
  it('is the action and the canonical data, whatever the key order', () => {
    const a = winitMatchKey('winit.x', { warehouseCode: 'DE0001', pageNum: 1 });
    const b = winitMatchKey('winit.x', { pageNum: 1, warehouseCode: 'DE0001' });
    expect(matchKeyText(a)).toBe(matchKeyText(b));
    expect(a.params).toEqual([
      ['pageNum', '1'],
      ['warehouseCode', '"DE0001"'],
    ]);
  });
});

describe('likeness', () => {
  it('prefers the same route with the most equal parameters', () => {
    const asked = winitMatchKey('a', { page: 2, size: 50, code: 'X' });
    const near = winitMatchKey('a', { page: 1, size: 50, code: 'X' });
    const far = winitMatchKey('a', { page: 1, size: 10, code: 'Y' });
    const other = winitMatchKey('b', { page: 2, size: 50, code: 'X' });
    expect(likeness(asked, near)).toBeGreaterThan(likeness(asked, far));
    expect(likeness(asked, other)).toBe(Number.NEGATIVE_INFINITY);
  });
});
