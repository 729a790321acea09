import { ResponseShapeError } from './errors.js';
import type { InvErrorOptions } from './inv-error.js';

/**
 * An answer object names the same key twice. `JSON.parse` would keep the last value, so
 * `{"code":"1004",…,"code":"0"}` would read as success: which value the gateway meant is unknown,
 * and the answer is refused (`INV_RESPONSE_SHAPE`, not retryable) instead of guessed.
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
      `${options.provider ?? 'the gateway'} answer names a key twice`,
      [
        {
          path: shorten(where.path),
          message: `duplicate key ${JSON.stringify(where.key)}: JSON would keep only the last value, so the answer is refused`,
        },
      ],
      { ...options, details: { key: where.key, path: shorten(where.path), ...options.details } },
    );
    this.key = where.key;
    this.path = where.path;
  }
}

/** A hostile answer may nest thousands of objects deep: keep messages and logs readable. */
function shorten(path: string): string {
  return path.length <= 200 ? path : `${path.slice(0, 100)}…${path.slice(-100)}`;
}
