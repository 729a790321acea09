import type { QueryParam } from './encoding.js';

/**
 * Wire forms of an array parameter. The documented form is `[a,b]` (格式：[,], §4) but it is not
 * live-verified [assumed], so it is configurable; the sandbox accepts all four (§11.6).
 * - `brackets`: `ids=[a,b]` (default)
 * - `json`: `ids=["a","b"]`
 * - `comma`: `ids=a,b`
 * - `repeat`: `ids=a&ids=b`
 */
export type KingdeeArrayFormat = 'brackets' | 'json' | 'comma' | 'repeat';

export const KINGDEE_ARRAY_FORMATS: readonly KingdeeArrayFormat[] = [
  'brackets',
  'json',
  'comma',
  'repeat',
];

/** Serialises one array parameter into query parameters (decoded values; encoding happens later). */
export function arrayParams(
  key: string,
  values: readonly string[],
  format: KingdeeArrayFormat,
): QueryParam[] {
  switch (format) {
    case 'brackets':
      return [[key, `[${values.join(',')}]`]];
    case 'json':
      return [[key, JSON.stringify(values)]];
    case 'comma':
      return [[key, values.join(',')]];
    case 'repeat':
      return values.map((value) => [key, value] as const);
  }
}

/** Result of reading an array parameter; `reason` says what is malformed and what was expected. */
export type ArrayParseResult = { ok: true; values: string[] } | { ok: false; reason: string };

/**
 * Reads an array parameter in any of the §11.6 forms. `occurrences` are the decoded values of every
 * occurrence of the key: several occurrences are the repeated-key form, each read as one item.
 */
export function parseArrayParam(key: string, occurrences: readonly string[]): ArrayParseResult {
  if (occurrences.length > 1) {
    const values: string[] = [];
    for (const [index, raw] of occurrences.entries()) {
      const item = unquote(raw.trim());
      if (item === undefined || item === '') {
        return { ok: false, reason: `${key} occurrence ${index + 1} is empty or badly quoted` };
      }
      values.push(item);
    }
    return { ok: true, values };
  }
  const text = (occurrences[0] ?? '').trim();
  let inner = text;
  if (text.startsWith('[') || text.endsWith(']')) {
    if (!(text.startsWith('[') && text.endsWith(']')) || text.length < 2) {
      return {
        ok: false,
        reason: `${key} "${clip(text)}" is a malformed array: expected [a,b], ["a","b"], a,b or repeated keys`,
      };
    }
    inner = text.slice(1, -1).trim();
  }
  if (inner === '') return { ok: true, values: [] };
  const values: string[] = [];
  for (const [index, raw] of inner.split(',').entries()) {
    const item = unquote(raw.trim());
    if (item === undefined) {
      return { ok: false, reason: `${key}[${index}] ${clip(raw)} has unbalanced quotes` };
    }
    if (item === '') {
      return {
        ok: false,
        reason: `${key}[${index}] is empty: expected a value between the commas of "${clip(text)}"`,
      };
    }
    values.push(item);
  }
  return { ok: true, values };
}

function unquote(item: string): string | undefined {
  const opens = item.startsWith('"');
  const closes = item.endsWith('"') && item.length > 1;
  if (opens !== closes) return undefined;
  return opens ? item.slice(1, -1) : item;
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
