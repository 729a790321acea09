import { SandboxFlagError } from './cli-error.js';

/**
 * `--cors` takes an optional value (`--cors` alone allows any origin, `--cors a,b` those origins),
 * which `node:util` parseArgs cannot express: a bare `--cors` becomes `--cors=*` first.
 */
export function expandBareCors(args: readonly string[]): string[] {
  return args.map((arg, index) => {
    if (arg !== '--cors') return arg;
    const next = args[index + 1];
    return next === undefined || next.startsWith('-') ? '--cors=*' : arg;
  });
}

/** The `cors` option from the `--cors` value: `*` any origin, else comma-separated origins. */
export function corsOption(value: string | undefined): boolean | string[] | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '*') return true;
  return value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}

/** Secret of a `--push` receiver given without one: a public test value, like the credentials. */
export const PUSH_DEFAULT_SECRET = 'inv-sandbox-push-secret';

/** The `subscriptions` option from `--push URL[,secret]` values; throws naming a bad URL. */
export function pushOption(values: readonly string[] = []): { url: string; secret: string }[] {
  return values.map((value) => {
    const comma = value.indexOf(',');
    const url = comma < 0 ? value : value.slice(0, comma);
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new SandboxFlagError(
        '--push',
        `--push needs an http(s) URL, optionally followed by ,secret; got "${url}"`,
        'pass e.g. --push http://127.0.0.1:8788/push or --push http://127.0.0.1:8788/push,secret',
      );
    }
    return { url, secret: comma < 0 ? PUSH_DEFAULT_SECRET : value.slice(comma + 1) };
  });
}
