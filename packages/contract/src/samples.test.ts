import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ResponseShapeError } from '@inv/core';
import { INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT } from '@inv/kingdee-protocol';
import { startSandbox } from '@inv/sandbox';
import {
  WINIT_SAMPLE_REQUEST_AGGREGATE,
  WINIT_SAMPLE_REQUEST_ATTRIBUTES,
  WINIT_SAMPLE_RESPONSE_TEXT,
} from '@inv/winit-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_REQUESTS, DOCUMENTED_RESPONSES, signedWinitSample } from './samples.js';

const vectors = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@inv/winit-protocol/vectors.json'), 'utf8'),
) as { vectors: { id: string; expected: { request_body: string } }[] };
const vector = (id: string): string =>
  vectors.vectors.find((v) => v.id === id)?.expected.request_body ?? `missing vector ${id}`;

const failure = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

describe('documented responses', () => {
  it('a Kingdee sample that no longer parses fails with the field path', () => {
    const [sample] = DOCUMENTED_RESPONSES.kingdee;
    const broken = INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT.replace('"qty": 1,', '"qty": "one",');
    const error = failure(() => sample?.parse(broken));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).issues.map((issue) => issue.path)).toEqual([
      'data.rows.0.qty',
    ]);
    expect((error as Error).message).toMatch(
      /documented inv_synchronous response sample.*data\.rows\.0\.qty/,
    );
  });

  it('a Winit sample that no longer parses fails with the field path', () => {
    const [sample] = DOCUMENTED_RESPONSES.winit;
    const broken = WINIT_SAMPLE_RESPONSE_TEXT.replace('"frozenQty": 22', '"frozenQty": {"n": 22}');
    const error = failure(() => sample?.parse(broken));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).issues.map((issue) => issue.path)).toEqual([
      'data.list.0.frozenQty',
    ]);
  });

  it('keeps the untouched wire row in raw', () => {
    const [record] = DOCUMENTED_RESPONSES.winit[0]?.parse() ?? [];
    expect(record?.raw).toMatchObject({ usableQty: '0', frozenQty: 22, specification: null });
  });
});

describe('documented requests', () => {
  it('signs the Winit examples exactly as the known-answer vectors', () => {
    expect(signedWinitSample(WINIT_SAMPLE_REQUEST_ATTRIBUTES)).toBe(
      vector('seed-example-pageinv-attributes'),
    );
    expect(signedWinitSample(WINIT_SAMPLE_REQUEST_AGGREGATE)).toBe(
      vector('seed-example-pageinv-aggregate'),
    );
  });

  describe('replayed against a sandbox whose clock is not the documented one', () => {
    let sandbox: Awaited<ReturnType<typeof startSandbox>>;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    afterAll(() => sandbox.close());

    it('a Winit example is refused (the byte comparison has something to catch)', async () => {
      const [sample] = DOCUMENTED_REQUESTS.winit;
      const answer = await sample?.send(sandbox.url);
      expect(answer?.status).toBe(200);
      expect(answer?.text).not.toBe(sample?.expectedText);
      expect(JSON.parse(answer?.text ?? '{}')).toMatchObject({ code: '1003' });
    });

    it('the Kingdee example cannot even get its app-token', async () => {
      const [sample] = DOCUMENTED_REQUESTS.kingdee;
      await expect(sample?.send(sandbox.url)).rejects.toMatchObject({ providerCode: '4006' });
    });
  });
});
