import {
  assertHttpStatus,
  createTransport,
  InvalidRequestError,
  type OperationOptions,
  parseJsonResponse,
  parseShape,
  type SafeParser,
  sharedRateLimiter,
  type Transport,
} from '@inv/core';
import {
  CanonicalDataError,
  canonicalData,
  isWinitSuccess,
  signRequestBodyAt,
  WINIT_SERVICE_PATH,
  winitResponseEnvelopeSchema,
} from '@inv/winit-protocol';
import { createWinitErrors } from './errors.js';
import {
  type ResolvedWinitOptions,
  resolveWinitOptions,
  type WinitClientOptions,
} from './options.js';

/** Options of one {@link WinitClient.call}. */
export interface WinitCallOptions<T> extends OperationOptions {
  /** Validates the answer's `data`; a mismatch is a `ResponseShapeError` naming the field. */
  schema?: SafeParser<T> | undefined;
  /** Label for errors and events. Defaults to the action. */
  operation?: string | undefined;
}

/** Low-level signed client: one method, any action. The provider is built on it. */
export interface WinitClient {
  /** Gateway origin requests are sent to (`<baseURL>/openapi/service`). */
  readonly baseURL: string;
  /**
   * Sends `action` with `data` (object, or `""`/`null`/absent for actions without parameters),
   * signed per docs/protocols/winit.md §3–§5, and returns the answer's `data` when `code` is `"0"`.
   * A non-zero code throws the typed error of the §7 table.
   */
  call<T = unknown>(action: string, data: unknown, options?: WinitCallOptions<T>): Promise<T>;
}

/** Creates a low-level client. Options are validated here (bad config throws `ConfigError`). */
export function createWinitClient(options: WinitClientOptions): WinitClient {
  return clientFromResolved(resolveWinitOptions(options));
}

/** @internal Shared by the provider, which resolves options once. */
export function clientFromResolved(resolved: ResolvedWinitOptions): WinitClient {
  const { rateLimit } = resolved;
  const toError = createWinitErrors(resolved.errorTable, [resolved.token, resolved.clientSecret]);
  // One bucket per app_key and gateway: the server counts per app_key (§8 [assumed]).
  const rateLimiter = sharedRateLimiter(
    `winit:${resolved.baseURL}:${resolved.appKey}`,
    {
      limit: rateLimit.limit,
      intervalMs: rateLimit.intervalMs + rateLimit.marginMs,
      strategy: rateLimit.strategy,
      burst: rateLimit.burst,
    },
    [resolved.token, resolved.clientSecret],
  );
  const transport: Transport = createTransport({
    provider: 'winit',
    baseURL: resolved.baseURL,
    timeoutMs: resolved.timeoutMs,
    maxResponseBytes: resolved.maxResponseBytes,
    retry: resolved.retry,
    rateLimiter,
    secrets: [resolved.token, resolved.clientSecret],
    onEvent: resolved.onEvent,
  });

  return {
    baseURL: resolved.baseURL,
    async call<T>(action: string, data: unknown, options: WinitCallOptions<T> = {}): Promise<T> {
      const operation = options.operation ?? action;
      let dataString: string;
      try {
        // DATA is computed once and spliced verbatim into every attempt's body (§5).
        dataString = canonicalData(data);
      } catch (error) {
        if (!(error instanceof CanonicalDataError)) throw error;
        throw new InvalidRequestError('CLIENT', `data cannot be signed: ${error.message}`, {
          provider: 'winit',
          details: { operation, action },
        });
      }
      return transport.request(
        {
          method: 'POST',
          path: WINIT_SERVICE_PATH,
          headers: {
            'content-type': 'application/json; charset=UTF-8',
            accept: 'application/json',
          },
          operation,
          // Every action used here is a query: repeating it is safe.
          idempotent: true,
          signal: options.signal,
          // Re-signed per attempt so a retry carries a fresh timestamp (§9 skew).
          prepare: (request) => ({
            ...request,
            body: signRequestBodyAt(resolved, action, dataString, resolved.nowMs()),
          }),
        },
        (response) => {
          assertHttpStatus(response, 'winit');
          const json = parseJsonResponse(response, 'winit');
          const envelope = parseShape(
            winitResponseEnvelopeSchema,
            json,
            'winit',
            `${action} response`,
          );
          if (!isWinitSuccess(envelope.code)) {
            throw toError(envelope.code, envelope.msg ?? '', {
              operation,
              action,
            });
          }
          return options.schema
            ? parseShape(options.schema, envelope.data, 'winit', `${action} data`)
            : (envelope.data as T);
        },
      );
    },
  };
}
