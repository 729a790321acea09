/**
 * Clock mistakes that show as a whole number of hours (issue #15.5): a client that writes its host
 * zone's wall-clock time where the gateway expects another zone is off by the difference between the
 * two zones, give or take its own clock skew.
 */

const HOUR_MS = 3_600_000;
/** How far from a whole hour a drift may be and still read as a zone mistake. */
const TOLERANCE_MS = 60_000;

/**
 * The UTC offset, in whole hours, that a timestamp off by `driftMs` was written in, when the
 * gateway reads it in `expectedOffsetMinutes`; `undefined` unless the drift is a whole number of
 * hours (±1 min) giving a real zone (UTC−12 to UTC+14).
 */
export function zoneOfDrift(driftMs: number, expectedOffsetMinutes: number): number | undefined {
  const hours = Math.round(driftMs / HOUR_MS);
  if (hours === 0 || Math.abs(driftMs - hours * HOUR_MS) > TOLERANCE_MS) return undefined;
  const zone = expectedOffsetMinutes / 60 + hours;
  return Number.isInteger(zone) && zone >= -12 && zone <= 14 ? zone : undefined;
}

/** `UTC+8`, `UTC-5`, `UTC+0`. */
export function zoneName(hours: number): string {
  return `UTC${hours < 0 ? '-' : '+'}${Math.abs(hours)}`;
}
