export {
  type DetectDriftOptions,
  type Drift,
  type DriftKind,
  detectDrift,
  formatDriftTable,
  isBreaking,
} from './drift.js';
export { describeKingdeeContract, type KingdeeContractOptions } from './kingdee.js';
export {
  type DriftReport,
  type DriftVerdict,
  judgeDrift,
  probeKingdeeDrift,
  probeWinitDrift,
  sendSignedWinitRequest,
} from './probe.js';
export {
  DOCUMENTED_REQUESTS,
  DOCUMENTED_RESPONSES,
  type DocumentedRequestCase,
  type DocumentedResponseCase,
  signedWinitSample,
} from './samples.js';
export { contractSchemas } from './schemas.js';
export type { ContractSandboxOptions, ContractSuiteOptions } from './suite.js';
export {
  CONTRACT_ENV,
  type ContractMode,
  type ContractProvider,
  type ContractTarget,
  type KingdeeLiveSettings,
  type ResolveTargetOptions,
  resolveTarget,
  type WinitLiveSettings,
} from './target.js';
export { describeWinitContract, type WinitContractOptions } from './winit.js';
