import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from './decimal.js';
import { ResponseShapeError } from './errors.js';
import { type ExactJsonOptions, parseExactJson, quoteInexactNumbers } from './exact-json.js';
import { DuplicateKeyError, ExactJsonError } from './exact-json-error.js';
import { InvError } from './inv-error.js';

/** The exact decimal a leaf stands for, as the quantity schemas read it. */
const exact = (leaf: unknown): string => {
  const parsed = parseDecimal(leaf);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

const refusal = (text: string): DuplicateKeyError => {
  try {
    parseExactJson(text, { provider: 'winit' });
  } catch (error) {
    if (error instanceof DuplicateKeyError) return error;
    throw error;
  }
  throw new Error(`not refused: ${text}`);
};

describe('parseExactJson numbers', () => {
  it('gives the numbers JSON.parse would round as their exact text', () => {
    expect(
      parseExactJson(
        '{"a":9007199254740993,"b":123456789012345.678,"c":0.1000000000000000055511151231257827,"d":-9007199254740993}',
      ),
    ).toEqual({
      a: '9007199254740993',
      b: '123456789012345.678',
      c: '0.1000000000000000055511151231257827',
      d: '-9007199254740993',
    });
  });

  it('keeps numbers a double holds exactly as numbers', () => {
    expect(
      parseExactJson(
        '[0, -0, 1.5, 0.1, 123.25, 1e21, 1.5e-7, 1234567890123456, 9007199254740991, 1234567890123456.5, 0.0000000000000001, 100000000000000000000.0]',
      ),
    ).toEqual([
      0, -0, 1.5, 0.1, 123.25, 1e21, 1.5e-7, 1234567890123456, 9007199254740991, 1234567890123456.5,
      1e-16, 1e20,
    ]);
  });

  it('gives integer literals beyond the safe range as text, even when a double holds them', () => {
    // 2^53 and 2^53 + 2 are doubles, but an id consumer cannot tell them from their neighbours.
    expect(parseExactJson('[9007199254740992, 9007199254740994, 1700000000000000001]')).toEqual([
      '9007199254740992',
      '9007199254740994',
      '1700000000000000001',
    ]);
  });

  it('gives an underflow as text instead of 0, and leaves an overflow Infinity for schemas to refuse', () => {
    expect(parseExactJson('[1e-400, -1e-400, 0e400, 1e400, -1e400]')).toEqual([
      '1e-400',
      '-1e-400',
      0,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
  });

  // Decimal numerals: up to 40 digits, a fraction, an exponent, the sign.
  const numeral = fc
    .tuple(
      fc.boolean(),
      fc.stringMatching(/^(0|[1-9]\d{0,39})$/),
      fc.option(fc.stringMatching(/^\d{1,25}$/), { nil: undefined }),
      fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
    )
    .map(
      ([negative, whole, fraction, exponent]) =>
        `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : `e${exponent}`}`,
    );

  it('reads every numeral as its exact value: a number when exact, else its text', () => {
    fc.assert(
      fc.property(fc.array(numeral, { minLength: 1, maxLength: 8 }), (numerals) => {
        const text = `{"rows":[${numerals.map((n) => `{"qty":${n},"ids":[${n}]}`).join(',')}]}`;
        const rows = (parseExactJson(text) as { rows: { qty: unknown; ids: unknown[] }[] }).rows;
        rows.forEach((row, i) => {
          const source = numerals[i] as string;
          for (const leaf of [row.qty, row.ids[0]]) {
            expect(exact(leaf)).toBe(exact(source));
            if (typeof leaf === 'string') expect(leaf).toBe(source);
          }
        });
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it('keeps every numeral of at most 15 digits without exponent as a number', () => {
    const short = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,15}$/), fc.nat({ max: 15 }))
      .map(([negative, digits, point]) => {
        const at = Math.min(point, digits.length - 1);
        const whole = digits.slice(0, digits.length - at).replace(/^0+(?=\d)/, '');
        const fraction = digits.slice(digits.length - at);
        return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
      });
    fc.assert(
      fc.property(short, (source) => {
        expect(typeof parseExactJson(source)).toBe('number');
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it('gives what JSON.parse gives for any JSON.stringify output, bar unsafe integer literals', () => {
    const unsafeIntegersAsText = (value: unknown): unknown => {
      if (typeof value === 'number') {
        const text = JSON.stringify(value);
        return /^-?\d+$/.test(text) && !Number.isSafeInteger(value) ? text : value;
      }
      if (Array.isArray(value)) return value.map(unsafeIntegersAsText);
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value).map(([key, item]) => [key, unsafeIntegersAsText(item)]),
        );
      }
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parseExactJson(text)).toStrictEqual(unsafeIntegersAsText(JSON.parse(text)));
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it('never touches strings or keys, whatever digits, escapes and quotes they hold', () => {
    const piece = fc.constantFrom(
      '9007199254740993',
      '123456789012345.678',
      '1e400',
      '"',
      '\\',
      '\\"',
      ':',
      ',',
      ' ',
      '{',
      ']',
      '-',
      'é',
      '\u2028',
    );
    const tricky = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(tricky, tricky, (key, value) => {
        const text = JSON.stringify({ [key]: value, list: [value, { [value]: key }] });
        expect(quoteInexactNumbers(text)).toBe(text);
        expect(parseExactJson(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it('leaves text that is not JSON for JSON.parse to refuse, never makes it valid', () => {
    for (const text of [
      '{12345678901234567890:1}',
      '{12345678901234567890 : 1}',
      '[1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7]',
      '[01234567890123456789]',
      '[1234567890123456789-1]',
      '[1e400',
    ]) {
      expect(() => parseExactJson(text), text).toThrow(SyntaxError);
    }
  });
});

describe('parseExactJson duplicate keys', () => {
  it('refuses a repeated key, naming it and its path', () => {
    const error = refusal('{"code":"1004","msg":"token expired","data":null,"code":"0"}');
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error).toBeInstanceOf(InvError);
    expect(error).toMatchObject({
      name: 'DuplicateKeyError',
      code: 'INV_RESPONSE_SHAPE',
      retryable: false,
      provider: 'winit',
      key: 'code',
      path: 'code',
      issues: [{ path: 'code' }],
      details: { key: 'code', path: 'code' },
    });
    expect(error.message).toContain('duplicate key "code"');
  });

  it('refuses keys that are equal once unescaped, and __proto__ twice', () => {
    expect(refusal('{"data":{"list":[{"a":1},{"a":1,"b":2,"\\u0061":3}]}}')).toMatchObject({
      key: 'a',
      path: 'data.list.1.a',
    });
    expect(refusal('{"__proto__":1,"__proto__":2}')).toMatchObject({ key: '__proto__' });
  });

  it('still refuses when something made Object.prototype enumerable members', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      expect(refusal('[{"a":1,"a":2},{},{}]')).toMatchObject({ path: '0.a' });
    } finally {
      delete proto.polluted;
    }
  });

  it('lets SyntaxError win over a repeated key in text that is not JSON', () => {
    expect(() => parseExactJson('{"a":1,"a":2')).toThrow(SyntaxError);
  });

  const key = fc.string({ maxLength: 6 });
  /** An object text that repeats one of its keys, and where it sits in a larger value. */
  const duplicated = fc
    .record({
      keys: fc.uniqueArray(key, { minLength: 1, maxLength: 6 }),
      values: fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 7, maxLength: 7 }),
      repeat: fc.nat(),
      after: fc.nat(),
      escaped: fc.boolean(),
      around: fc.array(
        fc.oneof(
          fc.record({ key }),
          fc.record({ before: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }) }),
        ),
        { maxLength: 6 },
      ),
    })
    .map(({ keys, values, repeat, after, escaped, around }) => {
      const repeated = keys[repeat % keys.length] as string;
      const first = keys.indexOf(repeated);
      // The repeat goes anywhere after the first occurrence, optionally written with an escape.
      const at = first + 1 + (after % (keys.length - first));
      const written =
        escaped && repeated.length > 0
          ? `"\\u${repeated.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(repeated.slice(1)).slice(1)}`
          : JSON.stringify(repeated);
      const members = keys.map((k, i) => `${JSON.stringify(k)}:${JSON.stringify(values[i])}`);
      members.splice(at, 0, `${written}:${JSON.stringify(values[6])}`);
      let text = `{${members.join(',')}}`;
      const path: (string | number)[] = [repeated];
      for (const wrapper of around) {
        if ('key' in wrapper) {
          text = `{${JSON.stringify(wrapper.key)}:${text}}`;
          path.unshift(wrapper.key);
        } else {
          text = `[${[...wrapper.before.map((v) => JSON.stringify(v)), text].join(',')}]`;
          path.unshift(wrapper.before.length);
        }
      }
      return { text, repeated, path: path.join('.') };
    });

  it('refuses a repeated key at any depth, escaped or not, naming the right path', () => {
    fc.assert(
      fc.property(duplicated, ({ text, repeated, path }) => {
        expect(refusal(text)).toMatchObject({ key: repeated, path });
      }),
      { numRuns: 2000, seed: 18 },
    );
  });
});

describe('parseExactJson depth', () => {
  const DEPTH = 100_000;

  it('reads a 100,000-deep answer, long numbers included, without recursion', () => {
    let value = parseExactJson(`${'['.repeat(DEPTH)}9007199254740993${']'.repeat(DEPTH)}`);
    for (let i = 0; i < DEPTH; i++) value = (value as unknown[])[0];
    expect(value).toBe('9007199254740993');
  });

  it('refuses a repeated key 100,000 objects deep', () => {
    const text = `${'{"a":'.repeat(DEPTH)}{"b":1,"b":2}${'}'.repeat(DEPTH)}`;
    const error = refusal(text);
    expect(error.key).toBe('b');
    expect(error.path).toBe(`${'a.'.repeat(DEPTH)}b`);
    // The message and the issue shorten such a path; the property keeps it whole.
    expect(error.message.length).toBeLessThan(1000);
    expect(error.issues[0]?.path).toMatch(/^a\.a\..*….*\.a\.b$/);
  });
});

describe('parseExactJson options', () => {
  const STRICT = { inexact: 'refuse', maxDepth: 64 } as const;

  const refused = (text: string, options: ExactJsonOptions = STRICT): ExactJsonError => {
    try {
      parseExactJson(text, options);
    } catch (error) {
      if (error instanceof ExactJsonError) return error;
      throw error;
    }
    throw new Error(`not refused: ${text.slice(0, 80)}`);
  };

  it.each([
    [
      '{"delta":9007199254740993}',
      'delta',
      'the number 9007199254740993 would be read as 9007199254740992',
    ],
    ['{"a":[1,{"b":1e400}]}', 'a.1.b', 'the number 1e400 would be read as Infinity'],
    ['{"x":{"y":"}","z":[0,0,-1e-400]}}', 'x.z.2', 'the number -1e-400 would be read as 0'],
    [
      '[0.1000000000000000055511151231257827]',
      '0',
      'the number 0.1000000000000000055511151231257827',
    ],
    ['{"k\\"ey":123456789012345.678}', 'k"ey', 'the number 123456789012345.678'],
    ['{"id":9007199254740992}', 'id', 'the integer 9007199254740992 is beyond ±(2^53 − 1)'],
    [
      '12345678901234567890',
      '',
      'the number 12345678901234567890 would be read as 12345678901234567000',
    ],
  ])('inexact: refuse refuses %s naming the field', (text, path, reason) => {
    const error = refused(text);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error).toMatchObject({
      name: 'ExactJsonError',
      code: 'INV_RESPONSE_SHAPE',
      retryable: false,
      rule: 'inexact-number',
      path,
      details: { rule: 'inexact-number', path },
    });
    expect(error.issues[0]?.message).toContain(reason);
    expect(error.issues[0]?.message).toContain('send it as a string');
    expect(error.message).toContain('the JSON text cannot be read exactly');
  });

  it('names the first refused token, shortening a long one, and the provider when given', () => {
    const long = `1${'0'.repeat(60)}1`;
    const error = refused(`[1, ${long}, 1e400]`, { ...STRICT, provider: 'winit' });
    expect(error).toMatchObject({ path: '1', provider: 'winit' });
    expect(error.issues[0]?.message).toContain(`${long.slice(0, 40)}… (62 characters)`);
    expect(error.message).toContain('the winit answer cannot be read exactly');
  });

  it('inexact: refuse accepts every number a double holds exactly, in any spelling', () => {
    const text = '{"a":[0,-0,1.50,2.5e3,1E-7,9007199254740991,-12.000,1e21,5e-324],"b":"9e999"}';
    expect(parseExactJson(text, STRICT)).toEqual(JSON.parse(text));
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = JSON.stringify({ value });
        // Integer literals beyond ±(2^53 − 1) are what the default gives as text: refused.
        const unsafe = /^-?\d+$/.test(JSON.stringify(value)) && !Number.isSafeInteger(value);
        if (unsafe) expect(refused(text).rule).toBe('inexact-number');
        else expect(parseExactJson(text, STRICT)).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('refuses exactly what the default reads as text or Infinity', () => {
    const numeral = fc.stringMatching(/^-?(0|[1-9]\d{0,30})(\.\d{1,20})?([eE][+-]?\d{1,3})?$/);
    fc.assert(
      fc.property(numeral, (source) => {
        const read = parseExactJson(`[${source}]`) as unknown[];
        const changed = typeof read[0] === 'string' || !Number.isFinite(read[0]);
        if (changed) expect(refused(`[${source}]`).path).toBe('0');
        else expect(parseExactJson(`[${source}]`, STRICT)).toEqual(read);
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it('inexact: text is the default', () => {
    expect(parseExactJson('[9007199254740993]', { inexact: 'text' })).toEqual(['9007199254740993']);
  });

  it('maxDepth refuses deeper nesting, naming where, without recursion', () => {
    const deep = `{"extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const error = refused(deep);
    expect(error).toMatchObject({ rule: 'max-depth', path: `extra${'.0'.repeat(63)}` });
    expect(error.issues[0]?.message).toBe('nested deeper than 64 levels of arrays and objects');
    const limit = `${'['.repeat(64)}${']'.repeat(64)}`;
    expect(parseExactJson(limit, STRICT)).toEqual(JSON.parse(limit));
    expect(refused(`[${limit}]`).path).toBe('0'.repeat(64).split('').join('.'));
    expect(refused('{"a":"[[[[","b":[{"c":{}}]}', { maxDepth: 3 }).path).toBe('b.0.c');
  });

  it('lets SyntaxError win over the options, and a refusal over a repeated key', () => {
    expect(() => parseExactJson('{"a":1e400', STRICT)).toThrow(SyntaxError);
    expect(refused('{"a":1,"a":1e400}').rule).toBe('inexact-number');
    expect(() => parseExactJson('{"a":1,"a":2}', STRICT)).toThrow(DuplicateKeyError);
  });
});
