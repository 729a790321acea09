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
