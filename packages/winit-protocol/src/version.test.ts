import { describe, expect, it } from 'vitest';
import { compareVersion } from './version.js';

describe('compareVersion (§11.2)', () => {
  it('compares 21-digit versions exactly, beyond 2^53', () => {
    expect(compareVersion('202310251358351230001', '202310251358351230002')).toBe(-1);
    expect(compareVersion('202310251358351230002', '202310251358351230001')).toBe(1);
    expect(compareVersion('202310251358351230001', '202310251358351230001')).toBe(0);
    // As numbers both round to the same double; as text they differ.
    expect(Number('202310251358351230001')).toBe(Number('202310251358351230002'));
  });

  it('orders by length first', () => {
    expect(compareVersion('99', '100')).toBe(-1);
    expect(compareVersion('100', '99')).toBe(1);
  });
});
