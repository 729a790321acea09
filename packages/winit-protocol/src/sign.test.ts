import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CanonicalDataError, canonicalData, canonicalJson } from './canonical.js';
import {
  buildRequestBody,
  buildStringToSign,
  computeSign,
  formatWinitTimestamp,
  parseWinitTimestamp,
  type SignedFields,
  signaturesEqual,
  signRequestBody,
  signRequestBodyAt,
  stringToSignParts,
} from './sign.js';

interface Vector {
  id: string;
  input: {
    envelope: SignedFields & { language: string; client_id?: string };
    data: unknown;
    token: string;
    client_secret: string | null;
  };
  expected: {
    data_string: string;
    string_to_sign: string;
    sign: string;
    client_string_to_sign: string | null;
    client_sign: string | null;
    request_body: string;
  };
}

// The vectors are the ground truth (docs/protocols/winit.md §12), copied as published (test/fixtures/).
const vectors = (
  JSON.parse(
    readFileSync(new URL('../test/fixtures/winit-vectors.json', import.meta.url), 'utf8'),
  ) as { vectors: Vector[] }
).vectors;

describe('winit-vectors.json', () => {
  it('holds the documented vectors', () => {
    expect(vectors.map((v) => v.id)).toContain('seed-example-pageinv-aggregate');
    expect(vectors.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const { envelope, data, token, client_secret } = vector.input;
    const dataString = canonicalData(data);

    it('data_string', () => {
      expect(dataString).toBe(vector.expected.data_string);
    });

    it('string_to_sign and sign', () => {
      expect(buildStringToSign(envelope, dataString, token)).toBe(vector.expected.string_to_sign);
      expect(computeSign(envelope, dataString, token)).toBe(vector.expected.sign);
    });

    it('client_string_to_sign and client_sign', () => {
      if (client_secret === null) {
        expect(vector.expected.client_sign).toBeNull();
        return;
      }
      expect(buildStringToSign(envelope, dataString, client_secret)).toBe(
        vector.expected.client_string_to_sign,
      );
      expect(computeSign(envelope, dataString, client_secret)).toBe(vector.expected.client_sign);
    });

    it('request_body', () => {
      const body = buildRequestBody(
        {
          ...envelope,
          sign: vector.expected.sign,
          client_id: envelope.client_id,
          client_sign: vector.expected.client_sign ?? undefined,
        },
        dataString,
      );
      expect(body).toBe(vector.expected.request_body);
    });

    it('signRequestBody: the whole body from credentials, action, DATA and timestamp', () => {
      const body = signRequestBody({
        action: envelope.action,
        dataString,
        appKey: envelope.app_key,
        token,
        timestamp: envelope.timestamp,
        platform: envelope.platform,
        language: envelope.language,
        clientId: envelope.client_id,
        clientSecret: client_secret ?? undefined,
      });
      expect(body).toBe(vector.expected.request_body);
    });
  });
});

describe('canonicalData', () => {
  it('treats absent, null and blank data as empty, but not {}', () => {
    expect(canonicalData(undefined)).toBe('');
    expect(canonicalData(null)).toBe('');
    expect(canonicalData('')).toBe('');
    expect(canonicalData('  ')).toBe('');
    expect(canonicalData({})).toBe('{}');
  });

  it('keeps 0, false, "" and [] and null array elements', () => {
    expect(canonicalJson({ b: 0, a: false, c: '', d: [], e: [null, 1] })).toBe(
      '{"a":false,"b":0,"c":"","d":[],"e":[null,1]}',
    );
  });

  it('sorts by UTF-16 code unit, not locale', () => {
    expect(canonicalJson({ b: 1, B: 2, _: 3, a: 4, 中: 5 })).toBe(
      '{"B":2,"_":3,"a":4,"b":1,"中":5}',
    );
  });

  it('refuses non-finite numbers and runaway nesting instead of signing garbage', () => {
    expect(() => canonicalJson({ q: Number.POSITIVE_INFINITY })).toThrow(CanonicalDataError);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/nested deeper/);
  });
});

describe('signaturesEqual', () => {
  it('compares exactly', () => {
    expect(signaturesEqual('ABC', 'ABC')).toBe(true);
    expect(signaturesEqual('ABC', 'abc')).toBe(false);
    expect(signaturesEqual('ABC', 'ABCD')).toBe(false);
  });
});

describe('Winit timestamps (§9)', () => {
  it('formats in UTC+8 whatever the host zone', () => {
    // 2021-10-25 01:58:35Z is the documented example's 09:58:35 in Shanghai.
    expect(formatWinitTimestamp(Date.UTC(2021, 9, 25, 1, 58, 35, 999))).toBe('2021-10-25 09:58:35');
    expect(formatWinitTimestamp(Date.UTC(2023, 11, 31, 16, 0, 0))).toBe('2024-01-01 00:00:00');
    expect(formatWinitTimestamp(Date.UTC(2024, 0, 1, 0, 0, 0), 0)).toBe('2024-01-01 00:00:00');
  });

  it('parses in UTC+8 and refuses impossible dates', () => {
    expect(parseWinitTimestamp('2021-10-25 09:58:35')).toBe(Date.UTC(2021, 9, 25, 1, 58, 35));
    expect(parseWinitTimestamp('2024-02-30 00:00:00')).toBeUndefined();
    expect(parseWinitTimestamp('2024-01-01T00:00:00')).toBeUndefined();
    expect(parseWinitTimestamp('2024-01-01 24:00:00')).toBeUndefined();
  });
});

describe('stringToSignParts', () => {
  it('names the parts of P(secret) in the order of §4', () => {
    const fields = { action: 'queryWarehouse', app_key: 'rebecca', version: '1.0' };
    const parts = stringToSignParts(fields, '{"a":1}', '{token}');
    expect(parts.map((part) => part.name)).toEqual([
      'secret',
      'action',
      'app_key',
      'data',
      'format',
      'platform',
      'sign_method',
      'timestamp',
      'version',
      'secret',
    ]);
    expect(parts[3]).toEqual({ name: 'data', value: '{"a":1}', text: 'data{"a":1}' });
    expect(parts.map((part) => part.text).join('')).toBe(
      buildStringToSign(fields, '{"a":1}', '{token}'),
    );
  });
});

describe('signRequestBodyAt', () => {
  const account = {
    appKey: 'merchant',
    token: 'token-1',
    clientId: 'app-1',
    clientSecret: 'secret-1',
    platform: 'APP',
    language: 'en_US',
  };
  const at = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

  it('is signRequestBody of the account, with the §9 timestamp of the instant (UTC+8)', () => {
    const dataString = canonicalData({ warehouseCodes: 'W1' });
    expect(signRequestBodyAt(account, 'pageInv', dataString, at)).toBe(
      signRequestBody({
        ...account,
        action: 'pageInv',
        dataString,
        timestamp: '2024-01-02 11:04:05',
      }),
    );
    expect(JSON.parse(signRequestBodyAt(account, 'pageInv', dataString, at))).toMatchObject({
      client_id: 'app-1',
      platform: 'APP',
      language: 'en_US',
    });
  });

  it("writes the timestamp in the account's offset, and signs merchant mode without client fields", () => {
    const body = JSON.parse(
      signRequestBodyAt(
        { appKey: 'merchant', token: 't', utcOffsetMinutes: 0 },
        'queryWarehouse',
        '',
        at,
      ),
    );
    expect(body.timestamp).toBe('2024-01-02 03:04:05');
    expect(body).not.toHaveProperty('client_sign');
    expect(body).toMatchObject({ platform: '', language: 'zh_CN' });
  });
});
