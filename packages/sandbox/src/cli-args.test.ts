import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { corsOption, expandBareCors, PUSH_DEFAULT_SECRET, pushOption } from './cli-args.js';

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

describe('--push', () => {
  it('reads URL[,secret], the secret defaulting to the public test value', () => {
    expect(
      pushOption(['http://127.0.0.1:8788/p,s3cret,with,commas', 'http://localhost:1/']),
    ).toEqual([
      { url: 'http://127.0.0.1:8788/p', secret: 's3cret,with,commas' },
      { url: 'http://localhost:1/', secret: PUSH_DEFAULT_SECRET },
    ]);
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => pushOption(['127.0.0.1:8788'])).toThrow(/--push needs an http\(s\) URL/);
    expect(() => pushOption(['ftp://x/'])).toThrow(/ftp:\/\/x/);
  });
});
