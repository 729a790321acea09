import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseOptions } from './config.js';
import { ConfigError } from './errors.js';

const schema = z.object({
  credentials: z.object({
    clientSecret: z.string({ error: 'is required: pass your client secret' }).min(1),
  }),
  batchSize: z
    .number()
    .int()
    .positive({ error: 'must be a positive integer (1 to 100)' })
    .default(100),
});

describe('parseOptions', () => {
  it('returns parsed options with defaults', () => {
    expect(parseOptions(schema, { credentials: { clientSecret: 's3cr3t-value' } }, 'demo')).toEqual(
      {
        credentials: { clientSecret: 's3cr3t-value' },
        batchSize: 100,
      },
    );
  });

  it('names the option and the fix, never the value', () => {
    try {
      parseOptions(
        schema,
        { credentials: { clientSecret: 's3cr3t-value' }, batchSize: -5 },
        'demo',
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).option).toBe('batchSize');
      expect((error as Error).message).toBe(
        'Invalid option `batchSize`: must be a positive integer (1 to 100)',
      );
      expect(JSON.stringify(error)).not.toContain('s3cr3t-value');
    }
  });

  it('names a missing nested credential', () => {
    expect(() => parseOptions(schema, { credentials: {} }, 'demo')).toThrow(
      'Invalid option `credentials.clientSecret`: is required: pass your client secret',
    );
  });

  it('refuses a missing options object', () => {
    expect(() => parseOptions(schema, undefined, 'demo')).toThrow(ConfigError);
  });
});
