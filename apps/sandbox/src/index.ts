export { createSandboxApp, type SandboxApp, type SandboxAppOptions } from './app.js';
export type { RequestLog, RequestLogEntry, SandboxContext } from './context.js';
