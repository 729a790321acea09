import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';

/** Options of the Winit gateway impersonation (see the @inv/sandbox README). */
export type WinitSandboxOptions = Record<string, never>;

/** Routes impersonating the Winit gateway, mounted at the root of the sandbox. */
export function winitRoutes(_context: SandboxContext, _options: WinitSandboxOptions = {}): Hono {
  return new Hono();
}
