import { parseShape, ResponseShapeError } from '@inv/core';
import {
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  invSynchronousResponseSchema,
  invSynchronousRowSchema,
  parseJsonPreservingIntegers,
  scmInventoryResponseSchema,
  scmInventoryRowSchema,
} from '@inv/kingdee-protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  invSynchronousResponseParser,
  invSynchronousRowParser,
  scmInventoryResponseParser,
  scmInventoryRowParser,
} from './row-parsers.js';

const SEED = 20240101;
type Parser = Parameters<typeof parseShape>[0];

/** What the client reports either way: the parsed value (with its JSON text), or the error. */
function outcome(parser: Parser, raw: unknown): unknown {
  try {
    const value = parseShape(parser, raw, 'kingdee', 'inv_synchronous answer');
    return { value, json: JSON.stringify(value) };
  } catch (error) {
    if (!(error instanceof ResponseShapeError)) throw error;
    return { message: error.message, issues: error.issues };
  }
}

const expectSame = (fast: Parser, schema: Parser, raw: unknown): void => {
  expect(outcome(fast, raw)).toStrictEqual(outcome(schema, raw));
};

// Classified from the wire names (§9.1, §9.2), independently of the parsers' kind tables.
const isQuantity = (key: string): boolean => /qty$/.test(key) || key === 'kf_period';
const decimalText = fc.stringMatching(/^-?(0|[1-9]\d{0,20})(\.\d{0,8})?$/);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const snowflake = fc.stringMatching(/^[1-9]\d{18}$/);
/** Values JDY sends per field: ids as digit strings (or safe numbers), quantities either way. */
const validValue = (key: string): fc.Arbitrary<unknown> => {
  if (key === 'id') return fc.oneof(snowflake, fc.maxSafeNat());
  if (key === 'qty') return fc.oneof(fc.nat(1_000_000), decimalText, finite);
  if (isQuantity(key)) return fc.oneof(fc.nat(1_000_000), decimalText, finite, fc.constant(''));
  return fc.oneof(fc.string(), snowflake, fc.constant(''), fc.nat(), fc.constant(null));
};
const oddValue = fc.oneof(
  fc.constantFrom('', ' ', '-0', '1,000', '1e3', ' 7 ', 'NaN', 'abc', -0, 2 ** 60, 1e21, 1e-7),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, true, false, null, undefined),
  fc.object(),
  fc.array(fc.jsonValue(), { maxLength: 2 }),
);

function rowArbitraries(fields: readonly string[], required: readonly string[]) {
  const valid = fc
    .tuple(
      fc.record(Object.fromEntries(fields.map((key) => [key, validValue(key)])), {
        requiredKeys: [...required],
      }),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
    )
    .map(([documented, extra]) => ({ ...extra, ...documented }));
  const odd = fc
    .tuple(valid, fc.array(fc.tuple(fc.constantFrom(...fields), oddValue), { minLength: 1 }))
    .map(([row, patches]) => ({ ...row, ...Object.fromEntries(patches) }));
  return { valid, odd };
}

const inv = rowArbitraries(Object.keys(invSynchronousRowSchema.shape), ['id', 'qty']);
const scm = rowArbitraries(Object.keys(scmInventoryRowSchema.shape), ['qty']);

describe('row parsers', () => {
  it('parse the documented inv_synchronous sample row as the schema does', () => {
    const [row] = INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows;
    expect(invSynchronousRowParser.parseFast(row)).toBeDefined();
    expectSame(invSynchronousRowParser, invSynchronousRowSchema, row);
  });

  it.each([
    ['inv_synchronous', invSynchronousRowParser, invSynchronousRowSchema, inv],
    ['scm/inventory', scmInventoryRowParser, scmInventoryRowSchema, scm],
  ] as const)(
    '%s: same rows as the schema for valid rows, same errors for odd ones',
    (_, fast, schema, rows) => {
      fc.assert(
        fc.property(rows.valid, (row) => {
          expect(fast.parseFast(row)).toBeDefined();
          expectSame(fast, schema, row);
        }),
        { seed: SEED, numRuns: 200 },
      );
      fc.assert(
        fc.property(fc.oneof(rows.odd, oddValue), (row) => expectSame(fast, schema, row)),
        { seed: SEED, numRuns: 400 },
      );
    },
  );

  it('refuses an id rounded by JSON.parse with the schema message', () => {
    const row = { ...INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows[0], id: 1700000000000000000 };
    expect(invSynchronousRowParser.parseFast(row)).toBeUndefined();
    expect(invSynchronousRowParser.safeParse(row).error?.issues[0]?.message).toContain(
      'beyond 2^53',
    );
  });
});

