import {
  AuthError,
  createRedactor,
  type InvError,
  ProviderError,
  RateLimitedError,
  ResponseShapeError,
  TimeoutError,
  TransportError,
} from '@inv/core';
import { describe, expect, it } from 'vitest';
import { CliError, describeError } from './errors.js';

const context = { debug: false, redact: createRedactor(['s3cr3t-value']) };

describe('describeError', () => {
  it('maps core error codes to exit 3 with a fix for each', () => {
    const cases: [InvError, RegExp][] = [
      [new RateLimitedError('too many requests', { provider: 'winit' }), /Fix: wait a minute/],
      [
        new TimeoutError(30_000, { provider: 'kingdee' }),
        /Fix: check the network and INV_KINGDEE_BASE_URL/,
      ],
      [
        new ResponseShapeError('bad answer', [{ path: 'data.rows', message: 'expected array' }], {
          provider: 'winit',
        }),
        /Fix: winit answered in an unexpected shape/,
      ],
      [
        new ProviderError('2001', 'pageSize too large', { provider: 'winit' }),
        /^winit answered 2001: pageSize too large \[INV_PROVIDER\]\. Fix: see winit's message/,
      ],
    ];
    for (const [error, fix] of cases) {
      const described = describeError(error, context);
      expect(described.exitCode).toBe(3);
      expect(described.line).toMatch(fix);
      expect(described.line).not.toContain('\n');
    }
  });

  it('points network errors at the sandbox when one is in use', () => {
    const described = describeError(new TransportError('ECONNREFUSED', { provider: 'winit' }), {
      ...context,
      sandbox: 'http://127.0.0.1:4010',
    });
    expect(described.line).toBe(
      'winit: ECONNREFUSED [INV_TRANSPORT]. Fix: is the sandbox running at http://127.0.0.1:4010? start one with `inv sandbox`',
    );
  });

  it('names the refused connection (ECONNREFUSED) and its URL, found down the cause chain', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4010'), {
      code: 'ECONNREFUSED',
    });
    const fetchFailed = new TypeError('fetch failed', {
      cause: new AggregateError([refused], 'connect failed'),
    });
    const error = new TransportError(
      'Network error calling winit POST /openapi/service: [POST] "http://localhost:4010/openapi/service": <no response> fetch failed',
      { provider: 'winit', cause: new Error('[POST] …', { cause: fetchFailed }) },
    );
    expect(describeError(error, context).line).toMatch(
      /\[INV_TRANSPORT\]\. Fix: connection refused \(ECONNREFUSED\) at http:\/\/localhost:4010\/openapi\/service; check the network and INV_WINIT_BASE_URL/,
    );
  });

  it('names where refused credentials came from: variables or the configuration file', () => {
    const error = new AuthError('token refused', { provider: 'winit' });
    const line = describeError(error, {
      ...context,
      credentials: { winit: 'INV_WINIT_APP_KEY and winit.token in /srv/inv.config.json' },
    }).line;
    expect(line).toBe(
      'winit: token refused [INV_AUTH]. Fix: check INV_WINIT_APP_KEY and winit.token in /srv/inv.config.json for winit',
    );
  });

  it('suggests --resume after an interruption of export only', () => {
    const abort = new DOMException('aborted', 'AbortError');
    expect(describeError(abort, { ...context, command: 'stock' }).line).toBe(
      'interrupted. Fix: run the command again',
    );
    expect(describeError(abort, { ...context, command: 'export' }).line).toMatch(/--resume/);
  });

  it('scrubs configured secrets from the line and the --debug dump', () => {
    const error = new CliError('cannot use s3cr3t-value\nhere', { fix: 'do not' });
    const described = describeError(error, { ...context, debug: true });
    expect(described.line).toBe('cannot use [REDACTED] here. Fix: do not');
    expect(described.debug.join('\n')).not.toContain('s3cr3t-value');
    expect(described.debug.join('\n')).toContain('CliError');
  });

  it('reports interruption with exit 130 and unknown failures with exit 4', () => {
    const abort = new DOMException('aborted', 'AbortError');
    expect(describeError(abort, context)).toMatchObject({
      exitCode: 130,
      line: 'interrupted. Fix: run the command again',
    });
    expect(describeError('weird', context)).toMatchObject({
      exitCode: 4,
      line: 'unexpected error: weird. Fix: run again with --debug and report the output',
    });
  });
});
