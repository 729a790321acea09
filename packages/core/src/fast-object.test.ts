import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createFastObjectParser, type FastObjectParser } from './fast-object.js';
import { optionalQuantitySchema, quantitySchema } from './model.js';

const SEED = 20240101;

// The zod construct each kind reproduces, as the providers write them.
const textish = z
  .union([z.string(), z.number()])
  .transform((value) => String(value))
  .nullish();
const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((input, ctx) => {
    if (input === undefined || input === null) return null;
    if (typeof input === 'string') return input;
    if (Number.isSafeInteger(input) || !Number.isInteger(input)) return String(input);
    ctx.addIssue({ code: 'custom', input, message: `${input} lost digits` });
    return z.NEVER;
  });
const id = z.union([z.string(), z.number()]).transform((input, ctx) => {
  if (typeof input === 'string') return input;
  if (Number.isSafeInteger(input)) return String(input);
  ctx.addIssue({ code: 'custom', input, message: `id ${input} was rounded` });
  return z.NEVER;
});

const rowSchema = z.looseObject({
  id,
  name: z.string().nullish(),
  code: textish,
  label: optionalText,
  qty: quantitySchema,
  free: optionalQuantitySchema,
});
const kinds = {
  id: 'id',
  name: 'text',
  code: 'textish',
  label: 'optionalText',
  qty: 'quantity',
  free: 'optionalQuantity',
} as const;
const compiled = createFastObjectParser(rowSchema, kinds);
/** The loop variant, used where code cannot be compiled: the same behaviour is required. */
const interpreted = (() => {
  z.config({ jitless: true });
  try {
    return createFastObjectParser(rowSchema, kinds);
  } finally {
    z.config({ jitless: false });
  }
})();
const FIELDS = Object.keys(rowSchema.shape);

/** Same success, same data down to key order and prototype, or the same issues. */
function expectSameResult<T>(fast: FastObjectParser<T>, input: unknown): void {
  const expected = fast.schema.safeParse(input);
  const actual = fast.safeParse(input);
  expect(actual.success).toBe(expected.success);
  if (actual.success && expected.success) {
    expect(actual.data).toStrictEqual(expected.data);
    expect(Object.keys(actual.data as object)).toEqual(Object.keys(expected.data as object));
    expect(Object.getPrototypeOf(actual.data)).toBe(Object.getPrototypeOf(expected.data));
  } else {
    expect(actual.error?.issues).toEqual(expected.error?.issues);
  }
}

const decimalText = fc.stringMatching(/^-?(0|[1-9]\d{0,20})(\.\d{0,8})?$/);
const validValue = {
  id: fc.oneof(fc.stringMatching(/^\d{1,19}$/), fc.maxSafeInteger()),
  name: fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined)),
  code: fc.oneof(
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constant(null),
  ),
  // Integers beyond 2^53 lost digits on the way: refused by the schema, tested below.
  label: fc.oneof(
    fc.string(),
    fc.integer(),
    fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((n) => Number.isSafeInteger(n) || !Number.isInteger(n)),
  ),
  qty: fc.oneof(decimalText, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  free: fc.oneof(decimalText, fc.integer(), fc.constant(''), fc.constant(null)),
};
/** Anything a JSON answer (or a careless caller) could put in a field. */
const anyValue = fc.oneof(
  fc.constantFrom(undefined, null, '', ' ', '-0', '1,000', '1e3', ' 7 ', 'NaN', '0x10', '.5'),
  fc.string(),
  decimalText,
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 2 ** 53, 2 ** 60, 1e21, 1e-7, Number.NaN, Number.NEGATIVE_INFINITY),
  fc.bigInt(),
  fc.boolean(),
  fc.object(),
  fc.array(fc.jsonValue()),
);
const extraMembers = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '12', 'constructor')),
  fc.jsonValue(),
);
/** Any value in any documented field, and unknown members. */
const anyRow = fc
  .tuple(
    fc.record(Object.fromEntries(FIELDS.map((key) => [key, anyValue])), { requiredKeys: [] }),
    extraMembers,
  )
  .map(([documented, extra]) => ({ ...extra, ...documented }));

