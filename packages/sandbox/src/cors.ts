import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { parseOrigins } from './admin-guard.js';

/** The `cors` option: `true` any origin, or these origins; off when absent or empty. */
export type CorsOption = boolean | readonly string[] | undefined;

/**
 * Hono's CORS middleware for the gateway and admin routes, or undefined when `cors` is off. It
 * answers preflights (the gateways take JSON bodies and `X-Api-*` headers, which always preflight)
 * and reflects the requested headers. The admin guard reads the same option, so a page allowed
 * here is also one the guard lets drive the admin routes.
 */
export function corsMiddleware(option: CorsOption): MiddlewareHandler | undefined {
  if (option === undefined || option === false) return undefined;
  if (option !== true && option.length === 0) return undefined;
  return cors({
    origin: option === true ? '*' : [...parseOrigins(option)],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  });
}
