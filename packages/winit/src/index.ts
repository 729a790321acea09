export {
  CanonicalDataError,
  canonicalData,
  canonicalJson,
  isEmptyData,
  MAX_CANONICAL_DEPTH,
} from './canonical.js';
export {
  buildRequestBody,
  buildStringToSign,
  CLIENT_SECRET_PLACEHOLDER,
  computeSign,
  DEFAULT_UTC_OFFSET_MINUTES,
  type EnvelopeFields,
  formatWinitTimestamp,
  md5Hex,
  parseWinitTimestamp,
  type SignedFields,
  signaturesEqual,
  TOKEN_PLACEHOLDER,
} from './sign.js';
