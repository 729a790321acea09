import { quoteInexactNumbers } from '@inv/core';

/**
 * JSON parsing that keeps numbers exact. JDY ids are 19-digit snowflakes (docs/protocols/kingdee.md
 * §11.2) and quantities may carry more digits than a double holds: such number tokens arrive as
 * strings holding their source text (the rule is `@inv/core`'s `quoteInexactNumbers`). Repeated
 * keys are not checked here; the client reads answers with core's `parseExactJson`, which refuses
 * them.
 */
export function parseJsonPreservingIntegers(text: string): unknown {
  return JSON.parse(quoteInexactNumbers(text));
}

/** Wraps the number tokens a double would change in quotes: core's `quoteInexactNumbers`. */
export const quoteLongIntegers: (text: string) => string = quoteInexactNumbers;
