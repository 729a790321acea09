import { describe, expect, it } from 'vitest';
import { upstreamOption } from './upstream-option.js';

describe('--upstream', () => {
  it('maps each provider to its URL', () => {
    expect(
      upstreamOption(['kingdee=https://api.kingdee.com', 'winit=https://openapi.winit.com.cn/x']),
    ).toEqual({ kingdee: 'https://api.kingdee.com', winit: 'https://openapi.winit.com.cn/x' });
    expect(upstreamOption(undefined)).toEqual({});
  });

  it('names a bad value and the form expected', () => {
    expect(() => upstreamOption(['amazon=https://x'])).toThrow(/kingdee=URL or winit=URL/);
    expect(() => upstreamOption(['winit=ftp://x'])).toThrow(/http\(s\) URL, got "ftp:\/\/x"/);
  });
});
