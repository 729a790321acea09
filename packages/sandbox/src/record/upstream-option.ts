import { SandboxFlagError } from '../cli-error.js';
import type { RecordOptions } from './recorder.js';

const UPSTREAM_FIX =
  'write --upstream kingdee=https://api.kingdee.com or --upstream winit=https://openapi.winit.com.cn';

/**
 * The `upstream` of `--record` from repeated `--upstream kingdee=URL` / `--upstream winit=URL`
 * values. A bad value throws a message naming it and the form expected.
 */
export function upstreamOption(values: readonly string[] | undefined): RecordOptions['upstream'] {
  const upstream: RecordOptions['upstream'] = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    const provider = value.slice(0, at);
    const url = value.slice(at + 1);
    if (at === -1 || (provider !== 'kingdee' && provider !== 'winit')) {
      throw new SandboxFlagError(
        '--upstream',
        `--upstream must be kingdee=URL or winit=URL, got "${value}"`,
        UPSTREAM_FIX,
      );
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new SandboxFlagError(
        '--upstream',
        `--upstream ${provider}= must be an http(s) URL, got "${url}"`,
        UPSTREAM_FIX,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new SandboxFlagError(
        '--upstream',
        `--upstream ${provider}= must be an http(s) URL, got "${url}"`,
        UPSTREAM_FIX,
      );
    }
    upstream[provider] = url;
  }
  return upstream;
}
