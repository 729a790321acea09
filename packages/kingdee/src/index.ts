// The paging errors are core's, shared with every provider; re-exported where Kingdee users look.
export { PagingError, RowCountMismatchError } from '@inv/core';
export {
  type ArrayParseResult,
  arrayParams,
  KINGDEE_ARRAY_FORMATS,
  type KingdeeArrayFormat,
  parseArrayParam,
} from './arrays.js';
export {
  createKingdeeClient,
  type KingdeeCall,
  type KingdeeClient,
  type KingdeeSession,
} from './client.js';
export {
  KINGDEE_DEFAULT_BASE_URL,
  KINGDEE_DEFAULT_RATE_LIMIT,
  KINGDEE_DEFAULT_TIME_ZONE,
  KINGDEE_MAX_IDS,
  KINGDEE_MAX_PAGE_SIZE,
  KINGDEE_PATHS,
  KINGDEE_PROVIDER_ID,
  KINGDEE_SANDBOX_CREDENTIALS,
  KINGDEE_TOKEN_LIFETIME_MS,
} from './constants.js';
export {
  buildUrlQuery,
  canonicalizeDecodedQuery,
  canonicalizeRawQuery,
  compareCodeUnits,
  type DecodeResult,
  decodeRawQuery,
  formDecode,
  formEncode,
  gwEncode,
  type QueryParam,
  splitRawQuery,
} from './encoding.js';
export {
  KINGDEE_ERROR_TABLE,
  type KingdeeErrorKind,
  type KingdeeErrorRule,
  type KingdeeErrorTable,
  type KingdeeFailure,
  kingdeeError,
  needsTokenRefresh,
} from './errors.js';
export { parseJsonPreservingIntegers, quoteLongIntegers } from './json.js';
export {
  type KingdeeAvailableSource,
  type NormalizeOptions,
  normalizeInvSynchronousRow,
  normalizeScmInventoryRow,
  scmInventoryKey,
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
  invSynchronousResponseParser,
  invSynchronousRowParser,
  scmInventoryResponseParser,
  scmInventoryRowParser,
} from './row-parsers.js';
export {
  DOCUMENTED_APP_SIGNATURE_EXAMPLE,
  DOCUMENTED_SIGNATURE_EXAMPLE,
  INV_SYNCHRONOUS_REQUEST_SAMPLE,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
} from './samples.js';
export {
  type AppAuthorization,
  type AuthTokenData,
  appAuthorizationSchema,
  authTokenDataSchema,
  authTokenQuerySchema,
  authTokenResponseSchema,
  INV_SYNCHRONOUS_ROW_FIELDS,
  type InvSynchronousResponse,
  type InvSynchronousRow,
  type InvSynchronousRowField,
  type InvSynchronousRowInput,
  integerLikeSchema,
  invSynchronousDataSchema,
  invSynchronousQuerySchema,
  invSynchronousResponseSchema,
  invSynchronousRowSchema,
  type KingdeeEnvelope,
  type KingdeeGatewayError,
  kingdeeEnvelopeSchema,
  kingdeeGatewayErrorSchema,
  kingdeeIdSchema,
  optionalTextSchema,
  pushAppAuthorizeQuerySchema,
  pushAppAuthorizeResponseSchema,
  type ScmInventoryData,
  type ScmInventoryQuery,
  type ScmInventoryRow,
  type ScmInventoryRowInput,
  scmInventoryDataSchema,
  scmInventoryQuerySchema,
  scmInventoryResponseSchema,
  scmInventoryRowSchema,
} from './schemas.js';
export {
  buildStringToSign,
  computeAppSignature,
  constantTimeEqual,
  hexToSignature,
  hmacSha256Hex,
  KINGDEE_AUTH_VERSION,
  KINGDEE_HEADERS,
  KINGDEE_SIGN_HEADERS,
  randomNonce,
  type SignedRequest,
  type SignRequestInput,
  type StringToSignInput,
  signRequest,
  signStringToSign,
} from './signing.js';
export {
  formatJdyDateTime,
  isValidTimeZone,
  normalizeJdyDate,
  parseJdyDateTime,
} from './time.js';
