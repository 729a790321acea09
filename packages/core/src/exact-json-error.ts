import { ResponseShapeError } from './errors.js';
import type { InvErrorOptions } from './inv-error.js';

/**
 * An object names the same key twice, at any depth. `JSON.parse` would keep the last value, so
 * `{"code":"1004",…,"code":"0"}` would read as success: which value the gateway meant is unknown,
 * and `parseExactJson` refuses the text (`INV_RESPONSE_SHAPE`, not retryable) instead of guessing.
 */
export class DuplicateKeyError extends ResponseShapeError {
  override name = 'DuplicateKeyError';
  /** The repeated key, unescaped. */
  readonly key: string;
  /**
   * Where the second occurrence is, in the dotted form of every shape issue (`data.list.3.code`).
   * The message and `issues` shorten a path longer than 200 characters in its middle.
   */
  readonly path: string;

  constructor(where: { key: string; path: string }, options: InvErrorOptions = {}) {
    super(
      `${source(options.provider)} names a key twice`,
      [
        {
          path: shorten(where.path),
          message: `duplicate key ${JSON.stringify(where.key)}: JSON would keep only the last value, so which one was meant is unknown`,
        },
      ],
      { ...options, details: { key: where.key, path: shorten(where.path), ...options.details } },
    );
    this.key = where.key;
    this.path = where.path;
  }
}

/** The rules {@link ExactJsonError} names: `ExactJsonOptions`' `inexact: 'refuse'` and `maxDepth`. */
export type ExactJsonRule = 'inexact-number' | 'max-depth';

/**
 * JSON text `parseExactJson` was asked to refuse rather than read: a number a double would change
 * (with `inexact: 'refuse'`), or nesting deeper than `maxDepth`. `rule` says which, `path`
 * (`data.list.3.qty`, `''` for the root) where; `INV_RESPONSE_SHAPE`, not retryable.
 */
export class ExactJsonError extends ResponseShapeError {
  override name = 'ExactJsonError';
  readonly rule: ExactJsonRule;
  /** Where the refused value is, in the dotted form of every shape issue; whole, never shortened. */
  readonly path: string;

  constructor(
    where: { rule: ExactJsonRule; path: string; message: string },
    options: InvErrorOptions = {},
  ) {
    super(
      `${source(options.provider)} cannot be read exactly`,
      [{ path: shorten(where.path), message: where.message }],
      { ...options, details: { rule: where.rule, path: shorten(where.path), ...options.details } },
    );
    this.rule = where.rule;
    this.path = where.path;
  }
}

/** A hostile answer may nest thousands of containers deep: keep messages and logs readable. */
function shorten(path: string): string {
  return path.length <= 200 ? path : `${path.slice(0, 100)}…${path.slice(-100)}`;
}

/** What the refused text is: a provider's answer when a provider is named. */
function source(provider: string | undefined): string {
  return provider === undefined ? 'the JSON text' : `the ${provider} answer`;
}
