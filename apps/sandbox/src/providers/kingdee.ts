import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';

/** Options of the Kingdee gateway impersonation (see the @inv/sandbox README). */
export type KingdeeSandboxOptions = Record<string, never>;

/** Routes impersonating the Kingdee gateway, mounted at the root of the sandbox. */
export function kingdeeRoutes(
  _context: SandboxContext,
  _options: KingdeeSandboxOptions = {},
): Hono {
  return new Hono();
}
