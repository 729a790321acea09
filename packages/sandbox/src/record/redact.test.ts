import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactJsonText, redactQuery } from './redact.js';

describe('redaction', () => {
  it('replaces signature, nonce and token headers', () => {
    expect(
      redactHeaders({
        'X-Api-Signature': 'sig',
        'X-Api-Nonce': '123',
        'app-token': 'tok',
        'X-Api-ClientID': '100100',
      }),
    ).toEqual({
      'x-api-signature': REDACTED,
      'x-api-nonce': REDACTED,
      'app-token': REDACTED,
      'x-api-clientid': '100100',
    });
  });

  it('replaces secret query values and keeps every other byte', () => {
    expect(redactQuery('app_key=K&app_signature=a%2Bb%3D&page=1%2C2')).toBe(
      'app_key=K&app_signature=%5Bredacted%5D&page=1%2C2',
    );
  });

  it('replaces secret JSON members anywhere, keeping exact numbers and layout', () => {
    const text =
      '{"sign":"ABC","client_sign":"DEF","token":"T","data":{"qty":12345678901234567890.10},' +
      '"x":{"access_token":"a","app-token":"b","appSecret":"c"},"n": 5}';
    expect(redactJsonText(text)).toBe(
      '{"sign":"[redacted]","client_sign":"[redacted]","token":"[redacted]","data":{"qty":12345678901234567890.10},' +
        '"x":{"access_token":"[redacted]","app-token":"[redacted]","appSecret":"[redacted]"},"n": 5}',
    );
  });

  it('replaces escaped and non-string secret values whole', () => {
    expect(redactJsonText('{"token": "a\\"b", "nonce": 123}')).toBe(
      '{"token": "[redacted]", "nonce": "[redacted]"}',
    );
  });

  it('replaces a secret string left open by a cut up to the end of the text', () => {
    expect(redactJsonText('{"page":1,"client_secret":"ab, cd} ef\\')).toBe(
      '{"page":1,"client_secret":"[redacted]"',
    );
  });
});
