/**
 * A client signing mistake the sandbox recognised after a signature failure (issue #16): each
 * provider's `diagnose.ts` re-signs the request the ways real clients go wrong and names the one
 * that reproduces the signature the request carried.
 */
export interface SignatureMistake {
  /** Stable name, for tests and the request log (`double-encoded-values`). */
  name: string;
  /** What the client does and what to do instead, phrased to read as a refusal hint. */
  hint: string;
}

/** A mistake as diagnosed on one request: what the mistaken client signed. */
export interface DiagnosedMistake extends SignatureMistake {
  /** The string-to-sign that reproduces the carried signature, secrets as placeholders. */
  stringToSign: string;
  /** The key it signed with when that is the wrong one (`app-token`, `client_secret`). */
  key?: string | undefined;
}

/** One part of a string-to-sign, as both protocol packages' `stringToSignParts` return it. */
export interface StringToSignPart {
  readonly name: string;
  readonly value: string;
  /** The characters the part adds to the string-to-sign. */
  readonly text: string;
}
