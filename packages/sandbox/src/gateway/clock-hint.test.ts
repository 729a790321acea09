import { describe, expect, it } from 'vitest';
import { zoneName, zoneOfDrift } from './clock-hint.js';

const HOUR = 3_600_000;

describe('zoneOfDrift', () => {
  it('reads a whole-hour drift as the zone the timestamp was written in', () => {
    expect(zoneOfDrift(-8 * HOUR, 480)).toBe(0);
    expect(zoneOfDrift(-13 * HOUR + 30_000, 480)).toBe(-5);
    expect(zoneOfDrift(2 * HOUR - 59_000, 0)).toBe(2);
  });

  it('names no zone for a drift that is not a whole number of hours', () => {
    expect(zoneOfDrift(-8 * HOUR + 5 * 60_000, 480)).toBeUndefined();
    expect(zoneOfDrift(30 * 60_000, 480)).toBeUndefined();
    expect(zoneOfDrift(-30 * HOUR, 480)).toBeUndefined();
  });

  it('writes zones with their sign', () => {
    expect([zoneName(0), zoneName(8), zoneName(-5)]).toEqual(['UTC+0', 'UTC+8', 'UTC-5']);
  });
});
