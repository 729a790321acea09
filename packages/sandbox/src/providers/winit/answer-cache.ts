import { Refusal } from '../../gateway/refusal.js';
import { createRevisionCache, type RevisionCache } from '../../revision-cache.js';

/**
 * Successful answers as UTF-8 bytes, by action and data, until the dataset changes. A client
 * polling the same query is answered without filtering, serializing and encoding the same rows
 * again: serializing was the largest share of the route's CPU after the signature checks.
 *
 * Bounded by the bytes of keys and answers together (#18.8): keys hold the data as received (not
 * its canonical form, which drops nulls a schema may refuse), and when only answers counted, 600
 * queries with unique 900 KB members held 650 MB, still held when idle. Keys weigh two bytes per
 * UTF-16 code unit, the most V8 stores.
 */
export function createAnswerCache(
  revision: () => number,
  maxBytes: number,
): RevisionCache<Uint8Array<ArrayBuffer> | Refusal> {
  return createRevisionCache<Uint8Array<ArrayBuffer> | Refusal>({
    revision,
    maxWeight: maxBytes,
    weigh: (answer, key) => 2 * key.length + (answer instanceof Refusal ? 0 : answer.length),
    keep: (answer) => !(answer instanceof Refusal),
  });
}

/** The cache key of a request: its action and its data as received. */
export const answerKey = (action: string, data: unknown): string =>
  `${action}\u0000${JSON.stringify(data) ?? ''}`;
