/**
 * Generators and a harness shared by the sandbox fuzz suites (`src/reliability/sandbox-fuzz-*.test.ts`):
 * hostile text, bodies and headers, and the classes of input issue #18 found stalling or bloating
 * the sandbox (long arrays, exponent strings, deep values, duplicate keys, unique large members).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { createSandboxApp, type SandboxApp, type SandboxAppOptions } from '../app.js';

export const T0 = Date.UTC(2025, 0, 15, 4, 0, 0);
export const SEED = 20240101;
export const MAX_BODY = 32 * 1024;

export const SQL_AND_HTML = [
  "' OR '1'='1' --",
  '1; DROP TABLE inventory; --',
  '" UNION SELECT client_secret FROM apps --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '{{7*7}} #{7*7} <%= 7*7 %>',
  '../../../../etc/passwd',
  '\u0000\u0001\u001f',
  '%00%0d%0a',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  '１２３',
  '١٢٣',
];

export const hostileText = fc.oneof(
  fc.constantFrom(...SQL_AND_HTML),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
);

export const digits = fc.stringMatching(/^[1-9]\d{0,18}$/);
export const idList = (min: number, max: number): fc.Arbitrary<string[]> =>
  fc.array(fc.oneof({ weight: 5, arbitrary: digits }, { weight: 1, arbitrary: hostileText }), {
    minLength: min,
    maxLength: max,
  });
export const arrayText = fc.oneof(
  idList(0, 120).map((ids) => `[${ids.join(',')}]`),
  idList(0, 5).map((ids) => JSON.stringify(ids)),
  fc.nat({ max: 200 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`),
  fc.constantFrom('[', ']', '[,]', '[1,,2]', '["1"', '[1] [2]', '[]', ''),
  hostileText,
);

/** Headers that are valid to send (a fetch `Headers` refuses CR, LF, NUL and non-Latin-1). */
export const headerValue = fc
  .string({ maxLength: 60 })
  .map((text) => text.replace(/[\r\n\0]/g, ' '));
export const headerName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,24}$/)
  .filter((name) => name.toLowerCase() !== 'x-sandbox-fault');

/** A body of the given kind: text, random bytes (invalid UTF-8 included), deep JSON or oversized. */
export const hostileBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    Uint8Array.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
    Uint8Array.from([0xff, 0xfe, 0x7b, 0x00]),
    '\uFEFF{}',
  ),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .integer({ min: 1, max: 100_000 })
    .map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: MAX_BODY + 1, max: MAX_BODY * 2 }).map((size) => 'x'.repeat(size)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
);

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/** Many values: 101 to `max`, past every per-parameter limit, cheap to generate. */
export const longArray = (max: number): fc.Arbitrary<string[]> =>
  fc
    .tuple(fc.integer({ min: 101, max }), fc.integer({ min: 1, max: 9 }))
    .map(([length, lead]) => Array.from({ length }, (_, i) => `${lead}${i}`));

/** Numbers with exponents, as text: tiny, huge and absurd ones (`1e-160000`, `1e999999999`). */
export const exponentText = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.stringMatching(/^[1-9]\d{0,2}(\.\d{1,3})?$/),
    fc.constantFrom('e', 'E', 'e+', 'e-'),
    fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(160_000, 200_000_000, 999_999_999)),
  )
  .map(([sign, mantissa, e, exponent]) => `${sign}${mantissa}${e}${exponent}`);

/** Nested arrays or objects up to `maxDepth` deep, as JSON text (JSON.stringify would recurse). */
export const deepText = (maxDepth: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxDepth }), fc.boolean())
    .map(([depth, arrays]) =>
      arrays
        ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
        : `${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}`,
    );

/** A JSON object text with `key` written twice (JSON.parse keeps the last). */
export const duplicateKeys = (key: string, first: string, second: string, rest = ''): string =>
  `{${JSON.stringify(key)}:${first},${rest ? `${rest},` : ''}${JSON.stringify(key)}:${second}}`;

let unique = 0;
/** A string member no earlier case used, `minLength` to `maxLength` long. */
export const uniqueLargeText = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc
    .integer({ min: minLength, max: maxLength })
    .map((length) => `${unique++}:`.padEnd(length, 'x'));

/** A sandbox app for fuzzing, with its log lines kept to find internal failures. */
export interface FuzzSandbox extends SandboxApp {
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Log lines of the sandbox's internal-failure paths: a route threw on some input. */
  internalFailures(): string[];
  lines: string[];
}

export function fuzzSandbox(options: SandboxAppOptions): FuzzSandbox {
  const lines: string[] = [];
  const sandbox = createSandboxApp({
    now: () => T0,
    maxBodyBytes: MAX_BODY,
    logger: (line) => lines.push(line),
    ...options,
  });
  return {
    ...sandbox,
    lines,
    request: (path, init = {}) => Promise.resolve(sandbox.app.request(path, init)),
    internalFailures: () =>
      lines.filter((line) => /internal (error|failure)|sandbox failure/.test(line)),
  };
}

/** The bounds of the sandbox's held state (docs/reliability.md); `answerCacheBytes` as configured. */
export function expectBounded(
  held: Record<string, number>,
  bounds: { answerCacheBytes?: number; appTokens?: number } = {},
): void {
  expect(held['log.entries'] ?? 0).toBeLessThanOrEqual(500);
  expect(held['kingdee.appTokens'] ?? 0).toBeLessThanOrEqual(bounds.appTokens ?? 2 * 1000);
  expect(held['kingdee.nonces'] ?? 0).toBeLessThanOrEqual(2 * 100_000);
  expect(held['winit.answerCacheBytes'] ?? 0).toBeLessThanOrEqual(
    bounds.answerCacheBytes ?? 32 * 1024 * 1024,
  );
}

/** Counts the cases a file generates, for its "ran at least 10,000 cases" check (#18). */
export function countCases(): { runs(count: number): number; total(): number } {
  let cases = 0;
  return {
    runs: (count) => {
      cases += count;
      return count;
    },
    total: () => cases,
  };
}
