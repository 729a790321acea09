/** The Kingdee gateway of the sandbox; its parts live in `./kingdee/`. */
export { kingdeeRoutes } from './kingdee/gateway.js';
export type { KingdeeSandboxAccount, KingdeeSandboxOptions } from './kingdee/options.js';