describe.each([
  ['compiled', compiled],
  ['interpreted (jitless)', interpreted],
])('createFastObjectParser, %s', (_, parser) => {
  it('parses a documented row exactly as the schema does', () => {
    const row = { id: 12, name: null, code: 7, label: 3.5, qty: '001.50', free: '', extra: [1] };
    expect(parser.safeParse(row)).toEqual({
      success: true,
      data: { id: '12', name: null, code: '7', label: '3.5', qty: '1.5', free: null, extra: [1] },
    });
    expectSameResult(parser, row);
    expectSameResult(parser, { id: '1', qty: 0 });
    expectSameResult(parser, { id: '1', qty: 1, name: undefined, code: undefined });
  });

  it('leaves refusals to the schema, with its issues and field paths', () => {
    const input = { id: 2 ** 60, qty: 'abc', free: true };
    expect(parser.parseFast(input)).toBeUndefined();
    const result = parser.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['id'], ['qty'], ['free']]);
    expectSameResult(parser, input);
    for (const input of [null, undefined, 'row', 3, [], [{ id: '1', qty: 1 }]]) {
      expect(parser.parseFast(input)).toBeUndefined();
      expectSameResult(parser, input);
    }
  });

  it('never copies a __proto__ member (JSON.parse makes it an own key), as zod', () => {
    const input = JSON.parse('{"id":"1","qty":1,"__proto__":{"polluted":true},"x":1}');
    expectSameResult(parser, input);
    const data = parser.parseFast(input) as Record<string, unknown>;
    expect(data.polluted).toBeUndefined();
    expect(Object.keys(data)).not.toContain('__proto__');
  });

  it('reads members inherited from the prototype and keeps zod key order', () => {
    const input = Object.assign(Object.create({ qty: 2, inherited: 'yes' }), { zz: 1, id: '9' });
    expectSameResult(parser, input);
    expect(Object.keys(parser.parseFast(input) as object)).toEqual([
      'id',
      'label',
      'qty',
      'free',
      'zz',
      'inherited',
    ]);
  });

  it('gives the schema result for valid rows (mixed numbers and strings, absent and extra members)', () => {
    const row = fc
      .tuple(fc.record(validValue, { requiredKeys: ['id', 'qty'] }), extraMembers)
      .map(([documented, extra]) => ({ ...extra, ...documented }));
    fc.assert(
      fc.property(row, (input) => {
        expect(parser.parseFast(input)).toBeDefined();
        expectSameResult(parser, input);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('parseKnown gives the schema data without the members it does not name', () => {
    fc.assert(
      fc.property(fc.oneof(anyRow, anyValue), (input) => {
        const known = parser.parseKnown(input);
        const full = parser.parseFast(input);
        if (full === undefined) {
          expect(known).toBeUndefined();
          return;
        }
        const named = Object.fromEntries(
          Object.entries(full as object).filter(([key]) => FIELDS.includes(key)),
        );
        expect(known).toStrictEqual(named);
        expect(Object.keys(known as object)).toEqual(Object.keys(named));
      }),
      { seed: SEED, numRuns: 2000 },
    );
    // A row with unknown members: parseFast copies them, parseKnown leaves them on the input.
    const input = { id: '1', qty: 2, extra: { deep: true }, zz: 1 };
    expect(parser.parseKnown(input)).toStrictEqual({ id: '1', label: null, qty: '2', free: null });
    expect(parser.parseFast(input)).toMatchObject({ extra: { deep: true }, zz: 1 });
  });

  it('gives the schema result (data or issues) for arbitrary rows and values', () => {
    fc.assert(
      fc.property(fc.oneof(anyRow, anyValue), (input) => expectSameResult(parser, input)),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('createFastObjectParser at construction', () => {
  it('compiles unless zod is told not to', () => {
    expect(compiled.parseFast.toString()).not.toBe(interpreted.parseFast.toString());
  });

  it('throws for a field without a kind or a kind without a field', () => {
    const schema = z.looseObject({ a: z.string().nullish(), b: z.string().nullish() });
    // @ts-expect-error: `b` has no kind
    expect(() => createFastObjectParser(schema, { a: 'text' })).toThrow(
      /"b" of the schema has no kind/,
    );
    expect(() =>
      // @ts-expect-error: `c` is not a field
      createFastObjectParser(schema, { a: 'text', b: 'text', c: 'text' }),
    ).toThrow(/kind for "c"/);
    expect(() =>
      // @ts-expect-error: not a kind
      createFastObjectParser(schema, { a: 'text', b: 'string' }),
    ).toThrow(/"string" \(b\) is not a kind/);
  });

  it.each([
    ['a quantity read as text', { a: quantitySchema }, 'text', /field "a" does not behave/],
    ['a required quantity read as optional', { a: quantitySchema }, 'optionalQuantity', /"a"/],
    ['text read as a quantity', { a: z.string().nullish() }, 'optionalQuantity', /"a"/],
    ['text that refuses numbers read as textish', { a: z.string().nullish() }, 'textish', /"a"/],
    ['bounded text read as text', { a: z.string().max(5).nullish() }, 'text', /"a"/],
    ['required text read as text', { a: z.string() }, 'text', /"a"/],
    ['text with a default read as text', { a: z.string().nullish().default('x') }, 'text', /./],
    ['optional text read as optionalText', { a: z.string().nullish() }, 'optionalText', /"a"/],
  ] as const)('throws for %s', (_, shape, kind, message) => {
    const schema = z.looseObject(shape as Record<string, z.ZodType>);
    expect(() => createFastObjectParser(schema, { a: kind })).toThrow(message);
  });

  it('throws when the compiled read of a kind differs from readField', async () => {
    // The compiled parser writes out what nearly every value takes (readFieldSource); a statement
    // that reads a value differently from readField must stop construction, not diverge silently.
    vi.resetModules();
    vi.doMock('./fast-object-kinds.js', async (importOriginal) => {
      const kinds = await importOriginal<typeof import('./fast-object-kinds.js')>();
      return {
        ...kinds,
        // `text` that also passes numbers through: zod and readField refuse them.
        readFieldSource: (code: number, i: number, name: string) =>
          code === kinds.TEXT
            ? `let v${i} = input[${name}];`
            : kinds.readFieldSource(code as never, i, name),
      };
    });
    try {
      const { createFastObjectParser: create } = await import('./fast-object.js');
      const schema = z.looseObject({ a: z.string().nullish(), qty: quantitySchema });
      expect(() => create(schema, { a: 'text', qty: 'quantity' })).toThrow(
        /field "a" reads 0 as 0 in the parser, but as needing the schema by its kind/,
      );
    } finally {
      vi.doUnmock('./fast-object-kinds.js');
      vi.resetModules();
    }
  });

  it('refuses schemas whose unknown members or refinements it would skip', () => {
    const kinds = { a: 'text' } as const;
    expect(() => createFastObjectParser(z.object({ a: z.string().nullish() }), kinds)).toThrow(
      /z\.looseObject/,
    );
    expect(() =>
      createFastObjectParser(z.strictObject({ a: z.string().nullish() }), kinds),
    ).toThrow(/z\.looseObject/);
    const refined = z.looseObject({ a: z.string().nullish() }).refine((row) => row.a !== 'x');
    expect(() => createFastObjectParser(refined, kinds)).toThrow(/refinements/);
  });
});

describe('createFastObjectParser with many optional members', () => {
  /** A schema of `count` optional text fields and one quantity, parsed by the compiled path. */
  const wide = (count: number) => {
    const names = Array.from({ length: count }, (_, i) => `t${i}`);
    const shape = Object.fromEntries(names.map((name) => [name, z.string().nullish()]));
    const schema = z.looseObject({ ...shape, qty: quantitySchema });
    const kinds = { ...Object.fromEntries(names.map((name) => [name, 'text'])), qty: 'quantity' };
    return { names, parser: createFastObjectParser(schema, kinds as never) };
  };
  /** The row with the members whose bit is set in `present`, and an unknown member. */
  const rowOf = (names: readonly string[], present: number): Record<string, unknown> => {
    const row: Record<string, unknown> = { extra: present, qty: present % 3 };
    names.forEach((name, i) => {
      if (Math.floor(present / 2 ** i) % 2 === 1) row[name] = i % 2 === 0 ? `v${i}` : null;
    });
    return row;
  };

  it('keeps zod data and key order for every set of present members, past the cached shapes', () => {
    // 8 optional fields: 256 sets of present members, beyond the 64 object shapes kept compiled.
    const { names, parser } = wide(8);
    for (let present = 0; present < 256; present++) {
      expect(parser.parseFast(rowOf(names, present))).toBeDefined();
      expectSameResult(parser, rowOf(names, present));
    }
  });

  it('keeps zod data and key order with more optional fields than one presence bitmask holds', () => {
    const { names, parser } = wide(40);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (flags) => {
        const row: Record<string, unknown> = { qty: 1, zz: true };
        flags.forEach((flag, i) => {
          if (flag) row[names[i] as string] = `v${i}`;
        });
        expectSameResult(parser, row);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
