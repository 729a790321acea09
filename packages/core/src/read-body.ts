/**
 * Reads a response body as text without ever holding more than a set number of bytes: a hostile
 * or broken gateway answering 100 MB, or a chunked stream that never ends, must fail fast instead
 * of growing the client's memory until the timeout (docs/reliability.md, "Response size").
 */

/** Why reading stopped: the declared or the received size passed `maxBytes`. */
export interface BodyTooLarge {
  tooLarge: true;
  /** Bytes received when reading stopped (the declared length when refused up front). */
  receivedBytes: number;
  /** Whether the refusal came from the `Content-Length` header, before reading anything. */
  declared: boolean;
}

export type BodyRead = { tooLarge: false; text: string } | BodyTooLarge;

const decoder = new TextDecoder();

/**
 * Reads `body` as UTF-8 (a BOM is dropped, as `Response.text()` does). Stops, cancelling the stream,
 * as soon as more than `maxBytes` have arrived; a `Content-Length` above the limit is refused
 * before the first read.
 */
export async function readBodyText(
  body: ReadableStream<Uint8Array> | null | undefined,
  headers: Headers,
  maxBytes: number,
): Promise<BodyRead> {
  // A compressed length says nothing exact about the decoded bytes: only the stream is counted then.
  const declared = headers.has('content-encoding')
    ? Number.NaN
    : Number(headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return { tooLarge: true, receivedBytes: declared, declared: true };
  }
  if (!body) return { tooLarge: false, text: '' };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true, receivedBytes: received, declared: false };
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return { tooLarge: false, text: decoder.decode(chunks[0]) };
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { tooLarge: false, text: decoder.decode(bytes) };
}
