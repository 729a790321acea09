/**
 * The retry policy as a model (fast-check, fixed seed): for any script of answers (successes, 5xx,
 * 429 with or without Retry-After, HTML and empty bodies, network failures, 4xx) the transport
 * sends exactly the attempts the policy allows, re-signs each one, waits within the documented
 * bounds, and ends with the success or the error the model predicts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimitedError, TransportError } from './errors.js';
import { assertHttpStatus, parseJsonResponse } from './interpret-response.js';
import { InvError } from './inv-error.js';
import { createTransport } from './transport.js';
import type { TransportEvent, TransportResponse } from './transport-types.js';

const SEED = 20240101;

type Answer =
  | { kind: 'ok' }
  | { kind: 'status'; status: 500 | 502 | 503 | 504 | 408 }
  | { kind: 'throttle'; retryAfter?: number | undefined }
  | { kind: 'html' }
  | { kind: 'empty' }
  | { kind: 'network' }
  | { kind: 'client'; status: 400 | 401 | 404 };

const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  fc.constant({ kind: 'ok' as const }),
  fc.record({
    kind: fc.constant('status' as const),
    status: fc.constantFrom(500, 502, 503, 504, 408),
  }),
  fc.record(
    { kind: fc.constant('throttle' as const), retryAfter: fc.integer({ min: 0, max: 3 }) },
    { requiredKeys: ['kind'] },
  ),
  fc.constant({ kind: 'html' as const }),
  fc.constant({ kind: 'empty' as const }),
  fc.constant({ kind: 'network' as const }),
  fc.record({ kind: fc.constant('client' as const), status: fc.constantFrom(400, 401, 404) }),
);

function respond(answer: Answer): Response {
  switch (answer.kind) {
    case 'ok':
      return Response.json({ ok: true });
    case 'status':
    case 'client':
      return new Response('{"error":"x"}', { status: answer.status });
    case 'throttle':
      return new Response('{}', {
        status: 429,
        headers:
          answer.retryAfter === undefined ? {} : { 'retry-after': String(answer.retryAfter) },
      });
    case 'html':
      return new Response('<html>bad gateway</html>', { status: 200 });
    case 'empty':
      return new Response('', { status: 200 });
    case 'network':
      throw new TypeError('fetch failed');
  }
}

const interpret = (response: TransportResponse): unknown => {
  assertHttpStatus(response, 'demo');
  return parseJsonResponse(response, 'demo');
};

/** What the policy predicts: attempts made, and success or the failing answer. */
function model(
  script: readonly Answer[],
  retries: number,
  idempotent: boolean,
): { attempts: number; ok: boolean; last: Answer } {
  for (let attempt = 1; ; attempt++) {
    const answer = script[attempt - 1] ?? { kind: 'ok' };
    if (answer.kind === 'ok') return { attempts: attempt, ok: true, last: answer };
    const retryable = answer.kind !== 'client';
    const mayRepeat = idempotent || answer.kind === 'throttle';
    if (!retryable || !mayRepeat || attempt > retries) {
      return { attempts: attempt, ok: false, last: answer };
    }
  }
}

