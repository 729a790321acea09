/**
 * The transport every client sends through: per attempt it signs (`prepare`), waits for the rate
 * limiter and sends (`transport-attempt.ts`); failures are retried with full-jitter back-off when
 * the call may be repeated, and the error that leaves is a redacted copy naming the operation.
 */
import { RateLimitedError, TransportError } from './errors.js';
import { InvError } from './inv-error.js';
import { createRedactor, type Redactor, requestSecretValues } from './redact.js';
import { errorRedactor, redactedInvError } from './redact-error.js';
import { abortError, sleep } from './sleep.js';
import { createAttemptSender } from './transport-attempt.js';
import { describeCause, describeFailure, isInvError } from './transport-failure.js';
import { resolveTransportOptions, type TransportOptions } from './transport-options.js';
import type {
  PreparedRequest,
  ResponseInterpreter,
  Transport,
  TransportEvent,
  TransportRequest,
  TransportResponse,
} from './transport-types.js';

/** Creates a transport bound to one provider and base URL. */
export function createTransport(options: TransportOptions): Transport {
  const { provider, baseURL, retries, baseDelayMs, maxDelayMs, random, ...limits } =
    resolveTransportOptions(options);
  const secrets = [...(options.secrets ?? [])];
  let redactSecrets = createRedactor(secrets);
  const redact: Redactor = (text) => redactSecrets(text);
  const emit = (event: TransportEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // An observer must never break a request.
    }
  };
  const attemptOnce = createAttemptSender({
    provider,
    baseURL,
    ...limits,
    secrets,
    redact,
    emit,
    fetch: options.fetch,
  });

  return {
    provider,
    baseURL,
    redact,
    addSecrets(...values) {
      secrets.push(...values);
      redactSecrets = createRedactor(secrets);
    },
    async request<T>(request: TransportRequest, interpret: ResponseInterpreter<T>): Promise<T> {
      const { signal, operation, prepare } = request;
      const idempotent = request.idempotent ?? request.method === 'GET';
      const base: PreparedRequest = {
        method: request.method,
        path: request.path,
        headers: { ...request.headers },
        body: request.body,
      };
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw abortError(signal);
        let error: InvError;
        let prepared: PreparedRequest | undefined;
        try {
          const release = await options.rateLimiter?.acquire(signal);
          let response: TransportResponse;
          try {
            prepared = prepare
              ? await prepare({ ...base, headers: { ...base.headers } }, attempt)
              : base;
            response = await attemptOnce(prepared, attempt, operation, signal);
          } finally {
            // The limiter's window starts once the gateway has answered (or we gave up on it).
            release?.();
          }
          return interpret(response);
        } catch (caught) {
          if (signal?.aborted) throw abortError(signal);
          error =
            caught instanceof InvError
              ? caught
              : new TransportError(
                  `Unexpected failure in ${provider} ${operation ?? 'request'}: ${describeCause(caught)}`,
                  {
                    provider,
                    cause: caught,
                    secrets,
                  },
                );
        }
        // Interpreters build errors without this transport's secrets, nor this attempt's
        // signatures, which a gateway may echo: both are redacted from what leaves here.
        const attemptSecrets = prepared
          ? requestSecretValues(prepared.path, prepared.headers, prepared.body)
          : [];
        const scrub = errorRedactor([...secrets, ...attemptSecrets]);
        const mayRepeat = idempotent || error instanceof RateLimitedError;
        if (!error.retryable || !mayRepeat || attempt > retries) {
          const gaveUp = attempt > 1 && error.retryable && mayRepeat;
          const final = describeFailure(error, operation, gaveUp ? attempt : undefined, scrub);
          emit({ type: 'error', provider, operation, attempt, error: final });
          throw final;
        }
        error = redactedInvError(error, scrub, isInvError);
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        const hinted = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
        // Full jitter spreads retries of many clients; a provider's Retry-After is a floor.
        const delayMs = Math.min(maxDelayMs, Math.max(hinted ?? 0, Math.round(random() * backoff)));
        emit({ type: 'retry', provider, operation, attempt, delayMs, error });
        await sleep(delayMs, signal);
      }
    },
  };
}
