import { DuplicateKeyError, parseDecimal, parseExactJson, parseShape } from '@inv/core';
import {
  invSynchronousResponseSchema,
  invSynchronousRowSchema,
  scmInventoryResponseSchema,
  scmInventoryRowSchema,
} from '@inv/kingdee-protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invSynchronousResponseParser, scmInventoryResponseParser } from './row-parsers.js';

const SEED = 20240118;
type Parser = Parameters<typeof parseShape>[0];
const exact = (value: unknown): unknown => {
  const parsed = parseDecimal(value);
  return parsed.ok ? parsed.value : value;
};

/** Number literals as a gateway may write them: the three, and long ones of any shape. */
const numeral = fc.oneof(
  fc.constantFrom(
    '9007199254740993',
    '123456789012345.678',
    '0.1000000000000000055511151231257827',
  ),
  fc.stringMatching(/^-?(0|[1-9]\d{0,30})(\.\d{1,20})?$/),
);
const snowflake = fc.stringMatching(/^[1-9]\d{18}$/);

/**
 * Answer texts whose quantities (and ids, for inv_synchronous) are bare number literals, with
 * optionally one member of one row written twice.
 */
function answers(fields: readonly string[], withId: boolean) {
  const quantities = fields.filter((key) => /qty$/.test(key));
  const row = fc.record({
    id: snowflake,
    members: fc.uniqueArray(fc.tuple(fc.constantFrom(...quantities), numeral), {
      selector: ([key]) => key,
      minLength: 1,
    }),
  });
  return fc
    .record({
      rows: fc.array(row, { minLength: 1, maxLength: 4 }),
      repeat: fc.option(fc.tuple(fc.nat(), fc.nat(), numeral), { nil: undefined }),
    })
    .map(({ rows, repeat }) => {
      const members = rows.map(({ id, members }) => [
        ...(withId ? [['id', id] as const] : []),
        ['qty', '1'] as const,
        ...members.filter(([key]) => key !== 'qty'),
      ]);
      let duplicate: string | undefined;
      const texts = members.map((all, r) => {
        const written = all.map(([key, value]) => `"${key}":${value}`);
        if (repeat !== undefined && repeat[0] % rows.length === r) {
          const [key] = all[repeat[1] % all.length] as readonly [string, string];
          written.push(`"${key}":${repeat[2]}`);
          duplicate = `data.rows.${r}.${key}`;
        }
        return `{${written.join(',')}}`;
      });
      const text = `{"errcode":0,"data":{"count":"${rows.length}","total_page":1,"rows":[${texts.join(',')}]}}`;
      return { text, rows, duplicate };
    });
}

describe('answers read as the client reads them (parseExactJson)', () => {
  it.each([
    [
      'inv_synchronous',
      invSynchronousResponseParser,
      invSynchronousResponseSchema,
      invSynchronousRowSchema,
      true,
    ],
    [
      'scm/inventory',
      scmInventoryResponseParser,
      scmInventoryResponseSchema,
      scmInventoryRowSchema,
      false,
    ],
  ] as const)(
    '%s: every quantity and id exact, fast path and schema alike; a repeated key refused',
    (_, fast, schema, rowSchema, withId) => {
      fc.assert(
        fc.property(answers(Object.keys(rowSchema.shape), withId), ({ text, rows, duplicate }) => {
          if (duplicate !== undefined) {
            expect(() => parseExactJson(text)).toThrow(DuplicateKeyError);
            expect(() => parseExactJson(text)).toThrow(`${duplicate}: duplicate key`);
            return;
          }
          const raw = parseExactJson(text);
          const parsed = fast.parseFast(raw) as { data: { rows: Record<string, unknown>[] } };
          expect(parsed).toBeDefined();
          expect(parseShape(schema as Parser, raw, 'kingdee', 'answer')).toStrictEqual(parsed);
          rows.forEach(({ id, members }, r) => {
            const out = parsed.data.rows[r] as Record<string, unknown>;
            if (withId) expect(out.id).toBe(id);
            for (const [key, value] of members) {
              if (key !== 'qty') expect(out[key]).toBe(exact(value));
            }
          });
        }),
        { seed: SEED, numRuns: 500 },
      );
    },
  );
});
