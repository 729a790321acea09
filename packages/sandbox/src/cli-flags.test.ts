import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SANDBOX_FLAGS, SANDBOX_OPTIONS, sandboxOptionsHelp } from './cli-flags.js';

describe('SANDBOX_FLAGS', () => {
  it('parses every flag of the table', () => {
    expect(Object.keys(SANDBOX_OPTIONS)).toEqual(Object.keys(SANDBOX_FLAGS));
    const args = Object.entries(SANDBOX_FLAGS).flatMap(([name, flag]) =>
      flag.type === 'boolean' ? [`--${name}`] : [`--${name}`, 'x'],
    );
    const { values } = parseArgs({ args, options: SANDBOX_OPTIONS, strict: true });
    expect(Object.keys(values).sort()).toEqual(Object.keys(SANDBOX_FLAGS).sort());
    expect(values.push).toEqual(['x']);
  });

  it('the help names every flag once, its short form and value, within 100 columns', () => {
    const help = sandboxOptionsHelp();
    for (const [name, flag] of Object.entries(SANDBOX_FLAGS)) {
      const short = 'short' in flag ? `-${flag.short}, ` : '';
      const value = 'value' in flag ? ` ${flag.value}` : '';
      expect(
        help.split('\n').filter((line) => line.startsWith(`  ${short}--${name}${value}`)),
      ).toHaveLength(1);
    }
    expect(help).toContain('  -p, --port <n>   TCP port (default 4010');
    expect(help).toContain('  --push <url[,secret]>\n                   POST Kingdee');
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});
