/**
 * Links to sections of the Winit protocol reference (docs/protocols/winit.md), for error messages
 * and refusals: an npm user has no repository checkout, so messages carry the absolute URL.
 */
export const WINIT_REFERENCE_URL =
  'https://github.com/inv-dev/inv/blob/main/docs/protocols/winit.md';

/** Heading anchors of the reference's sections; the section numbers are stable by rule. */
export const WINIT_SECTIONS = {
  '1': '1-endpoints-and-transport',
  '2': '2-request-envelope',
  '3': '3-serialising-data-data',
  '4': '4-sign-and-client_sign',
  '5': '5-send-the-bytes-you-signed',
  '6': '6-response-envelope',
  '7': '7-error-codes-all-assumed',
  '8': '8-rate-limit',
  '9': '9-timestamp-and-timezone',
  '10': '10-inventory-actions',
  '10.1': '101-winitinventorytypebatchquery',
  '10.2': '102-winitinventorytypepageinv',
  '11': '11-quirks',
  '11.1': '111-quantity-types',
  '12': '12-known-answer-vectors',
} as const;

export type WinitSection = keyof typeof WINIT_SECTIONS;

/** The absolute URL of one section, e.g. `winitReference('4')`. */
export function winitReference(section: WinitSection): string {
  return `${WINIT_REFERENCE_URL}#${WINIT_SECTIONS[section]}`;
}
