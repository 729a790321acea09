/**
 * Signature-mistake diagnosis (issue #16): after a 1004 or 1005, the sandbox re-signs the request
 * the ways real clients get docs/protocols/winit.md §3–§4 wrong and names the one that reproduces
 * the signature the request carried. Runs only after a failure, over a fixed list of candidates.
 */
import {
  buildStringToSign,
  CLIENT_SECRET_PLACEHOLDER,
  computeSign,
  type SignedFields,
  signaturesEqual,
  TOKEN_PLACEHOLDER,
} from '@inv/winit-protocol';
import type { DiagnosedMistake, SignatureMistake } from '../../gateway/signature-mistake.js';
import { rawTopLevelMember } from './raw-member.js';

export interface WinitSignatureInput {
  fields: SignedFields;
  /** The body as received, for the data text as the client sent it. */
  body: string;
  data: unknown;
  /** canon(data), what the sandbox signs (§3). */
  dataString: string;
  /** The key the signature should use (token for `sign`, client secret for `client_sign`). */
  key: SecretKey;
  /** The other secret of the request, which a client may use by mistake. */
  otherKey: SecretKey | undefined;
  /** `sign` or `client_sign`. */
  field: 'sign' | 'client_sign';
  signature: string;
}

export interface SecretKey {
  name: 'token' | 'client_secret';
  value: string;
}

/** How a shown string-to-sign writes each secret (the sandbox's debug header does the same, §7). */
const PLACEHOLDERS = { token: TOKEN_PLACEHOLDER, client_secret: CLIENT_SECRET_PLACEHOLDER };

/** Compact JSON, keys sorted or in received order, nulls kept or dropped (§3 variants). */
function serialise(value: unknown, sortKeys: boolean, keepNulls: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    return `[${value.map((item) => serialise(item, sortKeys, keepNulls)).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  let keys = Object.keys(record).filter((key) => keepNulls || record[key] !== null);
  if (sortKeys) keys = keys.sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${serialise(record[key], sortKeys, keepNulls)}`).join(',')}}`;
}

interface DataCandidate {
  mistake: SignatureMistake;
  /** The data text the mistaken client signed; `undefined` if not applicable. */
  dataText(input: WinitSignatureInput): string | undefined;
}

const dataMistake = (
  name: string,
  hint: string,
  dataText: DataCandidate['dataText'],
): DataCandidate => ({ mistake: { name, hint }, dataText });

const CANDIDATES: readonly DataCandidate[] = [
  dataMistake(
    'unsorted-data-keys',
    'your client signs data with its keys in another order; sort the keys by UTF-16 code unit at every depth (docs/protocols/winit.md §3)',
    (input) => serialise(input.data, false, false),
  ),
  dataMistake(
    'data-nulls-kept',
    'your client signs data with its null members kept; drop them before signing (docs/protocols/winit.md §3)',
    (input) => serialise(input.data, true, true),
  ),
  dataMistake(
    'data-as-sent',
    'your client signs the data text as it sends it, not the canonical DATA (compact, keys sorted, nulls dropped; docs/protocols/winit.md §3)',
    (input) => rawTopLevelMember(input.body, 'data'),
  ),
];

/**
 * The first listed mistake that reproduces `input.signature`, with the string-to-sign it signed
 * (secrets as placeholders), or `undefined`.
 */
export function diagnoseWinitSignature(input: WinitSignatureInput): DiagnosedMistake | undefined {
  const { fields, dataString, signature, key, otherKey } = input;
  if (otherKey !== undefined) {
    const sign = computeSign(fields, dataString, otherKey.value);
    if (signaturesEqual(sign, signature)) {
      return {
        name: 'swapped-secret',
        hint: `your client computes ${input.field} with the ${otherKey.name}; ${input.field === 'sign' ? 'sign uses the token, client_sign the client_secret' : 'client_sign uses the client_secret, sign the token'} (docs/protocols/winit.md §4)`,
        stringToSign: buildStringToSign(fields, dataString, PLACEHOLDERS[otherKey.name]),
        key: otherKey.name,
      };
    }
  }
  if (dataString === '') return undefined;
  for (const candidate of CANDIDATES) {
    const text = candidate.dataText(input);
    if (text === undefined || text === dataString) continue;
    if (signaturesEqual(computeSign(fields, text, key.value), signature)) {
      return {
        ...candidate.mistake,
        stringToSign: buildStringToSign(fields, text, PLACEHOLDERS[key.name]),
      };
    }
  }
  return undefined;
}
