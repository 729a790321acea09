export { createSandboxApp, type SandboxApp, type SandboxAppOptions } from './app.js';
export type { RequestLog, RequestLogEntry, SandboxContext } from './context.js';
export type { KingdeeSandboxOptions } from './providers/kingdee.js';
export type { WinitSandboxOptions } from './providers/winit.js';
export { type RunningSandbox, type StartSandboxOptions, startSandbox } from './start.js';
