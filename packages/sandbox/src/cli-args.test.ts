import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { corsOption, expandBareCors } from './cli-args.js';

const cors = (args: string[]) =>
  corsOption(
    parseArgs({
      args: expandBareCors(args),
      options: { cors: { type: 'string' }, quiet: { type: 'boolean' } },
      strict: true,
    }).values.cors,
  );

describe('--cors', () => {
  it('alone allows any origin, with a value those origins, absent none', () => {
    expect(cors(['--cors'])).toBe(true);
    expect(cors(['--cors', '--quiet'])).toBe(true);
    expect(cors(['--cors', 'http://localhost:3000, http://127.0.0.1:5173'])).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:5173',
    ]);
    expect(cors(['--cors=http://a.test'])).toEqual(['http://a.test']);
    expect(cors(['--quiet'])).toBeUndefined();
  });
});
