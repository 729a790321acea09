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
