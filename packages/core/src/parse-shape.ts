import { ResponseShapeError } from './errors.js';

/**
 * What `parseShape` and `parseOptions` need of a schema: zod's `safeParse` contract, structurally,
 * so a zod schema, a `FastObjectParser` or any validator of the same shape can be passed, and zod
 * stays out of the public types.
 */
export interface SafeParser<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: {
          issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[];
        };
      };
}

/** Validates `input` with a schema; failure is a {@link ResponseShapeError} naming each field path. */
export function parseShape<T>(
  schema: SafeParser<T>,
  input: unknown,
  provider: string,
  what: string,
): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ResponseShapeError(
    `${provider} ${what} does not have the documented shape`,
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
    { provider },
  );
}
