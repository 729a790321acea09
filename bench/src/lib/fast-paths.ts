/**
 * Prototypes of proposals 8 and 9 (proposals.md), measured by `pnpm --filter @inv/bench overhead`
 * against the packages' current code on the same bodies and checked to give identical output.
 * They are not used by any benchmark of the packages themselves.
 */
import { parseDecimal } from '@inv/core';
import { inventoryRowSchema, type WinitInventoryRow } from '@inv/winit';

type Kind = 'text' | 'textish' | 'quantity';

const WINIT_ROW_KINDS: Readonly<Record<string, Kind>> = (() => {
  const textish = ['version', 'merchandiseSerno', 'warehouseID', 'warehouseId'];
  const kinds: Record<string, Kind> = {};
  for (const [key, schema] of Object.entries(inventoryRowSchema.shape)) {
    const optionalQuantity = /Qty$|^qty/.test(key);
    kinds[key] = textish.includes(key) ? 'textish' : optionalQuantity ? 'quantity' : 'text';
    if (schema === undefined) throw new Error(key);
  }
  return kinds;
})();
const WINIT_ROW_ENTRIES = Object.entries(WINIT_ROW_KINDS);

/**
 * Proposal 8: `typeof` checks and `parseDecimal` per documented field; anything unexpected falls
 * back to the zod schema, so errors (and odd inputs) keep zod's behaviour exactly.
 */
export function fastWinitRow(raw: unknown): WinitInventoryRow {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return slow(raw);
  const input = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...input };
  for (const [key, kind] of WINIT_ROW_ENTRIES) {
    const value = input[key];
    if (value === undefined) {
      if (kind === 'quantity' && key in input) out[key] = null;
      continue;
    }
    if (value === null) continue;
    if (kind === 'text') {
      if (typeof value !== 'string') return slow(raw);
    } else if (kind === 'textish') {
      if (typeof value === 'number') out[key] = String(value);
      else if (typeof value !== 'string') return slow(raw);
    } else {
      if (value === '') {
        out[key] = null;
        continue;
      }
      if (typeof value !== 'number' && typeof value !== 'string') return slow(raw);
      const parsed = parseDecimal(value);
      if (!parsed.ok) return slow(raw);
      out[key] = parsed.value;
    }
  }
  return out as WinitInventoryRow;
}

function slow(raw: unknown): WinitInventoryRow {
  const result = inventoryRowSchema.safeParse(raw);
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'invalid row');
  return result.data;
}

/**
 * Proposal 9: `quoteLongIntegers` with code-unit tests instead of a regex per character, and
 * strings skipped with `indexOf`. Same output as `@inv/kingdee`'s for valid JSON.
 */
export function fastQuoteLongIntegers(text: string): string {
  let out = '';
  let last = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip the string: find the closing quote not preceded by an odd number of backslashes.
      let j = text.indexOf('"', i + 1);
      for (;;) {
        if (j === -1) return last === 0 ? text : out + text.slice(last);
        let slashes = 0;
        for (let k = j - 1; text.charCodeAt(k) === 92; k--) slashes++;
        if (slashes % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      i = j + 1;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let end = i + 1;
      let digitsOnly = true;
      for (; end < n; end++) {
        const d = text.charCodeAt(end);
        if (d >= 48 && d <= 57) continue;
        if (d === 46 || d === 101 || d === 69 || d === 43 || d === 45) {
          digitsOnly = false;
          continue;
        }
        break;
      }
      const digits = end - i - (c === 45 ? 1 : 0);
      if (digitsOnly && digits >= 16 && (c !== 45 || end - i > 1)) {
        out += `${text.slice(last, i)}"${text.slice(i, end)}"`;
        last = end;
      }
      i = end;
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}
