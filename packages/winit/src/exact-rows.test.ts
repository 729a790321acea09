import { DuplicateKeyError, parseDecimal, parseExactJson, parseShape } from '@inv/core';
import { inventoryRowSchema } from '@inv/winit-protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventoryRowParser } from './row-parser.js';

const SEED = 20240118;
const exact = (value: unknown): unknown => {
  const parsed = parseDecimal(value);
  return parsed.ok ? parsed.value : value;
};

const QUANTITIES = Object.keys(inventoryRowSchema.shape).filter((key) => /Qty$|^qty/.test(key));
/** Number literals as a gateway may write them: the three, and long ones of any shape. */
const numeral = fc.oneof(
  fc.constantFrom(
    '9007199254740993',
    '123456789012345.678',
    '0.1000000000000000055511151231257827',
  ),
  fc.stringMatching(/^-?(0|[1-9]\d{0,30})(\.\d{1,20})?$/),
);

/**
 * pageInv answer texts whose quantities and 21-digit versions are bare number literals, with
 * optionally one member of one row written twice.
 */
const answers = fc
  .record({
    rows: fc.array(
      fc.record({
        version: fc.stringMatching(/^[1-9]\d{20}$/),
        members: fc.uniqueArray(fc.tuple(fc.constantFrom(...QUANTITIES), numeral), {
          selector: ([key]) => key,
          minLength: 1,
        }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    repeat: fc.option(fc.tuple(fc.nat(), fc.nat(), numeral), { nil: undefined }),
  })
  .map(({ rows, repeat }) => {
    let duplicate: string | undefined;
    const texts = rows.map(({ version, members }, r) => {
      const all = [['version', version] as const, ...members];
      const written = all.map(([key, value]) => `"${key}":${value}`);
      if (repeat !== undefined && repeat[0] % rows.length === r) {
        const [key] = all[repeat[1] % all.length] as readonly [string, string];
        written.push(`"${key}":${repeat[2]}`);
        duplicate = `data.list.${r}.${key}`;
      }
      return `{"merchandiseCode":"A",${written.join(',')}}`;
    });
    const text = `{"code":"0","msg":"操作成功","data":{"pageParams":{"pageNo":1,"pageSize":200,"totalCount":${rows.length}},"list":[${texts.join(',')}]}}`;
    return { text, rows, duplicate };
  });

describe('pageInv answers read as the client reads them (parseExactJson)', () => {
  it('keeps every quantity and version exact, fast path and schema alike; refuses a repeated key', () => {
    fc.assert(
      fc.property(answers, ({ text, rows, duplicate }) => {
        if (duplicate !== undefined) {
          expect(() => parseExactJson(text)).toThrow(DuplicateKeyError);
          expect(() => parseExactJson(text)).toThrow(`${duplicate}: duplicate key`);
          return;
        }
        const list = (parseExactJson(text) as { data: { list: unknown[] } }).data.list;
        rows.forEach(({ version, members }, r) => {
          const row = inventoryRowParser.parseFast(list[r]) as Record<string, unknown>;
          expect(row).toBeDefined();
          expect(parseShape(inventoryRowSchema, list[r], 'winit', 'row')).toStrictEqual(row);
          expect(row.version).toBe(version);
          for (const [key, value] of members) expect(row[key]).toBe(exact(value));
        });
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
