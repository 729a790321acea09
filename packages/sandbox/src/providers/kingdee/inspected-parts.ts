/**
 * The Kingdee string-to-sign as the request inspector shows it (issue #16). It holds no secret
 * (docs/protocols/kingdee.md §5.1), but the token call's canonical query carries `app_signature`, a
 * credential that never rotates (§5.2): its value is redacted as recordings redact it.
 */
import { type StringToSignInput, stringToSignParts } from '@inv/kingdee-protocol';
import type { StringToSignPart } from '../../gateway/signature-mistake.js';
import { redactQuery } from '../../record/redact.js';

/** A string-to-sign with the value of every secret query parameter redacted, line by line. */
export const inspectedStringToSign = (text: string): string =>
  text.split('\n').map(redactQuery).join('\n');

/** The parts of the string-to-sign of `input`, the canonical query redacted. */
export function inspectedParts(input: StringToSignInput): StringToSignPart[] {
  return stringToSignParts(input).map((part) =>
    part.name === 'canonical_query'
      ? { ...part, value: redactQuery(part.value), text: inspectedStringToSign(part.text) }
      : part,
  );
}
