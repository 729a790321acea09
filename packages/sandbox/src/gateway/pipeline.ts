/**
 * The one pipeline both gateways run: read the request → identify the caller → the checks of the
 * provider's §7 (clock, nonce or replay, signature, session, rate limit, in the documented order)
 * → dispatch to an endpoint handler. The first refusal answers, in the provider's envelope.
 *
 * The steps are built once per gateway, not per request: the signed routes are benchmarked, and
 * the pipeline adds no closure or allocation the request did not already need.
 */
import type { Context } from 'hono';
import type { SandboxContext } from '../context.js';
import type { MatchKey } from '../record/match-key.js';
import { type Answer, type Envelope, Refusal } from './refusal.js';

/** One check of a request; a refusal stops the pipeline. */
export type Check<R> = (request: R) => Refusal | undefined;

/** One gateway: its envelope, how it reads a request, its checks in §7 order, its endpoints. */
export interface Gateway<R> {
  provider: 'kingdee' | 'winit';
  envelope: Envelope;
  /** Reads the request (route, headers or body) into the record the checks fill in. */
  read(c: Context): R | Refusal | Promise<R | Refusal>;
  /**
   * The named steps between reading and dispatching (`identify`, `checkClock`, `checkReplay`,
   * `verifySignature`, `rateLimit`, …) in the order the provider's protocol reference lists them.
   */
  checks: readonly Check<R>[];
  /** Answers an accepted request from its endpoint handler. */
  dispatch(request: R): Answer | Refusal | Promise<Answer | Refusal>;
  /** The request's key in a recording (record/match-key.ts); `undefined` is never replayed. */
  matchKey?(request: R): MatchKey | undefined;
}

/** The Hono handler running `gateway`'s pipeline, recording one log entry per request. */
export function gatewayHandler<R>(
  context: SandboxContext,
  gateway: Gateway<R>,
): (c: Context) => Promise<Response> {
  const { envelope, checks } = gateway;
  const { replay } = context;
  const run = async (c: Context): Promise<Answer> => {
    const request = await gateway.read(c);
    if (request instanceof Refusal) return envelope.refuse(request);
    for (const check of checks) {
      const refused = check(request);
      if (refused) return envelope.refuse(refused);
    }
    // Replay answers where the endpoint would, after every check (record/replayer.ts).
    const key = replay && gateway.matchKey?.(request);
    const answer = key ? replay(key) : await gateway.dispatch(request);
    return answer instanceof Refusal ? envelope.refuse(answer) : answer;
  };
  return async (c) => {
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await run(c);
    } catch (error) {
      answer = envelope.internalFailure(error);
    }
    context.record({
      provider: gateway.provider,
      method: c.req.method,
      route: answer.route ?? c.req.path,
      status: answer.status,
      verdict: answer.verdict,
      code: answer.code,
      mistake: answer.mistake,
      ms: performance.now() - started,
    });
    // A fresh headers object per answer: @hono/node-server writes the body's length into it.
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': JSON_CONTENT_TYPE, ...answer.headers },
    });
  };
}

const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';
