import { InvError } from '@inv/core';

/**
 * A sandbox command-line flag the user can fix (a bad value, a missing companion flag, a file that
 * cannot be read, a port in use). `inv-sandbox` prints it and exits 1; `inv sandbox` exits 2 (usage).
 */
export class SandboxFlagError extends InvError {
  override name = 'SandboxFlagError';
  /** The flag at fault, e.g. `--port`. */
  readonly flag: string;
  /** How to fix it, as a sentence fragment (`pass --port 0 to pick a free port`). */
  readonly fix: string;
  constructor(flag: string, message: string, fix: string, options: { cause?: unknown } = {}) {
    super('INV_CONFIG', message, { details: { flag }, cause: options.cause });
    this.flag = flag;
    this.fix = fix;
  }
}
