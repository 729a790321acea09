export { type AnySignal, anySignal } from './any-signal.js';
export { chunk, type MapConcurrentOptions, mapConcurrent, paginate } from './batch.js';
export { parseOptions } from './config.js';
export {
  addDecimal,
  compareDecimal,
  DECIMAL_LIMITS,
  type Decimal,
  type DecimalParseResult,
  type DecimalRule,
  parseDecimal,
  subtractDecimal,
  sumDecimals,
  toDecimal,
} from './decimal.js';
export {
  createErrorFactory,
  ERROR_KINDS,
  type ErrorFactory,
  type ErrorFactoryOptions,
  type ErrorKind,
  type ErrorRule,
  type ErrorTable,
  mergeErrorTables,
  type ProviderFailure,
} from './error-table.js';
export {
  AuthError,
  ConfigError,
  DecimalError,
  InvalidRequestError,
  ProviderError,
  type ProviderErrorOptions,
  RateLimitedError,
  ResponseShapeError,
  ResponseTooLargeError,
  type ShapeIssue,
  SignatureError,
  TimeoutError,
  TokenExpiredError,
  TransportError,
  UnsupportedError,
} from './errors.js';
export { type ExactJsonOptions, parseExactJson, quoteInexactNumbers } from './exact-json.js';
export { DuplicateKeyError, ExactJsonError, type ExactJsonRule } from './exact-json-error.js';
export {
  createFastObjectParser,
  type FastObjectParser,
  type FastRowParser,
  type FieldKinds,
} from './fast-object.js';
export type { FieldKind } from './fast-object-kinds.js';
export {
  assertHttpStatus,
  parseJsonResponse,
  parseRetryAfter,
} from './interpret-response.js';
export {
  InvError,
  type InvErrorCode,
  type InvErrorOptions,
  isInvError,
  type SerializedInvError,
} from './inv-error.js';
export { joinKeyParts } from './key-parts.js';
export {
  type Batch,
  batchSchema,
  decimalSchema,
  EMPTY_QUANTITIES,
  type InventoryRecord,
  type ItemRef,
  inventoryRecordSchema,
  itemRefSchema,
  optionalQuantitySchema,
  type Quantities,
  quantitiesSchema,
  quantitySchema,
  type ShelfLifeUnit,
  shelfLifeUnitSchema,
  type WarehouseRef,
  warehouseRefSchema,
} from './model.js';
export {
  errorTableOptionSchema,
  maxResponseBytesSchema,
  type RateLimitDefaults,
  type RateLimitOption,
  type RateLimitOptionsSchema,
  rateLimitOptionsSchema,
  retryOptionsSchema,
} from './option-schemas.js';
export {
  type PagedSyncSource,
  type PagePosition,
  pagedSync,
  type SegmentPage,
  type SyncPlan,
} from './paged-sync.js';
export {
  PagingError,
  type PagingFacts,
  type PagingFault,
  RowCountMismatchError,
} from './paging-errors.js';
export { PAGING_LIMITS, type PagingLimits } from './paging-guard.js';
export { parseShape, type SafeParser } from './parse-shape.js';
export {
  type ByIdsResult,
  type Capability,
  type ChangesOptions,
  type Cursor,
  defineProvider,
  flattenPages,
  type InventoryOperations,
  type ListOptions,
  type OperationOptions,
  type Page,
  type Provider,
  type ProviderDefinition,
  type ProviderLimits,
  type ProviderWith,
} from './provider.js';
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitRelease,
  sharedRateLimiter,
} from './rate-limiter.js';
export {
  createRedactor,
  isSecretKey,
  REDACTED,
  type Redactor,
  redactBodySnippet,
  redactHeaders,
  redactUrl,
  redactValue,
} from './redact.js';
export { abortError, sleep } from './sleep.js';
export { createTransport } from './transport.js';
export {
  assertBaseURL,
  DEFAULT_MAX_RESPONSE_BYTES,
  type RetryOptions,
  type TransportOptions,
} from './transport-options.js';
export type {
  PreparedRequest,
  ResponseInterpreter,
  Transport,
  TransportEvent,
  TransportRequest,
  TransportResponse,
} from './transport-types.js';