describe('answer parsers', () => {
  const invAnswer = (rows: unknown[]) => ({ errcode: 0, description: 'ok', data: { rows } });
  const scmAnswer = (rows: unknown[]) => ({
    errcode: 0,
    data: { count: String(rows.length), total_page: 1, page: '1', rows },
    extra: { kept: true },
  });

  it('parse the documented sample text exactly as the schema', () => {
    const raw = parseJsonPreservingIntegers(INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT);
    expect(invSynchronousResponseParser.parseFast(raw)).toBeDefined();
    expectSame(invSynchronousResponseParser, invSynchronousResponseSchema, raw);
  });

  it('leave the caller’s rows untouched (they become InventoryRecord.raw)', () => {
    const row = { id: '1', qty: 2, extra: 'x' };
    const raw = invAnswer([row]);
    const parsed = invSynchronousResponseParser.parseFast(raw);
    expect(parsed?.data.rows[0]).toMatchObject({ id: '1', qty: '2', extra: 'x' });
    expect(raw.data.rows[0]).toBe(row);
    expect(row).toEqual({ id: '1', qty: 2, extra: 'x' });
  });

  it.each([
    ['inv_synchronous', invSynchronousResponseParser, invSynchronousResponseSchema, inv, invAnswer],
    ['scm/inventory', scmInventoryResponseParser, scmInventoryResponseSchema, scm, scmAnswer],
  ] as const)(
    '%s: same answers, and the same errors with full paths (data.rows.N.field)',
    (_, fast, schema, rows, answer) => {
      fc.assert(
        fc.property(fc.array(rows.valid, { maxLength: 5 }), (list) => {
          expect(fast.parseFast(answer(list))).toBeDefined();
          expectSame(fast, schema, answer(list));
        }),
        { seed: SEED, numRuns: 100 },
      );
      fc.assert(
        fc.property(
          fc.array(rows.valid, { maxLength: 4 }),
          fc.array(rows.odd, { minLength: 1, maxLength: 2 }),
          (good, bad) => expectSame(fast, schema, answer([...good, ...bad])),
        ),
        { seed: SEED, numRuns: 150 },
      );
    },
  );

  it('name a bad row by its index in the answer, as before', () => {
    const rows = [
      { id: '1', qty: 1 },
      { id: '2', qty: 1 },
      { id: '3', qty: 1 },
      { id: '4', qty: 'one' },
    ];
    const result = invSynchronousResponseParser.safeParse(invAnswer(rows));
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['data', 'rows', 3, 'qty']]);
    expectSame(invSynchronousResponseParser, invSynchronousResponseSchema, invAnswer(rows));
  });

  it.each([
    ['errcode not 0', { errcode: 1, data: { rows: [] } }],
    ['no data', { errcode: 0 }],
    ['rows not an array', { errcode: 0, data: { rows: { id: '1', qty: 1 } } }],
    ['a row that is not an object', { errcode: 0, data: { rows: [null, 'row'] } }],
    ['not an object', 'answer'],
  ])('leave a bad envelope to the schema: %s', (_, raw) => {
    expect(invSynchronousResponseParser.parseFast(raw)).toBeUndefined();
    expectSame(invSynchronousResponseParser, invSynchronousResponseSchema, raw);
  });

  it('leave a bad scm/inventory count to the schema', () => {
    const raw = { errcode: 0, data: { count: 'x', total_page: 1, rows: [{ qty: 1 }] } };
    expect(scmInventoryResponseParser.parseFast(raw)).toBeUndefined();
    expectSame(scmInventoryResponseParser, scmInventoryResponseSchema, raw);
  });
});
