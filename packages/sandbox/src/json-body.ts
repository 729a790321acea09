import { parseExactJson, ResponseShapeError } from '@inv/core';

/** Deepest nesting of arrays and objects an admin body may have (a dataset row sits at depth 4). */
export const MAX_JSON_DEPTH = 64;

export type JsonBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; issues: string[] };

/**
 * Core's exact reader, refusing what `JSON.parse` would change silently or what the sandbox could
 * not serve back: a number that does not survive as a double (`9007199254740993`, `1e400`,
 * `0.1000000000000000055511151231257827`), nesting deeper than {@link MAX_JSON_DEPTH} (which
 * `JSON.stringify` of the dataset and the answers could not take), a key named twice.
 */
const READ_OPTIONS = { inexact: 'refuse', maxDepth: MAX_JSON_DEPTH } as const;

/**
 * Reads an admin request body or a dataset file. Refusals are results, not throws: every caller
 * answers them with a 400 (or a CLI error) whose issues name the field path (`rows.3.qty: …`).
 */
export function readJsonBody(text: string): JsonBodyResult {
  try {
    return { ok: true, value: parseExactJson(text, READ_OPTIONS) };
  } catch (error) {
    if (error instanceof SyntaxError) {
      return { ok: false, message: `body is not valid JSON: ${error.message}`, issues: [] };
    }
    if (!(error instanceof ResponseShapeError)) throw error;
    const issues = error.issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`);
    return { ok: false, message: `body cannot be read exactly: ${issues.join('; ')}`, issues };
  }
}