describe('transport retry policy', () => {
  it('makes exactly the attempts the policy allows and ends as the model says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answerArb, { maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        async (script, retries, idempotent, maxDelayMs) => {
          let calls = 0;
          const signedAttempts: number[] = [];
          const events: TransportEvent[] = [];
          const transport = createTransport({
            provider: 'demo',
            baseURL: 'http://127.0.0.1:9',
            retry: { retries, baseDelayMs: 1, maxDelayMs },
            onEvent: (event) => events.push(event),
            fetch: async () => respond(script[calls++] ?? { kind: 'ok' }),
          });
          const expected = model(script, retries, idempotent);
          const outcome = await transport
            .request(
              {
                method: idempotent ? 'GET' : 'POST',
                path: '/x',
                body: idempotent ? undefined : '{}',
                operation: 'demo op',
                prepare: (request, attempt) => {
                  signedAttempts.push(attempt);
                  return {
                    ...request,
                    headers: { ...request.headers, 'x-attempt': String(attempt) },
                  };
                },
              },
              interpret,
            )
            .then(
              (value) => ({ value }),
              (error: unknown) => ({ error }),
            );
          expect(calls).toBe(expected.attempts);
          expect(signedAttempts).toEqual(
            Array.from({ length: expected.attempts }, (_, i) => i + 1),
          );
          const retriesSeen = events.filter((e) => e.type === 'retry');
          expect(retriesSeen).toHaveLength(expected.attempts - 1);
          for (const event of retriesSeen) {
            if (event.type !== 'retry') continue;
            expect(event.delayMs).toBeGreaterThanOrEqual(0);
            expect(event.delayMs).toBeLessThanOrEqual(maxDelayMs);
            // Retry-After is a floor (capped by maxDelayMs): never retry earlier than asked.
            if (event.error instanceof RateLimitedError && event.error.retryAfterMs !== undefined) {
              expect(event.delayMs).toBeGreaterThanOrEqual(
                Math.min(maxDelayMs, event.error.retryAfterMs),
              );
            }
          }
          if (expected.ok) {
            expect(outcome).toEqual({ value: { ok: true } });
            return;
          }
          expect('error' in outcome).toBe(true);
          const error = (outcome as { error: unknown }).error;
          expect(error).toBeInstanceOf(InvError);
          const last = expected.last;
          if (last.kind === 'throttle') expect(error).toBeInstanceOf(RateLimitedError);
          else expect(error).toBeInstanceOf(TransportError);
          expect((error as InvError).retryable).toBe(last.kind !== 'client');
          // Retries that ran out say so; a refusal that is not retryable is reported as is.
          const exhausted = last.kind !== 'client' && (idempotent || last.kind === 'throttle');
          if (expected.attempts > 1 && exhausted) {
            expect((error as Error).message).toContain(
              `gave up after ${expected.attempts} attempts`,
            );
          } else {
            expect((error as Error).message).not.toContain('gave up');
          }
          expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('an abort stops the attempts: no request after it, the abort reason is thrown', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), async (abortAt) => {
        const controller = new AbortController();
        const reason = new Error('stopped');
        let calls = 0;
        const transport = createTransport({
          provider: 'demo',
          baseURL: 'http://127.0.0.1:9',
          retry: { retries: 10, baseDelayMs: 0, maxDelayMs: 0 },
          fetch: async () => {
            calls++;
            if (calls === abortAt) controller.abort(reason);
            return new Response('', { status: 503 });
          },
        });
        const error = await transport
          .request({ method: 'GET', path: '/x', signal: controller.signal }, interpret)
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(calls).toBe(abortAt);
        expect(error).toBe(reason);
      }),
      { numRuns: 100, seed: SEED },
    );
  });
});

describe('failures name the operation', () => {
  it('the final error carries the operation for every kind of failure', async () => {
    await fc.assert(
      fc.asyncProperty(
        answerArb.filter((a) => a.kind !== 'ok'),
        fc.integer({ min: 0, max: 2 }),
        async (answer, retries) => {
          const transport = createTransport({
            provider: 'demo',
            baseURL: 'http://127.0.0.1:9',
            retry: { retries, baseDelayMs: 0, maxDelayMs: 0 },
            fetch: async () => respond(answer),
          });
          const error = (await transport
            .request({ method: 'GET', path: '/x', operation: 'inventory.pages page 7' }, interpret)
            .then(
              () => undefined,
              (caught: unknown) => caught,
            )) as InvError;
          expect(`${error.message} ${JSON.stringify(error.details)}`).toContain(
            'inventory.pages page 7',
          );
        },
      ),
      { numRuns: 100, seed: SEED },
    );
  });
});
