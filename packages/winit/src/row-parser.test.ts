import { parseShape, ResponseShapeError } from '@inv/core';
import {
  inventoryRowSchema,
  WINIT_SAMPLE_RESPONSE,
  WINIT_SAMPLE_RESPONSE_AGGREGATE,
} from '@inv/winit-protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventoryRowParser } from './row-parser.js';

const SEED = 20240101;
const FIELDS = Object.keys(inventoryRowSchema.shape);
// Classified from the wire names (§10.1, §11.2), independently of the parser's kind table.
const TEXTISH = new Set(['version', 'merchandiseSerno', 'warehouseID', 'warehouseId']);
const isQuantity = (key: string): boolean => /Qty$|^qty/.test(key);

/** What the client reports for one row either way: the parsed row, or the error it throws. */
function outcome(parser: Parameters<typeof parseShape>[0], raw: unknown): unknown {
  try {
    const row = parseShape(parser, raw, 'winit', 'pageInv list[3]') as object;
    return { row, keys: Object.keys(row) };
  } catch (error) {
    if (!(error instanceof ResponseShapeError)) throw error;
    return { message: error.message, issues: error.issues };
  }
}

function expectSameOutcome(raw: unknown): void {
  expect(outcome(inventoryRowParser, raw)).toStrictEqual(outcome(inventoryRowSchema, raw));
}

const decimalText = fc.stringMatching(/^-?(0|[1-9]\d{0,20})(\.\d{0,6})?$/);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Values Winit sends per field: quantities mixed numbers and numeric strings, `""` and `null`. */
const validValue = (key: string): fc.Arbitrary<unknown> => {
  if (isQuantity(key)) return fc.oneof(fc.nat(100_000), decimalText, finite, fc.constant(''));
  if (TEXTISH.has(key)) return fc.oneof(fc.stringMatching(/^\d{1,21}$/), fc.nat(), fc.string());
  return fc.oneof(fc.string(), fc.constantFrom('GOOD', 'US0001', '2B', 'Y'));
};
const nullish = fc.constantFrom(null, undefined);
const validRow = fc
  .tuple(
    fc.record(Object.fromEntries(FIELDS.map((key) => [key, fc.oneof(validValue(key), nullish)])), {
      requiredKeys: [],
    }),
    fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
  )
  .map(([documented, extra]) => ({ ...extra, ...documented }));

const oddValue = fc.oneof(
  fc.constantFrom('', ' ', '-0', '1,000', '1e3', ' 7 ', 'NaN', 'abc', -0, 2 ** 60, 1e21, 1e-7),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, true, false),
  fc.object(),
  fc.array(fc.jsonValue(), { maxLength: 2 }),
  fc.bigInt(),
);
/** A valid row with one to three fields replaced by anything. */
const oddRow = fc
  .tuple(validRow, fc.array(fc.tuple(fc.constantFrom(...FIELDS), oddValue), { minLength: 1 }))
  .map(([row, patches]) => ({ ...row, ...Object.fromEntries(patches) }));

describe('inventoryRowParser', () => {
  it('parses the documented sample rows as the schema does', () => {
    for (const sample of [WINIT_SAMPLE_RESPONSE, WINIT_SAMPLE_RESPONSE_AGGREGATE]) {
      const list = (sample as { data: { list: unknown[] } }).data.list;
      expect(list.length).toBeGreaterThan(0);
      for (const raw of list) {
        expect(inventoryRowParser.parseFast(raw)).toBeDefined();
        expectSameOutcome(raw);
      }
    }
  });

  it('keeps 21-digit versions as text and mixed quantities exact', () => {
    const raw = JSON.parse(
      '{"version":202310251358351230001,"merchandiseSerno":7,"inStockQty":"005.50","usableQty":3,"frozenQty":"","qtyFrozen":null,"extra":1}',
    );
    const row = inventoryRowParser.parseFast(raw);
    expect(row).toMatchObject({
      // JSON.parse already rounded the number (why Winit versions should come as text): the
      // rounded value's String(), exactly as the schema.
      version: '202310251358351230000',
      merchandiseSerno: '7',
      inStockQty: '5.5',
      usableQty: '3',
      frozenQty: null,
      qtyFrozen: null,
      outboundQty: null,
      extra: 1,
    });
    expectSameOutcome(raw);
  });

  it('gives the schema result for valid rows (mixed types, nulls, "", absent and extra members)', () => {
    fc.assert(
      fc.property(validRow, (raw) => {
        expect(inventoryRowParser.parseFast(raw)).toBeDefined();
        expectSameOutcome(raw);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('gives the same error, naming the same fields, for rows with odd values', () => {
    fc.assert(fc.property(fc.oneof(oddRow, oddValue), expectSameOutcome), {
      seed: SEED,
      numRuns: 500,
    });
  });

  it('names the field of a wrong type exactly as before', () => {
    const error = (() => {
      try {
        parseShape(inventoryRowParser, { frozenQty: { n: 22 } }, 'winit', 'pageInv list[3]');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).issues).toEqual([
      { path: 'frozenQty', message: 'expected a number, a numeric string or null' },
    ]);
  });
});
