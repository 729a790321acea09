import { Hono } from 'hono';
import { createRequestLog, type RequestLog, type SandboxContext } from './context.js';
import { createFaultController, type FaultConfig, type FaultController } from './faults.js';
import { type KingdeeSandboxOptions, kingdeeRoutes } from './providers/kingdee.js';
import { type WinitSandboxOptions, winitRoutes } from './providers/winit.js';

export interface SandboxAppOptions {
  /** Clock in epoch milliseconds. Defaults to `Date.now`; freeze it to replay documented examples. */
  now?: (() => number) | undefined;
  /** Called with one structured line per request; silent when absent. */
  logger?: ((line: string) => void) | undefined;
  kingdee?: KingdeeSandboxOptions | undefined;
  winit?: WinitSandboxOptions | undefined;
  /** Faults injected into provider answers; see the sandbox README. Also settable at `/_sandbox/faults`. */
  faults?: FaultConfig | undefined;
}

export interface SandboxApp {
  app: Hono;
  context: SandboxContext;
  log: RequestLog;
  faults: FaultController;
}

/**
 * Builds the sandbox as a plain Hono app (no network), so routes are testable with `app.request()`.
 * Provider route modules mount here; each owns its gateway's paths.
 */
export function createSandboxApp(options: SandboxAppOptions = {}): SandboxApp {
  const log = createRequestLog();
  const now = options.now ?? Date.now;
  const context: SandboxContext = {
    now,
    record(entry) {
      const full = { at: new Date(now()).toISOString(), ...entry };
      log.push(full);
      options.logger?.(
        `${full.provider} ${full.method} ${full.route} ${full.status} ${full.verdict}${full.code ? ` (${full.code})` : ''} ${full.ms.toFixed(1)}ms`,
      );
    },
  };
  const faults = createFaultController(context, options.faults);
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.use('*', faults.middleware);
  app.route('/', winitRoutes(context, options.winit));
  app.route('/', kingdeeRoutes(context, options.kingdee));
  return { app, context, log, faults };
}
