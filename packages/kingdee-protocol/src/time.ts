/**
 * `yyyy-MM-dd HH:mm:ss` local times of the `scm/inventory` filters (docs/protocols/kingdee.md §9.2).
 * The gateway does not say in which timezone it reads them: [assumed] Asia/Shanghai by default
 * (JDY runs in China), configurable with an IANA zone name.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when `timeZone` is an IANA name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function parts(epochMs: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

const pad = (value: number | undefined, width = 2): string =>
  String(value ?? 0).padStart(width, '0');

/** Formats an instant as `yyyy-MM-dd HH:mm:ss` wall time in `timeZone` (seconds truncated). */
export function formatJdyDateTime(instant: Date | number, timeZone: string): string {
  const p = parts(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds. */
function offsetMs(epochMs: number, timeZone: string): number {
  const p = parts(epochMs, timeZone);
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** Parses `yyyy-MM-dd HH:mm:ss` wall time in `timeZone` into epoch ms; `undefined` when malformed. */
export function parseJdyDateTime(text: string, timeZone: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== (month ?? 1) - 1 ||
    check.getUTCDate() !== day ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 59
  ) {
    return undefined;
  }
  // Two passes settle the offset across DST changes for zones that have them.
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return guess;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Lenient date reading for `kf_date`/`valid_date` (§11.3): `yyyy-MM-dd`, `yyyy/MM/dd`, optionally
 * followed by a time, become `yyyy-MM-dd`; anything else (the documented placeholders "2", "15")
 * is kept as the provider's text. Empty text is `null`.
 */
export function normalizeJdyDate(text: string | null): string | null {
  if (text === null) return null;
  // Already `yyyy-MM-dd`: every path below gives the text back as it is (a valid date is
  // rebuilt digit for digit, an invalid one is kept), so skip the match and the Date per row.
  if (ISO_DATE.test(text)) return text;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(trimmed);
  if (!match) return text;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day)) return text;
  return `${year}-${pad(Number(month))}-${pad(Number(day))}`;
}
