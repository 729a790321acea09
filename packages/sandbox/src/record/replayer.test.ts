import { ConfigError } from '@inv/core';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../gateway/refusal.js';
import { winitMatchKey } from './match-key.js';
import type { RecordedExchange } from './recording-schema.js';
import { createReplay, parseRecording } from './replayer.js';

const exchange = (data: Record<string, unknown>, body: string): RecordedExchange => {
  const key = winitMatchKey('winit.a', data);
  return {
    version: 1,
    provider: 'winit',
    route: key.route,
    params: key.params.map(([n, v]) => [n, v]),
    request: { method: 'POST', path: '/openapi/service', query: '', headers: {}, body: '' },
    answer: { status: 200, headers: { 'content-type': 'application/json' }, body },
  };
};

describe('replay', () => {
  const replay = createReplay(
    [
      exchange({ pageNum: 1, code: 'DE' }, '{"code":"0","first":1}'),
      exchange({ pageNum: 1, code: 'DE' }, '{"code":"0","second":1}'),
      exchange({ pageNum: 2, code: 'DE' }, '{"code":"0","page":2}'),
      exchange({ pageNum: 1, code: 'US' }, '{"code":"0","us":1}'),
    ],
    'rec.jsonl',
  );

  it('answers recordings of one key in order, then repeats the last', () => {
    const key = winitMatchKey('winit.a', { code: 'DE', pageNum: 1 });
    const bodies = [replay(key), replay(key), replay(key)].map((a) =>
      a instanceof Refusal ? a.describe() : Buffer.from(a.body).toString(),
    );
    expect(bodies).toEqual([
      '{"code":"0","first":1}',
      '{"code":"0","second":1}',
      '{"code":"0","second":1}',
    ]);
  });

  it('refuses an unrecorded request in the provider code, naming the closest recording', () => {
    const refused = replay(winitMatchKey('winit.a', { pageNum: 3, code: 'DE' }));
    expect(refused).toBeInstanceOf(Refusal);
    expect((refused as Refusal).code).toBe('1007');
    expect((refused as Refusal).describe()).toContain(
      'closest recorded request, winit winit.a ?code=%22DE%22&pageNum=',
    );
  });

  it('names the bad line of a recording file', () => {
    expect(() => parseRecording('{"version":1}\n', 'rec.jsonl')).toThrow(ConfigError);
    expect(() => parseRecording('\n{"version":2}', 'rec.jsonl')).toThrow(
      /rec.jsonl line 2: version/,
    );
  });
});
