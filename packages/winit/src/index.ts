// The paging errors and the error table shape are core's, shared with every provider; re-exported
// where Winit users look.
export {
  type ErrorKind,
  type ErrorRule,
  type ErrorTable,
  PagingError,
  RowCountMismatchError,
} from '@inv/core';
// Types of options and answers a client user writes against; the wire itself is @inv/winit-protocol.
export type {
  MerchandiseGrade,
  ServiceType,
  WinitErrorKind,
  WinitErrorTable,
  WinitInventoryRow,
} from '@inv/winit-protocol';
export {
  createWinitClient,
  type WinitCallOptions,
  type WinitClient,
} from './client.js';
export { toInventoryRecord } from './normalize.js';
export {
  type ResolvedWinitOptions,
  resolveWinitOptions,
  type WinitClientOptions,
  type WinitProviderOptions,
} from './options.js';
export { createWinitProvider } from './provider.js';
export type {
  WinitByMerchandisesResult,
  WinitBySkusOptions,
  WinitChangesOptions,
  WinitListOptions,
  WinitProvider,
  WinitWarehouse,
} from './provider-types.js';
export { inventoryRowParser } from './row-parser.js';
