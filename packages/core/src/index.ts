export { chunk, type MapConcurrentOptions, mapConcurrent, paginate } from './batch.js';
export { parseOptions } from './config.js';
export {
  addDecimal,
  compareDecimal,
  type Decimal,
  type DecimalParseResult,
  parseDecimal,
  subtractDecimal,
  sumDecimals,
  toDecimal,
} from './decimal.js';
export { DuplicateKeyError } from './duplicate-key-error.js';
export {
  AuthError,
  ConfigError,
  InvalidRequestError,
  InvError,
  type InvErrorCode,
  type InvErrorOptions,
  isInvError,
  ProviderError,
  type ProviderErrorOptions,
  RateLimitedError,
  ResponseShapeError,
  type SerializedInvError,
  type ShapeIssue,
  SignatureError,
  TimeoutError,
  TokenExpiredError,
  TransportError,
  UnsupportedError,
} from './errors.js';
export { type ExactJsonOptions, parseExactJson, quoteInexactNumbers } from './exact-json.js';
export {
  createFastObjectParser,
  type FastObjectParser,
  type FieldKind,
  type FieldKinds,
} from './fast-object.js';
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
  redactUrl,
  redactValue,
} from './redact.js';
export { abortError, sleep } from './sleep.js';
export {
  assertBaseURL,
  assertHttpStatus,
  createTransport,
  type PreparedRequest,
  parseJsonResponse,
  parseRetryAfter,
  parseShape,
  type ResponseInterpreter,
  type RetryOptions,
  redactHeaders,
  type SafeParser,
  type Transport,
  type TransportEvent,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './transport.js';
