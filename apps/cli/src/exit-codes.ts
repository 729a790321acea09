/**
 * Exit codes of `inv`, documented in the README. Scripts (the nightly reconcile) branch on them, so
 * they never change meaning.
 */
export const EXIT = Object.freeze({
  /** Everything went as asked. */
  ok: 0,
  /** `reconcile` found differences above `--threshold`. */
  differences: 1,
  /** Bad command line, configuration file, mapping file or option value. */
  usage: 2,
  /** The provider refused or could not be reached: credentials, signature, network, timeout. */
  provider: 3,
  /** A bug in `inv`: please report it with the `--debug` output. */
  internal: 4,
  /** Interrupted by Ctrl-C (SIGINT) or SIGTERM; `export` can continue with `--resume`. */
  interrupted: 130,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
