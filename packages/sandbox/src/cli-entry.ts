/**
 * `@inv/sandbox/cli`: the sandbox command line as a library, so `inv-sandbox` and `inv sandbox`
 * accept the same flags, check them the same way and print the same help. Free of the server's
 * code (Hono is loaded by `startSandbox`, not here), so a CLI can import it at start-up.
 */
export { corsOption, expandBareCors, PUSH_DEFAULT_SECRET, pushOption } from './cli-args.js';
export { SandboxFlagError } from './cli-error.js';
export {
  SANDBOX_FLAGS,
  SANDBOX_OPTIONS,
  type SandboxFlag,
  type SandboxFlagName,
  sandboxOptionsHelp,
} from './cli-flags.js';
export {
  parseSandboxArgs,
  type SandboxCommandOptions,
  type SandboxEnv,
  type SandboxFlagValues,
  sandboxCommandOptions,
  startedText,
  startFailure,
} from './cli-options.js';
