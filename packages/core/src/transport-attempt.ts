/**
 * One attempt of a transport request: sends the prepared request under the per-attempt timeout and
 * the caller's signal, reads the answer with its size bounded, and reports it. Retrying, rate
 * limiting and signing are the caller's ({@link createTransport}).
 */
import { type FetchResponse, ofetch } from 'ofetch';
import { ResponseTooLargeError, TimeoutError, TransportError } from './errors.js';
import { readBodyText } from './read-body.js';
import { type Redactor, redactUrl } from './redact.js';
import { abortError } from './sleep.js';
import { describeCause, withoutText } from './transport-failure.js';
import type { ResolvedTransportOptions } from './transport-options.js';
import type { PreparedRequest, TransportEvent, TransportResponse } from './transport-types.js';

/** What an attempt needs of its transport. */
export interface AttemptContext
  extends Pick<
    ResolvedTransportOptions,
    'provider' | 'baseURL' | 'timeoutMs' | 'maxResponseBytes'
  > {
  /** The transport's secrets; the same array, so secrets added at run time count. */
  secrets: (string | undefined | null)[];
  redact: Redactor;
  emit(event: TransportEvent): void;
  fetch?: typeof globalThis.fetch | undefined;
}

/** Sends one attempt and resolves with the answer, or throws an `InvError`. */
export type SendAttempt = (
  prepared: PreparedRequest,
  attempt: number,
  operation: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<TransportResponse>;

/** Binds an attempt sender to one transport. */
export function createAttemptSender(context: AttemptContext): SendAttempt {
  const { provider, baseURL, timeoutMs, maxResponseBytes, secrets, redact, emit } = context;
  // ofetch takes a custom fetch in create()'s second argument (its globals), not in the defaults.
  const fetcher = ofetch.create(
    { baseURL, retry: 0, ignoreResponseError: true },
    context.fetch ? { fetch: context.fetch } : undefined,
  );

  return async (prepared, attempt, operation, signal) => {
    const url = redactUrl(prepared.path, redact);
    emit({ type: 'request', provider, operation, method: prepared.method, url, attempt });
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new TimeoutError(timeoutMs, { provider, details: { operation } })),
      timeoutMs,
    );
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    // The signal may have fired during prepare() or an observer: then this attempt must not start.
    if (signal?.aborted) onAbort();
    const started = performance.now();
    try {
      // The body is read here, not by ofetch, so that its size is bounded while it streams.
      const response: FetchResponse<ReadableStream<Uint8Array> | null> = await fetcher.raw(
        prepared.path,
        {
          method: prepared.method,
          headers: prepared.headers,
          body: prepared.body,
          responseType: 'stream',
          signal: controller.signal,
        },
      );
      const body = await readBodyText(response._data, response.headers, maxResponseBytes);
      if (body.tooLarge) {
        controller.abort();
        const what = body.declared ? 'declared' : 'sent at least';
        throw new ResponseTooLargeError(
          `${provider} ${what} ${body.receivedBytes} bytes in answer to ${prepared.method} ${redact(baseURL)}${url}, over the limit of ${maxResponseBytes}; raise the \`maxResponseBytes\` option if such answers are legitimate`,
          {
            provider,
            status: response.status,
            limitBytes: maxResponseBytes,
            receivedBytes: body.receivedBytes,
            secrets,
            details: { operation },
          },
        );
      }
      const text = body.text;
      const durationMs = performance.now() - started;
      emit({
        type: 'response',
        provider,
        operation,
        method: prepared.method,
        url,
        attempt,
        status: response.status,
        durationMs,
      });
      return {
        status: response.status,
        headers: response.headers,
        text,
        request: prepared,
        attempt,
        durationMs,
      };
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (error instanceof ResponseTooLargeError) throw error;
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutError)
        throw controller.signal.reason;
      // fetch errors quote the full URL, signed query included: show the redacted one instead.
      const cause = withoutText(error, prepared.path, url);
      throw new TransportError(
        `Network error calling ${provider} ${prepared.method} ${url}: ${describeCause(cause)}`,
        {
          provider,
          cause,
          retryable: true,
          secrets,
          details: { operation },
        },
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  };
}
