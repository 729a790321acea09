import { describe, expect, it } from 'vitest';
import { formatJdyDateTime, isValidTimeZone, normalizeJdyDate, parseJdyDateTime } from './time.js';

describe('JDY date-times', () => {
  const instant = Date.UTC(2024, 0, 1, 16, 0, 5, 999);

  it('formats in Asia/Shanghai (UTC+8) by default and in any IANA zone', () => {
    expect(formatJdyDateTime(instant, 'Asia/Shanghai')).toBe('2024-01-02 00:00:05');
    expect(formatJdyDateTime(instant, 'UTC')).toBe('2024-01-01 16:00:05');
    expect(formatJdyDateTime(new Date(Date.UTC(2024, 6, 1, 12)), 'Europe/Berlin')).toBe(
      '2024-07-01 14:00:00',
    );
  });

  it('parses wall time back to the instant (seconds precision)', () => {
    expect(parseJdyDateTime('2024-01-02 00:00:05', 'Asia/Shanghai')).toBe(instant - 999);
    expect(parseJdyDateTime('2024-07-01 14:00:00', 'Europe/Berlin')).toBe(Date.UTC(2024, 6, 1, 12));
    expect(parseJdyDateTime('2024-02-30 00:00:00', 'UTC')).toBeUndefined();
    expect(parseJdyDateTime('2024-01-01T00:00:00', 'UTC')).toBeUndefined();
  });

  it('validates zone names', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('reads kf_date/valid_date leniently and keeps placeholders', () => {
    expect(normalizeJdyDate('2024-3-5')).toBe('2024-03-05');
    expect(normalizeJdyDate('2024/03/05 10:00:00')).toBe('2024-03-05');
    expect(normalizeJdyDate('2')).toBe('2');
    expect(normalizeJdyDate('')).toBeNull();
    expect(normalizeJdyDate(null)).toBeNull();
    expect(normalizeJdyDate('2024-02-31')).toBe('2024-02-31');
  });
});
