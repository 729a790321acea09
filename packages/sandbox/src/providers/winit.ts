/** The Winit gateway of the sandbox; its parts live in `./winit/`. */
export { winitRoutes } from './winit/gateway.js';
export type {
  WinitRateLimitOptions,
  WinitSandboxAccount,
  WinitSandboxOptions,
} from './winit/options.js';
export { WINIT_STRING_TO_SIGN_HEADER } from './winit/verify.js';
