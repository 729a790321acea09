import { ConfigError } from './errors.js';
import type { SafeParser } from './parse-shape.js';

/**
 * Validates factory options with a zod schema. The first problem becomes a {@link ConfigError}
 * naming the option path (`credentials.clientSecret`) and the schema's message, which should say
 * how to fix it. Secrets are never echoed: messages describe the rule, not the value.
 */
export function parseOptions<T>(schema: SafeParser<T>, input: unknown, provider: string): T {
  if (input === undefined || input === null || typeof input !== 'object') {
    throw new ConfigError('options', `${provider}: pass an options object`, { provider });
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const option = issue?.path.map(String).join('.') || 'options';
  const message = issue?.message ?? 'is invalid';
  throw new ConfigError(option, message, {
    provider,
    details: {
      problems: result.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`),
    },
  });
}
