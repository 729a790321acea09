export { adminRoutes } from './admin.js';
export { createSandboxApp, type SandboxApp, type SandboxAppOptions } from './app.js';
export type { LoggedRequest, RequestLog, RequestLogEntry, SandboxContext } from './context.js';
export {
  DATASET_FORMAT,
  DATASET_VERSION,
  DatasetError,
  type DatasetStates,
  exportDataset,
  loadDataset,
  parseDataset,
  type SandboxDataset,
  sandboxDatasetSchema,
} from './dataset.js';
export {
  FAULT_HEADER,
  type Fault,
  type FaultConfig,
  type FaultController,
  type FaultRule,
  faultConfigSchema,
  faultSchema,
  parseFaultHeader,
} from './faults.js';
export {
  CODE_HEADER,
  EXAMPLE_HEADER,
  STUB_CODES,
  STUB_EXAMPLES,
  type StubController,
  type StubRule,
  stubRuleSchema,
  stubRulesSchema,
} from './gateway/stubs.js';
export type {
  KingdeeDatasetOptions,
  KingdeeInventoryChange,
  KingdeeInventoryState,
} from './providers/kingdee/dataset-types.js';
export type { KingdeeSandboxAccount, KingdeeSandboxOptions } from './providers/kingdee.js';
export { createKingdeeInventoryState } from './providers/kingdee-data.js';
export type {
  WinitRowKey,
  WinitSandboxDatasetOptions,
  WinitSandboxQuantities,
  WinitSandboxRow,
  WinitSandboxState,
} from './providers/winit/dataset-types.js';
export { inStockQtyOf } from './providers/winit/wire-row.js';
export type {
  WinitRateLimitOptions,
  WinitSandboxAccount,
  WinitSandboxOptions,
} from './providers/winit.js';
export { createWinitSandboxState } from './providers/winit-data.js';
export type { RecordOptions } from './record/recorder.js';
export { type RecordedExchange, recordedExchangeSchema } from './record/recording-schema.js';
export type { ReplayOptions } from './record/replayer.js';
export type { RequestDetail } from './request-detail.js';
export {
  containsSubset,
  type RequestMatch,
  type RequestQueries,
  requestMatchSchema,
} from './request-match.js';
export {
  type RunningSandbox,
  type SandboxCredentials,
  type StartSandboxOptions,
  startSandbox,
} from './start.js';
