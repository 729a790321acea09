import { z } from 'zod';

/** Most integer digits of a stored quantity: its thousandths stay exact in a double (< 2^53). */
export const MAX_QUANTITY_INTEGER_DIGITS = 12;
/** Deepest nesting inside a served free-form value (`extra`, a Kingdee row's members). */
export const MAX_EXTRA_DEPTH = 16;
/** Largest served free-form value, as JSON text. */
export const MAX_EXTRA_BYTES = 64 * 1024;

/**
 * A quantity the sandbox stores and serves exactly: a number or a plain decimal string (no
 * exponent, no separators) with at most {@link MAX_QUANTITY_INTEGER_DIGITS} integer digits and
 * `fractionDigits` decimals. Checked by its text before any decimal arithmetic runs on it, so
 * `"1e400"` or `"1e-160000"` never reaches the exact-decimal parser.
 */
export function plainQuantitySchema(
  fractionDigits: number,
): z.ZodType<number | string, number | string> {
  const pattern = new RegExp(
    `^-?(0|[1-9]\\d{0,${MAX_QUANTITY_INTEGER_DIGITS - 1}})(\\.\\d{1,${fractionDigits}})?$`,
  );
  return z.union([z.number(), z.string()]).check((ctx) => {
    if (!pattern.test(String(ctx.value))) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `must be a plain decimal with at most ${MAX_QUANTITY_INTEGER_DIGITS} integer digits and ${fractionDigits} decimals, e.g. "2.5" (no exponent), got ${clip(String(ctx.value))}`,
      });
    }
  });
}

/** Why a free-form value cannot be served (too deep or too large), or undefined. */
export function unservable(value: unknown): string | undefined {
  let depth = 0;
  // Iterative: a value from a dataset file is not depth-checked by the admin reader.
  let level: unknown[] = [value];
  while (level.length > 0) {
    const next: unknown[] = [];
    for (const item of level) {
      if (item !== null && typeof item === 'object') next.push(...Object.values(item));
    }
    if (next.length > 0 && ++depth > MAX_EXTRA_DEPTH) {
      return `is nested deeper than ${MAX_EXTRA_DEPTH} levels; the sandbox serves free-form members up to that depth`;
    }
    level = next;
  }
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
  return bytes > MAX_EXTRA_BYTES
    ? `is ${bytes} bytes of JSON; the sandbox serves free-form members up to ${MAX_EXTRA_BYTES} bytes`
    : undefined;
}

const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
