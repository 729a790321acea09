/**
 * What the request inspector shows of a refused signature (issue #16): the sandbox's
 * string-to-sign in parts, the signature it computed beside the one the request carried, and,
 * when a diagnosed mistake reproduces the carried one, the first point where the two strings
 * differ. Built on the failure path only; secrets appear as placeholders, never as values.
 */

import { keepText } from './kept-text.js';
import type { DiagnosedMistake, StringToSignPart } from './signature-mistake.js';

/** Where the sandbox's string-to-sign and the mistaken client's first differ. */
export interface Difference {
  /** Character offset in both strings. */
  at: number;
  /** The part of the sandbox's string it falls in (`canonical_query`, `data`, `secret`). */
  part: string;
  /** A few characters of each string from just before the difference. */
  sandbox: string;
  client: string;
}

export interface SignatureFailure {
  /** The sandbox's string-to-sign in parts, values cut to the log's cap. */
  parts: readonly StringToSignPart[];
  /** The signature the sandbox computed, and the one the request carried. */
  expected: string;
  carried: string;
  /** The diagnosed mistake, its string-to-sign cut to the cap; `undefined` when none matched. */
  mistake: (DiagnosedMistake & { difference: Difference | undefined }) | undefined;
}

const BEFORE = 12;
const AFTER = 36;

/** The first difference of two strings, placed in a part of `parts` (whose texts make `ours`). */
export function firstDifference(
  parts: readonly StringToSignPart[],
  ours: string,
  theirs: string,
): Difference | undefined {
  if (ours === theirs) return undefined;
  let at = 0;
  while (at < ours.length && at < theirs.length && ours[at] === theirs[at]) at++;
  let end = 0;
  let part = parts[parts.length - 1]?.name ?? '';
  for (const candidate of parts) {
    end += candidate.text.length;
    if (at < end) {
      part = candidate.name;
      break;
    }
  }
  const from = Math.max(0, at - BEFORE);
  return {
    at,
    part,
    sandbox: ours.slice(from, at + AFTER),
    client: theirs.slice(from, at + AFTER),
  };
}

/** The failure record a refusal carries: the difference computed now, texts cut to the cap. */
export function signatureFailure(
  parts: readonly StringToSignPart[],
  expected: string,
  carried: string,
  mistake: DiagnosedMistake | undefined,
): SignatureFailure {
  const ours = parts.map((part) => part.text).join('');
  return {
    parts: parts.map(({ name, value, text }) => ({
      name,
      value: keepText(value),
      text: keepText(text),
    })),
    expected,
    carried: keepText(carried, 200),
    mistake: mistake && {
      ...mistake,
      stringToSign: keepText(mistake.stringToSign),
      difference: firstDifference(parts, ours, mistake.stringToSign),
    },
  };
}
