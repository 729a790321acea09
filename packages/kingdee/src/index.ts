// The paging errors and the error table shape are core's, shared with every provider; re-exported
// where Kingdee users look.
export {
  type ErrorKind,
  type ErrorRule,
  type ErrorTable,
  PagingError,
  RowCountMismatchError,
} from '@inv/core';
// Types of options and answers a client user writes against; the wire itself is @inv/kingdee-protocol.
export type {
  InvSynchronousRow,
  KingdeeArrayFormat,
  KingdeeErrorKind,
  KingdeeErrorRule,
  KingdeeErrorTable,
  ScmInventoryRow,
} from '@inv/kingdee-protocol';
export {
  createKingdeeClient,
  type KingdeeCall,
  type KingdeeClient,
  type KingdeeSession,
} from './client.js';
export { KINGDEE_PROVIDER_ID } from './constants.js';
export type { KingdeeFailure } from './errors.js';
export {
  type KingdeeAvailableSource,
  type NormalizeOptions,
  normalizeInvSynchronousRow,
  normalizeScmInventoryRow,
} from './normalize.js';
export {
  type KingdeeProviderOptions,
  type ResolvedKingdeeOptions,
  resolveKingdeeOptions,
} from './options.js';
export {
  createKingdeeProvider,
  type KingdeeBySkusOptions,
  type KingdeeProvider,
} from './provider.js';
export {
  createInventoryPushHandler,
  type InventoryPushChange,
  type InventoryPushHandler,
  type InventoryPushHandlerOptions,
} from './push-handler.js';
export { createPushSync, type PushedRecords, type PushSyncOptions } from './push-sync.js';
export {
  invSynchronousResponseParser,
  invSynchronousRowParser,
  scmInventoryResponseParser,
  scmInventoryRowParser,
} from './row-parsers.js';
