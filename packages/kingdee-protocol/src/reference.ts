/**
 * Links to sections of the Kingdee protocol reference (docs/protocols/kingdee.md), for error messages
 * and refusals: an npm user has no repository checkout, so messages carry the absolute URL.
 */
export const KINGDEE_REFERENCE_URL =
  'https://github.com/inv-dev/inv/blob/main/docs/protocols/kingdee.md';

/** Heading anchors of the reference's sections; the section numbers are stable by rule. */
export const KINGDEE_SECTIONS = {
  '1': '1-endpoints-and-transport',
  '2': '2-credentials-and-the-token-flow',
  '3': '3-request-headers',
  '4': '4-encoding-and-the-canonical-query',
  '5': '5-signatures',
  '5.1': '51-x-api-signature',
  '5.2': '52-app_signature',
  '5.3': '53-how-the-sandbox-verifies',
  '6': '6-response-envelope',
  '7': '7-error-codes',
  '8': '8-rate-limits',
  '9': '9-inventory-endpoints',
  '9.1': '91-inv_synchronous',
  '9.2': '92-scminventory',
  '10': '10-inventory-change-messages',
  '10.1': '101-assumed-push-format',
  '11': '11-quirks',
  '11.2': '112-numbers',
  '11.5': '115-get-with-a-json-body',
  '11.6': '116-array-forms',
  '12': '12-known-answer-vectors',
} as const;

export type KingdeeSection = keyof typeof KINGDEE_SECTIONS;

/** The absolute URL of one section, e.g. `kingdeeReference('5.1')`. */
export function kingdeeReference(section: KingdeeSection): string {
  return `${KINGDEE_REFERENCE_URL}#${KINGDEE_SECTIONS[section]}`;
}
